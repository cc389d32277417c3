import { mkdirSync, rmSync } from "node:fs"
import { resolve } from "node:path"
import { openDatabase } from "../../db/client"

export const TEMPLATE = resolve(".cache/test/template.db")

/** Migrates one template database; every test file copies it (tests/integration/db.ts). */
export default function setup() {
  mkdirSync(resolve(".cache/test"), { recursive: true })
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${TEMPLATE}${suffix}`, { force: true })
  const db = openDatabase(TEMPLATE)
  db.$client.pragma("wal_checkpoint(TRUNCATE)")
  db.$client.close()
}
