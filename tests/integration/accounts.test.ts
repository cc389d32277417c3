import { and, count, eq, like } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { parseEnv } from "~/env.server"
import { action as languageAction } from "~/routes/language"
import { action as loginAction } from "~/routes/login"
import { action as logoutAction } from "~/routes/logout"
import { importPeople } from "~/services/admin-import.server"
import { createPasswordReset, setPersonActive } from "~/services/admin-people.server"
import {
  createSession,
  getUser,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  purgeExpiredSessions,
  sessionPolicy,
} from "~/services/auth.server"
import type { Db } from "../../db/client"
import { auditLog, passwordResets, people, sessions, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { asResponse, loginCookie, makeRequest, testDb, tryLogin } from "./db"

let db: Db
let unitId: number
let adminId: number
beforeEach(() => {
  db = testDb()
  unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  adminId = db.select({ id: people.id }).from(people).where(eq(people.email, "admin@parat.test")).get()!.id
})

const DEMO_HASH = () =>
  db.select({ h: people.passwordHash }).from(people).where(eq(people.email, "employee@parat.test")).get()!.h

/** A fresh person with the demo password, so each test has its own account. */
function newPerson(tag: string) {
  const email = `${tag}.${Math.random().toString(36).slice(2)}@accounts.parat.test`
  const id = ensurePerson(db, {
    email,
    name: `Test ${tag}`,
    jobFamily: "nurse",
    unitId,
    passwordHash: DEMO_HASH(),
  })
  return { id, email }
}

const sessionRow = (cookie: string) => {
  const user = getUser(makeRequest("/", { cookie }))
  return user ? db.select().from(sessions).where(eq(sessions.personId, user.id)).all() : []
}

// ---------------------------------------------------------------- throttle

test("40 parallel sign-in attempts on one account get at most the limit checked", async () => {
  const { email } = newPerson("parallel")
  const outcomes = await Promise.all(
    Array.from({ length: 40 }, (_, i) => tryLogin(email, `wrong-${i}`, `198.51.100.${i}`)),
  )
  const checked = outcomes.filter((o) => !o.ok && o.reason === "invalid").length
  expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT)
  expect(outcomes.filter((o) => !o.ok && o.reason === "rate_limited").length).toBe(40 - checked)
  expect(await tryLogin(email, "parat-demo")).toEqual({ ok: false, reason: "rate_limited" })
})

test("40 parallel attempts from one address on many accounts get at most the address limit checked", async () => {
  const address = `203.0.113.${Math.floor(Math.random() * 250)}`
  const accounts = Array.from({ length: 40 }, () => newPerson("address"))
  const outcomes = await Promise.all(accounts.map(({ email }) => tryLogin(email, "wrong", address)))
  expect(outcomes.filter((o) => !o.ok && o.reason === "invalid").length).toBeLessThanOrEqual(
    MAX_FAILURES_PER_ADDRESS,
  )
})

test("successful sign-ins do not use up the address's allowance", async () => {
  const { email } = newPerson("busy-ward")
  const address = "192.0.2.200"
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS + 3; i++) {
    expect((await tryLogin(email, "parat-demo", address)).ok).toBe(true)
  }
})

// ---------------------------------------------------------------- redirects

test("after login, redirectTo never leaves the site (tab, line break, backslash, dot segments)", async () => {
  for (const redirectTo of [
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\r\n/evil.example",
    "/.//evil.example",
  ]) {
    const response = (await loginAction({
      request: makeRequest("/login", {
        form: { email: "employee@parat.test", password: "parat-demo", redirectTo },
      }),
      params: {},
      context: { ip: `10.1.1.${Math.floor(Math.random() * 250)}` },
    })) as Response
    expect(response.status, JSON.stringify(redirectTo)).toBe(302)
    expect(response.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/")
  }
})

test("the language switch never sends the browser off the site", async () => {
  for (const redirectTo of ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example"]) {
    const response = (await languageAction({
      request: makeRequest("/language", { form: { lang: "en", redirectTo } }),
      params: {},
      context: {},
    })) as Response
    expect(response.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/")
  }
})

// ---------------------------------------------------------------- sessions

test("session limits default to 30 minutes idle and 12 hours in all, and can be configured", () => {
  expect(parseEnv({})).toMatchObject({ PARAT_SESSION_IDLE_MINUTES: 30, PARAT_SESSION_MAX_HOURS: 12 })
  expect(parseEnv({ PARAT_SESSION_IDLE_MINUTES: "10", PARAT_SESSION_MAX_HOURS: "8" })).toMatchObject({
    PARAT_SESSION_IDLE_MINUTES: 10,
    PARAT_SESSION_MAX_HOURS: 8,
  })
  expect(() => parseEnv({ PARAT_SESSION_IDLE_MINUTES: "0" })).toThrow()
  expect(sessionPolicy).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 })
})

test("a session ends after 30 idle minutes, and activity keeps it alive", async () => {
  const { id } = newPerson("idle")
  const cookie = createSession(id, makeRequest("/"), db).split(";")[0]!
  const setLastSeen = (minutesAgo: number) =>
    db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - minutesAgo * 60_000) })
      .where(eq(sessions.personId, id))
      .run()
  setLastSeen(29)
  expect(getUser(makeRequest("/", { cookie }))?.id).toBe(id)
  // That request counted as activity: the idle clock starts again.
  const seen = db
    .select({ at: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.personId, id))
    .get()!.at
  expect(Date.now() - seen.getTime()).toBeLessThan(60_000)
  setLastSeen(31)
  expect(getUser(makeRequest("/", { cookie }))).toBeNull()
})

test("a session ends 12 hours after sign-in however active", async () => {
  const { id } = newPerson("absolute")
  const cookie = createSession(id, makeRequest("/"), db).split(";")[0]!
  const row = db.select().from(sessions).where(eq(sessions.personId, id)).get()!
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(12 * 3_600_000 - 5_000)
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(12 * 3_600_000 + 5_000)
  db.update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
    .where(eq(sessions.personId, id))
    .run()
  expect(getUser(makeRequest("/", { cookie }))).toBeNull()
})

test("over https the session cookie is __Host- and Secure; over http it has the plain name", async () => {
  const { id } = newPerson("cookie")
  const https = createSession(id, new Request("https://parat.example/login"), db)
  expect(https).toMatch(
    /^__Host-parat_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/,
  )
  expect(https).not.toMatch(/Domain/i)
  const http = createSession(id, makeRequest("/login"), db)
  expect(http).toMatch(/^parat_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/)
  // Each name is read only on its own scheme, so a plain cookie planted over http does not count over https.
  const secureToken = https.split(";")[0]!.split("=")[1]
  const plainToken = http.split(";")[0]!.split("=")[1]
  const over = (url: string, cookie: string) => getUser(new Request(url, { headers: { Cookie: cookie } }))
  expect(over("https://parat.example/", `__Host-parat_session=${secureToken}`)?.id).toBe(id)
  expect(over("https://parat.example/", `parat_session=${plainToken}`)).toBeNull()
  expect(over("http://localhost/", `__Host-parat_session=${secureToken}`)).toBeNull()
})

test("deactivating people by import ends their sessions, which stay ended after reactivation", async () => {
  const { id, email } = newPerson("imported")
  const cookie = await loginCookie(email)
  expect(sessionRow(cookie)).toHaveLength(1)
  const keep = db
    .select({ email: people.email, name: people.name })
    .from(people)
    .where(eq(people.id, adminId))
    .get()!
  // A file holding only the admin: everyone else is missing and, when asked, deactivated.
  const file = new TextEncoder().encode(
    `name,email,unit,job_family\n${keep.name},${keep.email},RDEMO,it_data\n`,
  )
  const outcome = importPeople(file, adminId, { deactivateMissing: true }, db)
  expect(outcome).toMatchObject({ ok: true })
  expect(db.select({ n: count() }).from(sessions).where(eq(sessions.personId, id)).get()!.n).toBe(0)
  expect(setPersonActive(adminId, id, true, db)).toEqual({ ok: true })
  expect(getUser(makeRequest("/", { cookie }))).toBeNull()
})

test("the purge deletes ended sessions and used or expired reset tokens, and keeps the rest", async () => {
  const { id } = newPerson("purge")
  const live = createSession(id, makeRequest("/"), db).split(";")[0]!
  createSession(id, makeRequest("/"), db)
  createSession(id, makeRequest("/"), db)
  const [, idle, old] = db.select().from(sessions).where(eq(sessions.personId, id)).all()
  db.update(sessions)
    .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
    .where(eq(sessions.idHash, idle!.idHash))
    .run()
  db.update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1) })
    .where(eq(sessions.idHash, old!.idHash))
    .run()
  const valid = createPasswordReset(adminId, id, db)
  expect(valid.ok).toBe(true)
  const now = new Date()
  db.insert(passwordResets)
    .values([
      { tokenHash: `used-${id}`, personId: id, expiresAt: new Date(now.getTime() + 3_600_000), usedAt: now },
      { tokenHash: `expired-${id}`, personId: id, expiresAt: new Date(now.getTime() - 1) },
    ])
    .run()
  const purged = purgeExpiredSessions(db, now)
  expect(purged.sessions).toBeGreaterThanOrEqual(2)
  expect(purged.resetTokens).toBeGreaterThanOrEqual(2)
  expect(db.select().from(sessions).where(eq(sessions.personId, id)).all()).toHaveLength(1)
  expect(getUser(makeRequest("/", { cookie: live }))?.id).toBe(id)
  expect(db.select().from(passwordResets).where(eq(passwordResets.personId, id)).all()).toHaveLength(1)
})

// ---------------------------------------------------------------- passwords

test("changing to a common or breached password is refused with a reason, and nothing changes", async () => {
  const { action } = await import("~/routes/account.password")
  const { email } = newPerson("weak")
  const cookie = await loginCookie(email)
  for (const [password, reason] of [
    ["password1234", "validation.passwordCommon"],
    ["Password123!", "validation.passwordCommon"],
    ["aaaaaaaaaaaaaaaa", "validation.passwordGuessable"],
  ] as const) {
    const response = asResponse(
      await action({
        request: makeRequest("/account/password", {
          cookie,
          form: { currentPassword: "parat-demo", newPassword: password, confirmPassword: password },
        }),
        params: {},
        context: {},
      }),
    )
    expect(response.status).toBe(400)
    expect((await response.json()).errors.newPassword).toEqual([reason])
  }
  expect((await tryLogin(email, "parat-demo")).ok).toBe(true)
})

test("a reset link refuses a common password and stays usable", async () => {
  const { action } = await import("~/routes/reset-password.$token")
  const { id, email } = newPerson("reset")
  const reset = createPasswordReset(adminId, id, db)
  if (!reset.ok) throw new Error("no reset")
  const send = async (password: string) =>
    asResponse(
      await action({
        request: makeRequest(`/reset-password/${reset.token}`, {
          form: { newPassword: password, confirmPassword: password },
        }),
        params: { token: reset.token },
        context: {},
      }),
    )
  const weak = await send("iloveyou1234")
  expect(weak.status).toBe(400)
  expect((await weak.json()).errors.newPassword).toEqual(["validation.passwordCommon"])
  const done = await send("seven purple lanterns drift")
  expect(await done.json()).toMatchObject({ isDone: true })
  expect((await tryLogin(email, "seven purple lanterns drift")).ok).toBe(true)
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.password_reset"), eq(auditLog.target, `person:${id}`)))
    .all()
  expect(audit).toHaveLength(1)
})

// ---------------------------------------------------------------- audit

test("sign-in success and failure, sign-out and password change are audited without the password", async () => {
  const { action } = await import("~/routes/account.password")
  const { id, email } = newPerson("audited")
  await tryLogin(email, "not-my-password-123", "192.0.2.77")
  await tryLogin(`nobody.${id}@accounts.parat.test`, "guess-number-one", "192.0.2.77")
  const signedIn = await tryLogin(email, "parat-demo", "192.0.2.78")
  if (!signedIn.ok) throw new Error("sign-in failed")
  const cookie = signedIn.cookie.split(";")[0]!
  await action({
    request: makeRequest("/account/password", {
      cookie,
      form: {
        currentPassword: "parat-demo",
        newPassword: "seven purple lanterns drift",
        confirmPassword: "seven purple lanterns drift",
      },
    }),
    params: {},
    context: {},
  })
  await logoutAction({ request: makeRequest("/logout", { cookie, form: {} }), params: {}, context: {} })
  const entries = db.select().from(auditLog).where(like(auditLog.action, "auth.%")).all()
  const mine = entries.filter((e) => e.target === `person:${id}`)
  expect(mine.map((e) => e.action)).toEqual([
    "auth.sign_in_failed",
    "auth.sign_in",
    "auth.password_change",
    "auth.sign_out",
  ])
  expect(mine[0]).toMatchObject({
    actorId: id,
    details: { reason: "invalid_password", address: "192.0.2.77" },
  })
  const unknown = entries.find(
    (e) => (e.details as { email?: string } | null)?.email === `nobody.${id}@accounts.parat.test`,
  )
  expect(unknown).toMatchObject({ action: "auth.sign_in_failed", actorId: null })
  const text = JSON.stringify(entries)
  expect(text).not.toContain("not-my-password-123")
  expect(text).not.toContain("guess-number-one")
  expect(text).not.toContain("seven purple lanterns drift")
})
