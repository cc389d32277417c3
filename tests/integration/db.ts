import { copyFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { eq } from "drizzle-orm"
import { inject } from "vitest"
import { type Db, getDb, openDatabase, setDb } from "../../db/client"
import { people } from "../../db/schema"

export type TemplateKind = "demo" | "empty"

type Opened = { db: Db; path: string; scope: "test" | "file" }
const opened: Opened[] = []
let scope: Opened["scope"] = "file"
let counter = 0

/**
 * A private copy of a template database, made the app's database (setDb) for services and loaders.
 * "demo" holds the demo organisation (password "parat-demo") and the synced content; "empty" only the schema; a database copies that
 * database (data a file builds once in beforeAll, then copied fresh for each test). Called in a test or
 * beforeEach, the copy is closed and deleted after that test; called in beforeAll, after the file.
 * Pass `{ current: false }` for a second database that the app should not use.
 */
export function testDb(from: TemplateKind | Db = "demo", { current = true } = {}): Db {
  counter++
  const path = join(inject("testDbDir"), `copy-${process.pid}-${counter}.db`)
  if (typeof from === "string") copyFileSync(join(inject("testDbDir"), `${from}.db`), path)
  else {
    from.$client.pragma("wal_checkpoint(TRUNCATE)")
    copyFileSync(from.$client.name, path)
  }
  const db = openDatabase(path)
  opened.push({ db, path, scope })
  if (current) setDb(db)
  return db
}

function release(which: Opened["scope"]) {
  for (let i = opened.length - 1; i >= 0; i--) {
    const copy = opened[i]!
    if (which === "test" && copy.scope !== "test") continue
    opened.splice(i, 1)
    copy.db.$client.close()
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${copy.path}${suffix}`, { force: true })
  }
  // Back to the file's database, if beforeAll opened one; otherwise nothing (a stray use fails loudly).
  setDb(opened.at(-1)?.db)
}

/** Hooks for tests/setup.ts: copies opened during a test live until its end, others until the file's end. */
export const testDbHooks = {
  beforeEach() {
    scope = "test"
  },
  afterEach() {
    release("test")
    scope = "file"
  },
  afterAll() {
    release("file")
  },
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

/**
 * The session cookie of an active person, made by the app's session service as a login makes it (without
 * spending an Argon2 hash on each test, nor the admin's two-factor step: both are tested in foundation.test.ts,
 * accounts.test.ts and two-factor.test.ts).
 */
export async function loginCookie(email: string) {
  const { createSession } = await import("../../app/services/auth.server")
  const db = getDb()
  const person = db.select().from(people).where(eq(people.email, email)).get()
  if (!person?.isActive) throw new Error(`no active person ${email} to log in`)
  return createSession(person.id, makeRequest("/login"), db).split(";")[0]!
}

/** A sign-in attempt through the service, as the login action makes it. */
export async function tryLogin(email: string, password: string, address = `test-${Math.random()}`) {
  const { login } = await import("../../app/services/auth.server")
  return login(makeRequest("/login"), { email, password, address })
}

/**
 * What a loader or action answered, as the Response the browser gets: a Response as it is, a `data(value, init)`
 * as JSON with its status and headers, a plain object as a 200 JSON body.
 */
export function asResponse(result: unknown): Response {
  if (result instanceof Response) return result
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null }
    return Response.json(data, init ?? undefined)
  }
  return Response.json(result)
}
