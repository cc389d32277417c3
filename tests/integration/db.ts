import { copyFileSync } from "node:fs"
import { resolve } from "node:path"
import { type Db, openDatabase } from "../../db/client"
import { seedDemoOrganisation } from "../../db/seed"

let counter = 0

/** A private copy of the migrated template database, made the process-wide database for services and loaders. */
export function createTestDb(): Db {
  counter++
  const path = resolve(`.cache/test/db-${process.pid}-${counter}-${Date.now()}.db`)
  copyFileSync(resolve(".cache/test/template.db"), path)
  const db = openDatabase(path)
  ;(globalThis as unknown as { __paratDb?: Db }).__paratDb = db
  return db
}

// A real Argon2id hash of "parat-demo", computed once per test file.
let demoHash: Promise<string> | undefined
export async function seededTestDb(): Promise<Db> {
  const { hashPassword } = await import("../../app/services/password.server")
  demoHash ??= hashPassword("parat-demo")
  const db = createTestDb()
  seedDemoOrganisation(db, await demoHash)
  return db
}

/** A request as the browser would send it, with an optional cookie header. */
export function makeRequest(
  path: string,
  init: RequestInit & { cookie?: string; form?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers)
  if (init.cookie) headers.set("Cookie", init.cookie)
  let body = init.body
  if (init.form) {
    body = new URLSearchParams(init.form)
    headers.set("Content-Type", "application/x-www-form-urlencoded")
    headers.set("Origin", "http://localhost")
  }
  return new Request(`http://localhost${path}`, {
    ...init,
    headers,
    body,
    method: init.form ? "POST" : init.method,
  })
}

/** The session cookie of a demo user, as the login action would set it. */
export async function loginCookie(email: string) {
  const { login } = await import("../../app/services/auth.server")
  const outcome = await login(email, "parat-demo", `test-${Math.random()}`)
  if (!outcome.ok) throw new Error(`demo login failed for ${email}`)
  return outcome.cookie.split(";")[0]!
}
