import { createHash, randomBytes } from "node:crypto"
import { redirect } from "@remix-run/node"
import { and, count, eq, gt, lt, sql } from "drizzle-orm"
import { isSecureCookie } from "~/env.server"
import { requireSameOrigin } from "~/utils/request.server"
import { type Db, getDb, schema } from "./db.server"
import { hashPassword, verifyPassword } from "./password.server"

const { people, sessions, loginFailures, managerScopes } = schema

export type Role = schema.Role
export type SessionUser = {
  id: number
  email: string
  name: string
  role: Role
  language: schema.Language
  jobFamily: schema.JobFamily
  unitId: number
}

const SESSION_COOKIE = "parat_session"
const SESSION_DAYS = 14
const FAILURE_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")

// ---------------------------------------------------------------- cookies

function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? ""
  const match = /(?:^|;\s*)parat_session=([A-Za-z0-9_-]{43})(?:;|$)/.exec(header)
  return match?.[1] ?? null
}

function sessionCookie(token: string, maxAgeSeconds: number) {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ]
  if (isSecureCookie) parts.push("Secure")
  return parts.join("; ")
}

// ---------------------------------------------------------------- sessions

/** Starts a new session (a fresh id on every login) and returns its Set-Cookie header. */
export function createSession(personId: number, db: Db = getDb()) {
  const token = randomBytes(32).toString("base64url") // 256 random bits
  db.insert(sessions)
    .values({ idHash: sha256(token), personId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) })
    .run()
  return sessionCookie(token, SESSION_DAYS * 86_400)
}

export function destroySession(request: Request, db: Db = getDb()) {
  const token = readSessionToken(request)
  if (token)
    db.delete(sessions)
      .where(eq(sessions.idHash, sha256(token)))
      .run()
  return sessionCookie("", 0)
}

export function revokeAllSessions(personId: number, db: Db = getDb()) {
  db.delete(sessions).where(eq(sessions.personId, personId)).run()
}

// The session lookup runs on every request: prepared once per connection (drizzle builds a query in about
// 0.1 ms; a prepared one runs in a few microseconds, see docs/performance.md).
function prepareSessionLookup(db: Db) {
  return db
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      role: people.role,
      language: people.language,
      jobFamily: people.jobFamily,
      unitId: people.unitId,
      isActive: people.isActive,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare()
}
const sessionLookups = new WeakMap<object, ReturnType<typeof prepareSessionLookup>>()

export function getUser(request: Request, db: Db = getDb()): SessionUser | null {
  const token = readSessionToken(request)
  if (!token) return null
  let lookup = sessionLookups.get(db.$client)
  if (!lookup) {
    lookup = prepareSessionLookup(db)
    sessionLookups.set(db.$client, lookup)
  }
  const row = lookup.get({ idHash: sha256(token) })
  if (!row || !row.isActive || row.expiresAt.getTime() < Date.now()) return null
  const { isActive: _active, expiresAt: _expires, ...user } = row
  return user
}

// ---------------------------------------------------------------- authorisation

// Actions must come from our own pages: a cross-site POST is refused (with sameSite=lax, a second wall).
export { requireSameOrigin }

export function requireUser(request: Request, db: Db = getDb()): SessionUser {
  requireSameOrigin(request)
  const user = getUser(request, db)
  if (!user) {
    const url = new URL(request.url)
    const redirectTo = `${url.pathname}${url.search}`
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
  }
  return user
}

export function requireRole(request: Request, roles: Role | Role[], db: Db = getDb()): SessionUser {
  const user = requireUser(request, db)
  const allowed = Array.isArray(roles) ? roles : [roles]
  if (!allowed.includes(user.role)) throw new Response("Forbidden", { status: 403 })
  return user
}

export function getManagerScopeUnitIds(personId: number, db: Db = getDb()): number[] {
  return db
    .select({ unitId: managerScopes.unitId })
    .from(managerScopes)
    .where(eq(managerScopes.personId, personId))
    .all()
    .map((row) => row.unitId)
}

/** Only same-site paths, so a crafted link cannot send a user elsewhere after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback
  // A control character (a line break) cannot go into a Location header: it would be a 500.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it looks for
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback
  return to
}

// ---------------------------------------------------------------- login

export type LoginOutcome =
  | { ok: true; cookie: string; user: { id: number; language: schema.Language } }
  | { ok: false; reason: "invalid" | "rate_limited" }

function recentFailures(key: string, db: Db) {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS)
  return (
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .get()?.n ?? 0
  )
}

export async function login(email: string, password: string, address: string, db: Db = getDb()) {
  const accountKey = `email:${email.toLowerCase()}`
  const addressKey = `ip:${address}`
  if (
    recentFailures(accountKey, db) >= MAX_FAILURES_PER_ACCOUNT ||
    recentFailures(addressKey, db) >= MAX_FAILURES_PER_ADDRESS
  ) {
    return { ok: false, reason: "rate_limited" } satisfies LoginOutcome
  }
  const person = db
    .select({
      id: people.id,
      passwordHash: people.passwordHash,
      isActive: people.isActive,
      language: people.language,
    })
    .from(people)
    .where(eq(people.email, email.toLowerCase()))
    .get()
  const isValid = await verifyPassword(person?.isActive ? person.passwordHash : null, password)
  if (!person || !isValid) {
    const now = new Date()
    db.transaction((tx) => {
      tx.insert(loginFailures)
        .values([
          { key: accountKey, at: now },
          { key: addressKey, at: now },
        ])
        .run()
      tx.delete(loginFailures)
        .where(lt(loginFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS)))
        .run()
    })
    return { ok: false, reason: "invalid" } satisfies LoginOutcome
  }
  db.delete(loginFailures).where(eq(loginFailures.key, accountKey)).run()
  return {
    ok: true,
    cookie: createSession(person.id, db),
    user: { id: person.id, language: person.language },
  } satisfies LoginOutcome
}

export async function changePassword(
  personId: number,
  current: string,
  next: string,
  db: Db = getDb(),
): Promise<"ok" | "wrong_current"> {
  const row = db
    .select({ passwordHash: people.passwordHash })
    .from(people)
    .where(eq(people.id, personId))
    .get()
  if (!(await verifyPassword(row?.passwordHash ?? null, current))) return "wrong_current"
  const passwordHash = await hashPassword(next)
  db.update(people).set({ passwordHash }).where(eq(people.id, personId)).run()
  return "ok"
}

export function setLanguage(personId: number, language: schema.Language, db: Db = getDb()) {
  db.update(people).set({ language }).where(eq(people.id, personId)).run()
}

/**
 * The client's address as the server worked it out (scripts/http-app.js): the socket's, or behind trusted proxies
 * (PARAT_TRUST_PROXY) the X-Forwarded-For entry the nearest trusted proxy added, never one the client chose.
 */
export function clientAddress(_request: Request, context: { ip?: unknown } | undefined) {
  return typeof context?.ip === "string" ? context.ip : "unknown"
}
