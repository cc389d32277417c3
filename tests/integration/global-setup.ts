import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import { eq } from "drizzle-orm"
import type { TestProject } from "vitest/node"
import { openDatabase } from "../../db/client"
import { people } from "../../db/schema"
import {
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  seedDemoOrganisation,
} from "../../scripts/seed/demo"

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's folder: the two template databases and every test's copy of one; removed after the run. */
    testDbDir: string
  }
}

/**
 * Builds two templates once per run: the migrated schema, and the same with the demo organisation seeded and the
 * content synced.
 * Each test copies one (tests/integration/db.ts). The run's folder is removed when the run ends.
 */
export default async function setup(project: TestProject) {
  mkdirSync(resolve(".cache/test"), { recursive: true })
  const dir = mkdtempSync(join(resolve(".cache/test"), "run-"))
  const empty = openDatabase(join(dir, "empty.db"))
  empty.$client.pragma("wal_checkpoint(TRUNCATE)")
  empty.$client.close()

  const { hashPassword } = await import("../../app/services/password.server")
  const demo = openDatabase(join(dir, "demo.db"))
  seedDemoOrganisation(demo, await hashPassword(DEMO_PASSWORD))
  // As npm run db:seed: the demo admin signs in with the published two-factor secret (sealed with a key file in
  // this run's folder, beside every copy).
  const { enrolKnownSecret } = await import("../../app/services/two-factor.server")
  const admin = demo.select({ id: people.id }).from(people).where(eq(people.email, DEMO_ADMIN_EMAIL)).get()
  if (admin) enrolKnownSecret(admin.id, DEMO_TOTP_SECRET, demo)
  // As the server does at start-up: the content on disk in the database (modules, wiki index, instruments).
  const { syncContent } = await import("../../app/services/content-sync.server")
  syncContent(demo)
  demo.$client.pragma("wal_checkpoint(TRUNCATE)")
  demo.$client.close()

  project.provide("testDbDir", dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
