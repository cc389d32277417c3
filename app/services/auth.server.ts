import { createHash, randomBytes } from "node:crypto"
import { redirect } from "@remix-run/node"
import { and, count, eq, gt, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm"
import { env, isSecureRequest } from "~/env.server"
import { requireSameOrigin } from "~/utils/request.server"
import { safeRedirect } from "~/utils/safe-redirect"
import { recordAudit } from "./audit.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { hashPassword, verifyPassword } from "./password.server"
import { findPasswordWeakness, type PasswordWeakness } from "./password-strength.server"
import { hasConfirmedTwoFactor, verifySecondFactor } from "./two-factor.server"

const {
  people,
  sessions,
  loginFailures,
  managerScopes,
  passwordResets,
  signInChallenges,
  totpCredentials,
  twoFactorRecoveries,
} = schema

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
/**
 * The person behind a request's session, whether they sign in with a second factor of Parat's, whether the identity
 * provider vouched for one at this sign-in, and whether a recovery by e-mail left them to set up a new one.
 */
export type SignedInUser = SessionUser & {
  hasTwoFactor: boolean
  isMfaByIdp: boolean
  mustEnrolTwoFactor: boolean
}

const SESSION_COOKIE = "parat_session"
const CHALLENGE_COOKIE = "parat_sign_in"
const CHALLENGE_MS = 5 * 60 * 1000
// The idle clock is written at most this often, so a page with several requests writes once.
const TOUCH_EVERY_MS = 60 * 1000
const FAILURE_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export const sessionPolicy = {
  idleMs: env.PARAT_SESSION_IDLE_MINUTES * 60 * 1000,
  maxMs: env.PARAT_SESSION_MAX_HOURS * 60 * 60 * 1000,
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")
const newToken = () => randomBytes(32).toString("base64url") // 256 random bits

// ---------------------------------------------------------------- cookies

/**
 * Over https a cookie is Secure and, with the __Host- prefix, the browser guarantees it was set by this very host
 * for Path=/ with no Domain, so a sibling subdomain cannot plant one. Over plain http (development, tests) the
 * browser would refuse the prefix, so the plain name is used.
 */
function cookieName(request: Request, base: string) {
  return isSecureRequest(request) ? `__Host-${base}` : base
}

function readToken(request: Request, base: string): string | null {
  const name = cookieName(request, base)
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, value] = part.trim().split("=", 2)
    if (key === name && value && /^[A-Za-z0-9_-]{43}$/.test(value)) return value
  }
  return null
}

function buildCookie(request: Request, base: string, value: string, maxAgeSeconds: number) {
  const parts = [
    `${cookieName(request, base)}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ]
  if (isSecureRequest(request)) parts.push("Secure")
  return parts.join("; ")
}

// ---------------------------------------------------------------- sessions

/**
 * Starts a new session (a fresh id on every sign-in) and returns its Set-Cookie header. The one way in: the
 * password sign-in and any other (single sign-on) call this once the person is known.
 */
export function createSession(
  personId: number,
  request: Request,
  db: Db = getDb(),
  { isMfaByIdp = false }: { isMfaByIdp?: boolean } = {},
) {
  const token = newToken()
  const now = Date.now()
  db.insert(sessions)
    .values({
      idHash: sha256(token),
      personId,
      expiresAt: new Date(now + sessionPolicy.maxMs),
      lastSeenAt: new Date(now),
      isMfaByIdp,
    })
    .run()
  return buildCookie(request, SESSION_COOKIE, token, Math.floor(sessionPolicy.maxMs / 1000))
}

/** Ends this browser's session and returns the Set-Cookie header that clears it. */
export function destroySession(request: Request, db: Db = getDb()) {
  const token = readToken(request, SESSION_COOKIE)
  if (token) {
    const ended = db
      .delete(sessions)
      .where(eq(sessions.idHash, sha256(token)))
      .returning({ personId: sessions.personId })
      .get()
    if (ended) recordAudit(db, ended.personId, "auth.sign_out", `person:${ended.personId}`)
  }
  return buildCookie(request, SESSION_COOKIE, "", 0)
}

export function revokeAllSessions(personId: number, db: Pick<Db, "delete"> = getDb()) {
  db.delete(sessions).where(eq(sessions.personId, personId)).run()
}

/** Ends every session of these people (deactivation, also by import); in the caller's transaction. */
export function revokeSessionsOf(personIds: number[], db: Pick<Db, "delete"> = getDb()) {
  for (let i = 0; i < personIds.length; i += 500) {
    db.delete(sessions)
      .where(inArray(sessions.personId, personIds.slice(i, i + 500)))
      .run()
  }
}

/** Ends the person's other sessions, keeping the one this request came with. */
function revokeOtherSessions(personId: number, request: Request, db: DbOrTx) {
  const token = readToken(request, SESSION_COOKIE)
  db.delete(sessions)
    .where(and(eq(sessions.personId, personId), token ? ne(sessions.idHash, sha256(token)) : undefined))
    .run()
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
      lastSeenAt: sessions.lastSeenAt,
      isMfaByIdp: sessions.isMfaByIdp,
      mustEnrolTwoFactor: people.mustEnrolTwoFactor,
      twoFactorAt: totpCredentials.confirmedAt,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .leftJoin(totpCredentials, eq(totpCredentials.personId, people.id))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare()
}
function prepareSessionTouch(db: Db) {
  return db
    .update(sessions)
    .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare()
}
const prepared = new WeakMap<
  object,
  { lookup: ReturnType<typeof prepareSessionLookup>; touch: ReturnType<typeof prepareSessionTouch> }
>()

/** The signed-in person, or null when there is no session or it has ended (idle, too old, deactivated). */
export function getUser(request: Request, db: Db = getDb()): SignedInUser | null {
  const token = readToken(request, SESSION_COOKIE)
  if (!token) return null
  let statements = prepared.get(db.$client)
  if (!statements) {
    statements = { lookup: prepareSessionLookup(db), touch: prepareSessionTouch(db) }
    prepared.set(db.$client, statements)
  }
  const idHash = sha256(token)
  const row = statements.lookup.get({ idHash })
  if (!row) return null
  const now = Date.now()
  if (!row.isActive || !isSessionAlive(row, now)) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run()
    return null
  }
  if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) statements.touch.run({ idHash, now })
  const { isActive: _active, expiresAt: _expires, lastSeenAt: _seen, twoFactorAt, ...user } = row
  return { ...user, hasTwoFactor: twoFactorAt !== null }
}

function isSessionAlive(session: { expiresAt: Date; lastSeenAt: Date }, now: number) {
  return session.expiresAt.getTime() > now && session.lastSeenAt.getTime() + sessionPolicy.idleMs > now
}

/**
 * Deletes what can no longer be used: sessions past their absolute or idle end, reset tokens that are used or
 * expired, unfinished sign-ins, sign-in attempts older than the throttle window and two-factor recovery links older
 * than a day. For the retention schedule.
 */
export function purgeExpiredSessions(db: Db = getDb(), now: Date = new Date()) {
  const at = now.getTime()
  return db.transaction((tx) => ({
    sessions: tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(at - sessionPolicy.idleMs))))
      .run().changes,
    resetTokens: tx
      .delete(passwordResets)
      .where(or(isNotNull(passwordResets.usedAt), lt(passwordResets.expiresAt, now)))
      .run().changes,
    signInChallenges: tx.delete(signInChallenges).where(lt(signInChallenges.expiresAt, now)).run().changes,
    loginAttempts: tx
      .delete(loginFailures)
      .where(lt(loginFailures.at, new Date(at - FAILURE_WINDOW_MS)))
      .run().changes,
    // expired within 30 minutes; kept a day for the rate limit on asking
    recoveryLinks: tx
      .delete(twoFactorRecoveries)
      .where(lt(twoFactorRecoveries.createdAt, new Date(at - 86_400_000)))
      .run().changes,
  }))
}

// ---------------------------------------------------------------- authorisation

export function requireUser(request: Request, db: Db = getDb()): SignedInUser {
  requireSameOrigin(request)
  const user = getUser(request, db)
  if (!user) {
    const url = new URL(request.url)
    const redirectTo = `${url.pathname}${url.search}`
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
  }
  // After a recovery by e-mail, a new authenticator comes first (unless the provider did a second factor).
  if (
    needsSecondFactor(user) &&
    user.mustEnrolTwoFactor &&
    new URL(request.url).pathname !== TWO_FACTOR_PATH
  ) {
    throw redirect(`${TWO_FACTOR_PATH}?required=1`)
  }
  return user
}

export const TWO_FACTOR_PATH = "/account/two-factor"

/** Whether this session lacks a second factor: none of Parat's is set up and the provider vouched for none. */
const needsSecondFactor = (user: SignedInUser) => !user.hasTwoFactor && !user.isMfaByIdp

/**
 * A signed-in person with one of the roles. An admin works only with a second factor: Parat's own, or the
 * identity provider's when its ID token says so (docs/decisions/014-oidc-and-outbox.md); else they set one up.
 */
export function requireRole(request: Request, roles: Role | Role[], db: Db = getDb()): SignedInUser {
  const user = requireUser(request, db)
  const allowed = Array.isArray(roles) ? roles : [roles]
  if (!allowed.includes(user.role)) throw new Response("Forbidden", { status: 403 })
  if (user.role === "admin" && needsSecondFactor(user)) throw redirect(`${TWO_FACTOR_PATH}?required=1`)
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

// ---------------------------------------------------------------- login throttle

function recentAttempts(key: string, since: Date, db: Pick<Db, "select">) {
  return (
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .get()?.n ?? 0
  )
}

/**
 * Counts an attempt before its password or code is checked: within one write transaction, so parallel attempts
 * see each other and at most the limit get through to the (slow, asynchronous) check. Returns the rows written,
 * or null when a limit is reached.
 */
function reserveAttempt(keys: { key: string; max: number }[], db: Db): number[] | null {
  const now = new Date()
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS)
  return db.transaction(
    (tx) => {
      if (keys.some(({ key, max }) => recentAttempts(key, since, tx) >= max)) return null
      return tx
        .insert(loginFailures)
        .values(keys.map(({ key }) => ({ key, at: now })))
        .returning({ id: loginFailures.id })
        .all()
        .map((row) => row.id)
    },
    { behavior: "immediate" },
  )
}

/** A successful attempt: forget the account's failures, and this attempt's own row for the address. */
function clearAttempts(accountKey: string, attemptIds: number[], db: Db) {
  db.delete(loginFailures)
    .where(or(eq(loginFailures.key, accountKey), inArray(loginFailures.id, attemptIds)))
    .run()
}

// ---------------------------------------------------------------- sign-in

export type LoginInput = { email: string; password: string; address: string; redirectTo?: string | null }

export type LoginOutcome =
  | {
      ok: true
      step: "done"
      cookie: string
      redirectTo: string
      user: { id: number; language: schema.Language }
    }
  /** the password was right; the cookie carries the pending sign-in to the two-factor step */
  | { ok: true; step: "second_factor"; cookie: string }
  | { ok: false; reason: "invalid" | "rate_limited" }

export async function login(request: Request, input: LoginInput, db: Db = getDb()): Promise<LoginOutcome> {
  const email = input.email.toLowerCase()
  const accountKey = `email:${email}`
  const attempt = reserveAttempt(
    [
      { key: accountKey, max: MAX_FAILURES_PER_ACCOUNT },
      { key: `ip:${input.address}`, max: MAX_FAILURES_PER_ADDRESS },
    ],
    db,
  )
  const person = db
    .select({
      id: people.id,
      passwordHash: people.passwordHash,
      isActive: people.isActive,
      language: people.language,
    })
    .from(people)
    .where(eq(people.email, email))
    .get()
  if (!attempt) {
    recordAudit(db, person?.id ?? null, "auth.sign_in_failed", person ? `person:${person.id}` : null, {
      ...(person ? {} : { email: email.slice(0, 254) }),
      reason: "rate_limited",
      address: input.address,
    })
    return { ok: false, reason: "rate_limited" }
  }
  const isValid = await verifyPassword(person?.isActive ? person.passwordHash : null, input.password)
  if (!person || !isValid) {
    recordAudit(db, person?.id ?? null, "auth.sign_in_failed", person ? `person:${person.id}` : null, {
      ...(person ? {} : { email: email.slice(0, 254) }),
      reason: "invalid_password",
      address: input.address,
    })
    return { ok: false, reason: "invalid" }
  }
  const redirectTo = safeRedirect(input.redirectTo)
  if (hasConfirmedTwoFactor(person.id, db)) {
    // Only this attempt's rows go: the account's failed codes still count until the whole sign-in succeeds, so
    // the right password cannot buy fresh guesses at the code.
    db.delete(loginFailures).where(inArray(loginFailures.id, attempt)).run()
    return {
      ok: true,
      step: "second_factor",
      cookie: startSecondStep(person.id, redirectTo, "password", request, db),
    }
  }
  clearAttempts(accountKey, attempt, db)
  recordAudit(db, person.id, "auth.sign_in", `person:${person.id}`, {
    method: "password",
    address: input.address,
  })
  return {
    ok: true,
    step: "done",
    cookie: createSession(person.id, request, db),
    redirectTo,
    user: { id: person.id, language: person.language },
  }
}

/**
 * A first step is done (the password, or a single sign-on without the provider's second factor): remember the
 * sign-in for five minutes and return the cookie that takes the browser to the code step.
 */
export function startSecondStep(
  personId: number,
  redirectTo: string,
  firstStep: "password" | "sso",
  request: Request,
  db: Db = getDb(),
) {
  const token = newToken()
  db.insert(signInChallenges)
    .values({
      tokenHash: sha256(token),
      personId,
      redirectTo,
      firstStep,
      expiresAt: new Date(Date.now() + CHALLENGE_MS),
    })
    .run()
  return buildCookie(request, CHALLENGE_COOKIE, token, CHALLENGE_MS / 1000)
}

function findChallenge(request: Request, db: Db) {
  const token = readToken(request, CHALLENGE_COOKIE)
  if (!token) return null
  const row = db
    .select({
      tokenHash: signInChallenges.tokenHash,
      personId: signInChallenges.personId,
      redirectTo: signInChallenges.redirectTo,
      firstStep: signInChallenges.firstStep,
      expiresAt: signInChallenges.expiresAt,
      email: people.email,
      language: people.language,
      isActive: people.isActive,
    })
    .from(signInChallenges)
    .innerJoin(people, eq(people.id, signInChallenges.personId))
    .where(eq(signInChallenges.tokenHash, sha256(token)))
    .get()
  if (!row?.isActive || row.expiresAt.getTime() <= Date.now()) return null
  return row
}

/** Whether this browser has a sign-in waiting for its second step. */
export function hasPendingSignIn(request: Request, db: Db = getDb()) {
  return findChallenge(request, db) !== null
}

/** The person whose sign-in waits for its second step in this browser (their first step succeeded), or null. */
export function pendingSignInPerson(request: Request, db: Db = getDb()) {
  const challenge = findChallenge(request, db)
  return challenge ? { personId: challenge.personId, language: challenge.language } : null
}

export type SecondFactorOutcome =
  | {
      ok: true
      cookies: string[]
      redirectTo: string
      user: { id: number; language: schema.Language }
    }
  | { ok: false; reason: "expired" | "invalid" | "rate_limited" }

/**
 * The second step of a sign-in: a code from the authenticator app or an unused recovery code. Attempts count
 * against the same limits as passwords, before the code is checked.
 */
export function completeSignIn(
  request: Request,
  input: { code: string; address: string },
  db: Db = getDb(),
  now: number = Date.now(),
): SecondFactorOutcome {
  const challenge = findChallenge(request, db)
  if (!challenge) return { ok: false, reason: "expired" }
  const accountKey = `email:${challenge.email}`
  const attempt = reserveAttempt(
    [
      { key: accountKey, max: MAX_FAILURES_PER_ACCOUNT },
      { key: `ip:${input.address}`, max: MAX_FAILURES_PER_ADDRESS },
    ],
    db,
  )
  const target = `person:${challenge.personId}`
  if (!attempt) {
    recordAudit(db, challenge.personId, "auth.sign_in_failed", target, {
      reason: "rate_limited",
      step: "second_factor",
      address: input.address,
    })
    return { ok: false, reason: "rate_limited" }
  }
  const method = verifySecondFactor(challenge.personId, input.code, db, now)
  if (!method) {
    recordAudit(db, challenge.personId, "auth.sign_in_failed", target, {
      reason: "invalid_code",
      address: input.address,
    })
    return { ok: false, reason: "invalid" }
  }
  clearAttempts(accountKey, attempt, db)
  db.delete(signInChallenges).where(eq(signInChallenges.tokenHash, challenge.tokenHash)).run()
  if (method === "recovery_code") recordAudit(db, challenge.personId, "auth.recovery_code_use", target)
  recordAudit(db, challenge.personId, "auth.sign_in", target, {
    method: `${challenge.firstStep}+${method}`,
    address: input.address,
  })
  return {
    ok: true,
    cookies: [createSession(challenge.personId, request, db), buildCookie(request, CHALLENGE_COOKIE, "", 0)],
    redirectTo: challenge.redirectTo,
    user: { id: challenge.personId, language: challenge.language },
  }
}

// ---------------------------------------------------------------- passwords

export type PasswordChangeOutcome = "ok" | "wrong_current" | PasswordWeakness

/**
 * Sets a new password after checking the current one. The session of this request stays (the page that follows
 * loads with it, with or without JavaScript); every other session of the person ends.
 */
export async function changePassword(
  request: Request,
  personId: number,
  current: string,
  next: string,
  db: Db = getDb(),
): Promise<PasswordChangeOutcome> {
  const row = db
    .select({ passwordHash: people.passwordHash, email: people.email, name: people.name })
    .from(people)
    .where(eq(people.id, personId))
    .get()
  if (!row || !(await verifyPassword(row.passwordHash, current))) return "wrong_current"
  const weakness = findPasswordWeakness(next, [row.email, row.name])
  if (weakness) return weakness
  const passwordHash = await hashPassword(next)
  db.transaction((tx) => {
    tx.update(people).set({ passwordHash }).where(eq(people.id, personId)).run()
    revokeOtherSessions(personId, request, tx)
    recordAudit(tx, personId, "auth.password_change", `person:${personId}`)
  })
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
