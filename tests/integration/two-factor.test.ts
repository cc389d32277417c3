import { and, eq } from "drizzle-orm"
import { generateSync } from "otplib"
import { beforeEach, expect, test } from "vitest"
import { action as enrolAction, loader as enrolLoader } from "~/routes/account.two-factor"
import { loader as adminLoader } from "~/routes/admin"
import { action as codeAction, loader as codeLoader } from "~/routes/login_.two-factor"
import { completeSignIn, getUser, MAX_FAILURES_PER_ACCOUNT } from "~/services/auth.server"
import { openSecret } from "~/services/secret-box.server"
import { getTwoFactorStatus } from "~/services/two-factor.server"
import type { Db } from "../../db/client"
import { auditLog, people, recoveryCodes, totpCredentials, units } from "../../db/schema"
import { DEMO_TOTP_SECRET } from "../../scripts/seed/demo"
import { ensurePerson } from "../../scripts/seed/factories"
import { asResponse, loginCookie, makeRequest, testDb, tryLogin } from "./db"

let db: Db
let unitId: number
beforeEach(() => {
  db = testDb()
  unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
})

function newPerson(tag: string, role: "employee" | "admin" = "employee") {
  const email = `${tag}.${Math.random().toString(36).slice(2)}@two-factor.parat.test`
  const passwordHash = db
    .select({ h: people.passwordHash })
    .from(people)
    .where(eq(people.email, "employee@parat.test"))
    .get()!.h
  const id = ensurePerson(db, {
    email,
    name: `Test ${tag}`,
    jobFamily: "it_data",
    unitId,
    role,
    passwordHash,
  })
  return { id, email }
}

const codeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) })
const call = async <T>(fn: (args: never) => Promise<T>, request: Request) =>
  fn({ request, params: {}, context: { ip: "127.0.0.1" } } as never)

/** Enrols through the account page's loader and action; returns the secret and the recovery codes shown. */
async function enrol(cookie: string) {
  const page = (await call(enrolLoader, makeRequest("/account/two-factor", { cookie }))) as {
    status: { isEnabled: false; secret: string; qrSvg: string; uri: string }
  }
  const secret = page.status.secret
  const done = (await call(
    enrolAction,
    makeRequest("/account/two-factor", {
      cookie,
      form: { intent: "confirm", code: codeAt(secret, Date.now()) },
    }),
  )) as { recoveryCodes: string[] }
  return { secret, recoveryCodes: done.recoveryCodes, page }
}

test("enrolment shows a QR code and the secret as text, needs a right first code, and gives ten recovery codes", async () => {
  const { id, email } = newPerson("enrol")
  const cookie = await loginCookie(email)
  const page = (await call(enrolLoader, makeRequest("/account/two-factor", { cookie }))) as {
    status: { isEnabled: false; secret: string; qrSvg: string; uri: string }
  }
  expect(page.status.secret).toMatch(/^[A-Z2-7]{32}$/)
  expect(page.status.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s)
  expect(page.status.uri).toBe(
    `otpauth://totp/Parat:${encodeURIComponent(email)}?secret=${page.status.secret}&issuer=Parat`,
  )
  // A reload shows the same secret until it is confirmed.
  const again = (await call(enrolLoader, makeRequest("/account/two-factor", { cookie }))) as typeof page
  expect(again.status.secret).toBe(page.status.secret)

  const wrong = asResponse(
    await call(
      enrolAction,
      makeRequest("/account/two-factor", { cookie, form: { intent: "confirm", code: "000000" } }),
    ),
  )
  expect(wrong.status).toBe(400)
  expect((await wrong.json()).errors.code).toEqual(["validation.codeInvalid"])

  const done = (await call(
    enrolAction,
    makeRequest("/account/two-factor", {
      cookie,
      form: { intent: "confirm", code: codeAt(page.status.secret, Date.now()) },
    }),
  )) as { recoveryCodes: string[] }
  expect(done.recoveryCodes).toHaveLength(10)
  expect(new Set(done.recoveryCodes).size).toBe(10)
  for (const code of done.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
  // Stored hashed, and the secret sealed: neither appears in the database as written.
  const stored = db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, id)).all()
  expect(stored).toHaveLength(10)
  expect(JSON.stringify(stored)).not.toContain(done.recoveryCodes[0]!.replace("-", ""))
  const credential = db.select().from(totpCredentials).where(eq(totpCredentials.personId, id)).get()!
  expect(credential.sealedSecret).not.toContain(page.status.secret)
  expect(openSecret(credential.sealedSecret, id, db)).toBe(page.status.secret)
  expect(openSecret(credential.sealedSecret, id + 1, db)).toBeNull()
  expect(
    db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `person:${id}`))
      .all()
      .map((e) => e.action),
  ).toContain("auth.two_factor_enable")
})

test("with two-factor on, the password alone opens nothing; the code completes the sign-in once", async () => {
  const { id, email } = newPerson("signin")
  const { secret } = await enrol(await loginCookie(email))
  const first = await tryLogin(email, "parat-demo")
  if (!first.ok || first.step !== "second_factor") throw new Error("expected a second step")
  expect(first.cookie).toMatch(
    /^parat_sign_in=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=300$/,
  )
  const challenge = first.cookie.split(";")[0]!
  // The pending sign-in is no session.
  expect(
    getUser(makeRequest("/", { cookie: challenge.replace("parat_sign_in", "parat_session") })),
  ).toBeNull()
  await expect(call(codeLoader, makeRequest("/login/two-factor", { cookie: challenge }))).resolves.toBeNull()

  const later = Date.now() + 30_000 // the enrolment spent this step's code
  const wrong = asResponse(
    await call(codeAction, makeRequest("/login/two-factor", { cookie: challenge, form: { code: "123456" } })),
  )
  expect(wrong.status).toBe(401)
  const code = codeAt(secret, later)
  const ok = completeSignIn(
    makeRequest("/login/two-factor", { cookie: challenge }),
    { code, address: "x" },
    db,
    later,
  )
  if (!ok.ok) throw new Error(ok.reason)
  expect(getUser(makeRequest("/", { cookie: ok.cookies[0]!.split(";")[0]! }))?.id).toBe(id)
  expect(ok.cookies[1]).toMatch(/^parat_sign_in=; .*Max-Age=0/)

  // The same code a second time, in a new sign-in: refused (RFC 6238 section 5.2).
  const second = await tryLogin(email, "parat-demo")
  if (!second.ok || second.step !== "second_factor") throw new Error("expected a second step")
  const replay = completeSignIn(
    makeRequest("/login/two-factor", { cookie: second.cookie.split(";")[0]! }),
    { code, address: "x" },
    db,
    later,
  )
  expect(replay).toEqual({ ok: false, reason: "invalid" })
})

test("the second step is throttled like the password, before the code is checked", async () => {
  const { email } = newPerson("guess")
  const { secret } = await enrol(await loginCookie(email))
  const first = await tryLogin(email, "parat-demo")
  if (!first.ok || first.step !== "second_factor") throw new Error("expected a second step")
  const request = () => makeRequest("/login/two-factor", { cookie: first.cookie.split(";")[0]! })
  const outcomes = Array.from({ length: 12 }, (_, i) =>
    completeSignIn(request(), { code: String(100000 + i), address: `198.51.100.${i}` }, db),
  )
  expect(outcomes.filter((o) => !o.ok && o.reason === "invalid").length).toBe(MAX_FAILURES_PER_ACCOUNT)
  const later = Date.now() + 30_000
  expect(completeSignIn(request(), { code: codeAt(secret, later), address: "x" }, db, later)).toEqual({
    ok: false,
    reason: "rate_limited",
  })
})

test("a recovery code signs in once, is audited, and then no longer works", async () => {
  const { id, email } = newPerson("recovery")
  const { recoveryCodes: codes } = await enrol(await loginCookie(email))
  const signIn = async (code: string) => {
    const first = await tryLogin(email, "parat-demo")
    if (!first.ok || first.step !== "second_factor") throw new Error("expected a second step")
    return completeSignIn(makeRequest("/login/two-factor", { cookie: first.cookie.split(";")[0]! }), {
      code,
      address: "x",
    })
  }
  expect((await signIn(` ${codes[3]!.toUpperCase()} `)).ok).toBe(true)
  expect(await signIn(codes[3]!)).toEqual({ ok: false, reason: "invalid" })
  const actions = db
    .select({ action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.target, `person:${id}`))
    .all()
  expect(actions.map((a) => a.action)).toContain("auth.recovery_code_use")
  expect(
    actions.find((a) => a.action === "auth.sign_in" && a.details?.method === "password+recovery_code"),
  ).toBeTruthy()
  expect(await getTwoFactorStatus(id, db)).toEqual({ isEnabled: true, recoveryCodesLeft: 9 })
})

test("an admin without two-factor is sent to set it up before the admin area; with it, they get in", async () => {
  const { email } = newPerson("admin", "admin")
  const cookie = await loginCookie(email)
  const refused = await call(adminLoader, makeRequest("/admin", { cookie })).catch(
    (response: Response) => response,
  )
  expect(refused).toBeInstanceOf(Response)
  expect((refused as Response).status).toBe(302)
  expect((refused as Response).headers.get("Location")).toBe("/account/two-factor?required=1")
  const page = (await call(enrolLoader, makeRequest("/account/two-factor", { cookie }))) as {
    requiredBecause: string | null
  }
  expect(page.requiredBecause).toBe("twoFactor.required")
  await enrol(cookie)
  await expect(call(adminLoader, makeRequest("/admin", { cookie }))).resolves.toBeNull()
})

test("turning two-factor off needs the password, is audited, and sends an admin back to set it up", async () => {
  const { id, email } = newPerson("off", "admin")
  const cookie = await loginCookie(email)
  await enrol(cookie)
  const wrong = asResponse(
    await call(
      enrolAction,
      makeRequest("/account/two-factor", { cookie, form: { intent: "disable", password: "not it at all" } }),
    ),
  )
  expect(wrong.status).toBe(400)
  const off = await call(
    enrolAction,
    makeRequest("/account/two-factor", { cookie, form: { intent: "disable", password: "parat-demo" } }),
  )
  expect(off).toMatchObject({ isDisabled: true })
  expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, id)).all()).toEqual([])
  expect(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `person:${id}`), eq(auditLog.action, "auth.two_factor_disable")))
      .all(),
  ).toHaveLength(1)
  await expect(call(adminLoader, makeRequest("/admin", { cookie }))).rejects.toMatchObject({ status: 302 })
  const unknown = asResponse(
    await call(enrolAction, makeRequest("/account/two-factor", { cookie, form: { intent: "nonsense" } })),
  )
  expect(unknown.status).toBe(400)
})

test("the demo admin signs in with the published secret", async () => {
  const first = await tryLogin("admin@parat.test", "parat-demo")
  if (!first.ok || first.step !== "second_factor") throw new Error("expected a second step")
  const done = completeSignIn(
    makeRequest("/login/two-factor", { cookie: first.cookie.split(";")[0]! }),
    { code: codeAt(DEMO_TOTP_SECRET, Date.now()), address: "x" },
    db,
  )
  if (!done.ok) throw new Error(done.reason)
  expect(getUser(makeRequest("/", { cookie: done.cookies[0]!.split(";")[0]! }))).toMatchObject({
    email: "admin@parat.test",
    hasTwoFactor: true,
  })
})

test("an admin removes the second factor of someone who lost their phone: audited, and their sessions end", async () => {
  const { action: personAction, loader: personLoader } = await import("~/routes/admin.people.$id")
  const { id, email } = newPerson("lost-phone")
  const personCookie = await loginCookie(email)
  await enrol(personCookie)
  const admin = await loginCookie("admin@parat.test")
  const adminId = getUser(makeRequest("/", { cookie: admin }))!.id
  const args = (form: Record<string, string> | undefined, target = id) => ({
    request: makeRequest(`/admin/people/${target}`, { cookie: admin, form }),
    params: { id: String(target) },
    context: {},
  })
  expect(await personLoader(args(undefined))).toMatchObject({ person: { hasTwoFactor: true } })
  const done = asResponse(await personAction(args({ intent: "removeTwoFactor" })))
  expect(done.status).toBe(302)
  expect(done.headers.get("Location")).toBe(`/admin/people/${id}?done=removeTwoFactor`)
  expect(getUser(makeRequest("/", { cookie: personCookie }))).toBeNull()
  expect(await tryLogin(email, "parat-demo")).toMatchObject({ ok: true, step: "done" })
  expect(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `person:${id}`), eq(auditLog.action, "auth.two_factor_disable")))
      .get(),
  ).toMatchObject({ actorId: adminId, details: { by: "admin" } })
  // Not on one's own account: that goes through the account page, with the password.
  const own = asResponse(await personAction(args({ intent: "removeTwoFactor" }, adminId)))
  expect(own.status).toBe(400)
})

test("the right password does not buy fresh guesses at the code", async () => {
  const { email } = newPerson("alternate")
  await enrol(await loginCookie(email))
  const guess = async (n: number) => {
    const first = await tryLogin(email, "parat-demo")
    if (!first.ok || first.step !== "second_factor") return first
    const request = makeRequest("/login/two-factor", { cookie: first.cookie.split(";")[0]! })
    for (let i = 0; i < n; i++) completeSignIn(request, { code: String(200000 + i), address: "x" }, db)
    return first
  }
  await guess(3)
  await guess(2)
  expect(await tryLogin(email, "parat-demo")).toEqual({ ok: false, reason: "rate_limited" })
})
