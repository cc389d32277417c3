import { count, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { action as languageAction } from "~/routes/language"
import { action as loginAction, loader as loginLoader } from "~/routes/login"
import {
  getUser,
  MAX_FAILURES_PER_ACCOUNT,
  requireRole,
  requireUser,
  revokeAllSessions,
} from "~/services/auth.server"
import { safeRedirect } from "~/utils/safe-redirect"
import type { Db } from "../../db/client"
import { people, sessions, units } from "../../db/schema"
import { seedDemoOrganisation } from "../../scripts/seed/demo"
import { ensurePerson } from "../../scripts/seed/factories"
import { asResponse, loginCookie, makeRequest, testDb, tryLogin } from "./db"

let db: Db
beforeEach(async () => {
  db = testDb()
})

const countOf = (table: typeof people | typeof units) => db.select({ n: count() }).from(table).get()!.n

test("the migrated database has WAL, foreign keys and a busy timeout", () => {
  expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal")
  expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1)
  expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000)
})

test("the demo seed builds a region, three hospitals, at least twelve departments and about 300 people", () => {
  const kinds = db.select({ kind: units.kind, n: count() }).from(units).groupBy(units.kind).all()
  const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]))
  expect(byKind.region).toBe(1)
  expect(byKind.hospital).toBe(3)
  expect(byKind.department).toBeGreaterThanOrEqual(12)
  expect(byKind.section).toBeGreaterThan(0)
  expect(countOf(people)).toBeGreaterThanOrEqual(280)
  const families = db
    .selectDistinct({ f: people.jobFamily })
    .from(people)
    .all()
    .map((r) => r.f)
  expect(families.sort()).toEqual([
    "administrative",
    "doctor",
    "it_data",
    "management",
    "nurse",
    "other_clinical",
  ])
  const roles = db
    .select({ email: people.email, role: people.role })
    .from(people)
    .where(eq(people.role, "manager"))
    .all()
  expect(roles.map((r) => r.email)).toContain("manager@parat.test")
  expect(roles.length).toBe(4) // regional + one per hospital
})

test("seeding twice adds nothing and gives the same data", async () => {
  const before = { people: countOf(people), units: countOf(units) }
  const hash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  seedDemoOrganisation(db, hash)
  expect({ people: countOf(people), units: countOf(units) }).toEqual(before)
})

test("the seed refuses a database that holds real people", () => {
  const other = testDb("empty", { current: false })
  const unitId = other
    .insert(units)
    .values({ code: "X", name: "X", kind: "region", path: "/1/" })
    .returning()
    .get().id
  ensurePerson(other, { email: "real@hospital.dk", name: "Real Person", jobFamily: "nurse", unitId })
  expect(() => seedDemoOrganisation(other, "hash")).toThrow(/real/)
})

test("a logged-out request to a protected page redirects to login and remembers where it was", () => {
  try {
    requireUser(makeRequest("/account/password?x=1"))
    expect.unreachable()
  } catch (response) {
    expect((response as Response).status).toBe(302)
    expect((response as Response).headers.get("Location")).toBe(
      "/login?redirectTo=%2Faccount%2Fpassword%3Fx%3D1",
    )
  }
})

test("a malformed session cookie is treated as logged out, never as an error", () => {
  for (const cookie of [
    "parat_session=",
    "parat_session=%%%",
    `parat_session=${"a".repeat(43)}`,
    "garbage",
  ]) {
    expect(getUser(makeRequest("/", { cookie }))).toBeNull()
  }
})

test("an employee gets 403 on a manager page; a manager passes", async () => {
  const employee = await loginCookie("employee@parat.test")
  const manager = await loginCookie("manager@parat.test")
  expect(() => requireRole(makeRequest("/reports", { cookie: employee }), "manager")).toThrow()
  try {
    requireRole(makeRequest("/reports", { cookie: employee }), "manager")
  } catch (response) {
    expect((response as Response).status).toBe(403)
  }
  expect(requireRole(makeRequest("/reports", { cookie: manager }), "manager").email).toBe(
    "manager@parat.test",
  )
})

test("a cross-site POST is refused even with a valid session", async () => {
  const cookie = await loginCookie("employee@parat.test")
  const request = new Request("http://localhost/account/password", {
    method: "POST",
    headers: { Cookie: cookie, Origin: "https://evil.example" },
  })
  expect(() => requireUser(request)).toThrow()
})

test("each login gets a new session id; revoking ends every session", async () => {
  const first = await loginCookie("employee@parat.test")
  const second = await loginCookie("employee@parat.test")
  expect(first).not.toBe(second)
  const user = getUser(makeRequest("/", { cookie: first }))!
  revokeAllSessions(user.id)
  expect(getUser(makeRequest("/", { cookie: first }))).toBeNull()
  expect(getUser(makeRequest("/", { cookie: second }))).toBeNull()
  expect(db.select({ n: count() }).from(sessions).where(eq(sessions.personId, user.id)).get()!.n).toBe(0)
})

test("failed logins are rate-limited per account, and the right password is refused while limited", async () => {
  const email = "admin@parat.test"
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
    expect(await tryLogin(email, "wrong", `10.0.0.${i}`)).toEqual({ ok: false, reason: "invalid" })
  }
  expect(await tryLogin(email, "parat-demo", "10.0.0.99")).toEqual({ ok: false, reason: "rate_limited" })
})

test("failed logins are rate-limited per address across accounts", async () => {
  const address = "192.0.2.7"
  const emails = db.select({ email: people.email }).from(people).limit(25).offset(20).all()
  let limited = false
  for (const { email } of emails) {
    const outcome = await tryLogin(email, "wrong", address)
    if (!outcome.ok && outcome.reason === "rate_limited") limited = true
  }
  expect(limited).toBe(true)
})

test("the login action answers bad input with 400 and field errors, never a 500", async () => {
  for (const form of [
    { email: "", password: "" },
    { email: `${"a".repeat(10_000)}@x.dk`, password: "x" },
    { email: "not-an-email", password: "x" },
  ]) {
    const response = asResponse(
      await loginAction({
        request: makeRequest("/login", { form }),
        params: {},
        context: {},
      }),
    )
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(Object.keys(body.errors).length).toBeGreaterThan(0)
  }
})

test("the login action sets a hardened session cookie and the profile's language, and redirects back", async () => {
  const response = asResponse(
    await loginAction({
      request: makeRequest("/login", {
        form: { email: "Employee@Parat.test", password: "parat-demo", redirectTo: "/account/password" },
      }),
      params: {},
      context: { ip: "127.0.0.1" },
    }),
  )
  expect(response.status).toBe(302)
  expect(response.headers.get("Location")).toBe("/account/password")
  const cookies = response.headers.getSetCookie()
  expect(cookies[0]).toMatch(/^parat_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/)
  expect(cookies[1]).toMatch(/^parat_lang=da/)
})

test("a redirect after login never leaves the site", () => {
  expect(safeRedirect("//evil.example")).toBe("/")
  expect(safeRedirect("https://evil.example")).toBe("/")
  expect(safeRedirect("/\\evil.example")).toBe("/")
  expect(safeRedirect("/learn?x=1")).toBe("/learn?x=1")
})

test("a logged-in user visiting the login page goes home", async () => {
  const cookie = await loginCookie("employee@parat.test")
  await expect(
    loginLoader({ request: makeRequest("/login", { cookie }), params: {}, context: {} }),
  ).rejects.toMatchObject({
    status: 302,
  })
})

test("switching language sets the cookie and, when logged in, the profile", async () => {
  const cookie = await loginCookie("employee@parat.test")
  const response = asResponse(
    await languageAction({
      request: makeRequest("/language", { cookie, form: { lang: "en", redirectTo: "/" } }),
      params: {},
      context: {},
    }),
  )
  expect(response.headers.get("Set-Cookie")).toMatch(/^parat_lang=en/)
  expect(
    db.select({ l: people.language }).from(people).where(eq(people.email, "employee@parat.test")).get()!.l,
  ).toBe("en")
  await expect(
    languageAction({ request: makeRequest("/language", { form: { lang: "de" } }), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 400 })
})

test("changing the password checks the current one, matches the two new ones, keeps this session and ends the others", async () => {
  const { action } = await import("~/routes/account.password")
  const cookie = await loginCookie("employee@parat.test")
  const send = async (form: Record<string, string>) =>
    asResponse(
      await action({
        request: makeRequest("/account/password", { cookie, form }),
        params: {},
        context: {},
      }),
    )
  const mismatch = await send({
    currentPassword: "parat-demo",
    newPassword: "a-long-new-passphrase",
    confirmPassword: "different-one!!",
  })
  expect(mismatch.status).toBe(400)
  expect((await mismatch.json()).errors.confirmPassword).toEqual(["validation.passwordsDiffer"])
  const short = await send({ currentPassword: "parat-demo", newPassword: "short", confirmPassword: "short" })
  expect((await short.json()).errors.newPassword).toEqual(["validation.passwordTooShort"])
  const wrong = await send({
    currentPassword: "nope",
    newPassword: "a-long-new-passphrase",
    confirmPassword: "a-long-new-passphrase",
  })
  expect((await wrong.json()).formError).toBe("password.wrongCurrent")
  const second = await loginCookie("employee@parat.test")
  const done = await send({
    currentPassword: "parat-demo",
    newPassword: "a-long-new-passphrase",
    confirmPassword: "a-long-new-passphrase",
  })
  expect(done.status).toBe(200)
  expect(getUser(makeRequest("/", { cookie }))?.email).toBe("employee@parat.test")
  expect(getUser(makeRequest("/", { cookie: second }))).toBeNull()
  expect((await tryLogin("employee@parat.test", "a-long-new-passphrase", "10.9.9.9")).ok).toBe(true)
})
