// Two-factor recovery by e-mail, through the outbox to a real SMTP server on loopback: asked for at the code step
// of a sign-in, one use, short-lived, rate-limited, audited; afterwards the old authenticator is gone, every
// session has ended, and the person sets up a new authenticator before anything else.
import { and, eq } from "drizzle-orm"
import { generateSync } from "otplib"
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest"
import { loader as passwordPageLoader } from "~/routes/account.password"
import { action as enrolAction, loader as enrolLoader } from "~/routes/account.two-factor"
import { action as requestAction, loader as requestLoader } from "~/routes/login_.two-factor_.recovery"
import { action as redeemAction, loader as redeemLoader } from "~/routes/two-factor-recovery.$token"
import { createSession, getUser, purgeExpiredSessions } from "~/services/auth.server"
import { processOutbox } from "~/services/mail.server"
import { createMailTransport, type MailTransport } from "~/services/mail-transport.server"
import { enrolKnownSecret } from "~/services/two-factor.server"
import {
  MAX_RECOVERY_REQUESTS_PER_DAY,
  redeemTwoFactorRecovery,
  requestTwoFactorRecovery,
} from "~/services/two-factor-recovery.server"
import type { Db } from "../../db/client"
import {
  auditLog,
  mailOutbox,
  people,
  recoveryCodes,
  sessions,
  totpCredentials,
  twoFactorRecoveries,
  units,
} from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { startSmtpServer } from "../support/smtp-server"
import { asResponse, makeRequest, testDb, tryLogin } from "./db"

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
let db: Db
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let transport: MailTransport
let unitId: number

beforeAll(async () => {
  smtp = await startSmtpServer()
  transport = createMailTransport(smtp.url)
})
afterAll(async () => {
  transport.transporter.close()
  await smtp.close()
})
beforeEach(() => {
  db = testDb()
  unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
})

/** A person with the demo password and an authenticator; `language` decides the mail's language. */
function personWithAuthenticator(language: "da" | "en", role: "employee" | "admin" = "employee") {
  const email = `recover.${Math.random().toString(36).slice(2)}@two-factor.parat.test`
  const passwordHash = db
    .select({ h: people.passwordHash })
    .from(people)
    .where(eq(people.email, "employee@parat.test"))
    .get()!.h
  const id = ensurePerson(db, {
    email,
    name: "Rikke Recover",
    jobFamily: "nurse",
    unitId,
    role,
    passwordHash,
    language,
  })
  enrolKnownSecret(id, SECRET, db)
  db.insert(recoveryCodes)
    .values({ personId: id, codeHash: "x".repeat(64) })
    .run()
  return { id, email }
}

const call = async <T>(fn: (args: never) => Promise<T>, request: Request, params = {}) =>
  fn({ request, params, context: { ip: "127.0.0.1" } } as never)

/** The password step of a sign-in; returns the cookie of the sign-in waiting for its code. */
async function passwordStep(email: string) {
  const outcome = await tryLogin(email, "parat-demo")
  if (!outcome.ok || outcome.step !== "second_factor") throw new Error("expected the code step")
  return outcome.cookie.split(";")[0]!
}

async function thrown(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as Response
  }
  throw new Error("expected a thrown response")
}

const linkIn = (text: string) =>
  /http:\/\/localhost:3000\/two-factor-recovery\/([A-Za-z0-9_-]{43})/.exec(text)?.[1]

test("a lost authenticator: a link by e-mail in the person's language, used once, ends every session and asks for a new authenticator", async () => {
  const { id, email } = personWithAuthenticator("en")
  const elsewhere = createSession(id, makeRequest("/login"), db).split(";")[0]! // signed in on another device
  const challenge = await passwordStep(email)

  expect(await call(requestLoader, makeRequest("/login/two-factor/recovery", { cookie: challenge }))).toEqual(
    {
      minutes: 30,
    },
  )
  const asked = await thrown(
    call(requestAction, makeRequest("/login/two-factor/recovery", { cookie: challenge, form: {} })),
  )
  expect(asked.headers.get("Location")).toBe("/login/two-factor/recovery?sent=1")

  expect(await processOutbox(transport, { db })).toMatchObject({ sent: 1 })
  const mails = smtp.received.filter((mail) => mail.to.includes(email))
  expect(mails).toHaveLength(1)
  const mail = mails[0]!
  expect(mail.raw).toMatch(/Subject: Reset your Parat two-factor sign-in/)
  expect(mail.raw).toMatch(/Content-Language: en/)
  expect(mail.raw).not.toMatch(/<img/i) // no tracking pixel, no images at all
  const token = linkIn(mail.text)
  expect(token).toBeDefined()
  // The token is not kept in the outbox once sent.
  expect(
    db.select({ payload: mailOutbox.payload }).from(mailOutbox).where(eq(mailOutbox.personId, id)).get(),
  ).toEqual({ payload: null })

  // Opening the link (a person, or a mail scanner) changes nothing.
  const path = `/two-factor-recovery/${token}`
  expect(await call(redeemLoader, makeRequest(path), { token })).toEqual({ isUsable: true })
  expect(await call(redeemLoader, makeRequest(path), { token })).toEqual({ isUsable: true })
  expect(db.select().from(totpCredentials).where(eq(totpCredentials.personId, id)).all()).toHaveLength(1)

  const used = asResponse(await call(redeemAction, makeRequest(path, { form: {} }), { token }))
  expect(used.status).toBe(200)
  expect(await used.json()).toEqual({ isDone: true })
  expect(db.select().from(totpCredentials).where(eq(totpCredentials.personId, id)).all()).toEqual([])
  expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, id)).all()).toEqual([])
  expect(db.select().from(sessions).where(eq(sessions.personId, id)).all()).toEqual([])
  expect(getUser(makeRequest("/", { cookie: elsewhere }), db)).toBeNull()

  // Once only.
  const again = asResponse(await call(redeemAction, makeRequest(path, { form: {} }), { token }))
  expect(again.status).toBe(410)
  expect(await call(redeemLoader, makeRequest(path), { token })).toEqual({ isUsable: false })

  const audited = db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, id), eq(auditLog.target, `person:${id}`)))
    .all()
    .map((row) => row.action)
  expect(audited).toEqual(
    expect.arrayContaining(["auth.two_factor_recovery_request", "auth.two_factor_recovery"]),
  )

  // The password now signs in without a code, and the person must set up a new authenticator first.
  const signedIn = await tryLogin(email, "parat-demo")
  if (!signedIn.ok || signedIn.step !== "done") throw new Error("expected a session")
  const cookie = signedIn.cookie.split(";")[0]!
  const sentAway = await thrown(call(passwordPageLoader, makeRequest("/account/password", { cookie })))
  expect(sentAway.headers.get("Location")).toBe("/account/two-factor?required=1")
  const page = (await call(enrolLoader, makeRequest("/account/two-factor", { cookie }))) as {
    status: { secret: string }
    requiredBecause: string | null
  }
  expect(page.requiredBecause).toBe("twoFactor.requiredAfterRecovery")
  await call(
    enrolAction,
    makeRequest("/account/two-factor", {
      cookie,
      form: { intent: "confirm", code: generateSync({ secret: page.status.secret }) },
    }),
  )
  expect(await call(passwordPageLoader, makeRequest("/account/password", { cookie }))).toEqual({
    hasTwoFactor: true,
  })
})

test("a recovery link is short-lived: after 30 minutes it opens nothing, and one not yet sent is dropped", async () => {
  const { id, email } = personWithAuthenticator("da")
  const now = new Date()
  const cookie = await passwordStep(email)
  const ask = (at: Date) =>
    requestTwoFactorRecovery(makeRequest("/login/two-factor/recovery", { cookie }), "127.0.0.1", db, at)
  expect(ask(now)).toMatchObject({ ok: true })
  expect(await processOutbox(transport, { db, now })).toMatchObject({ sent: 1 })
  const token = linkIn(smtp.received.filter((mail) => mail.to.includes(email))[0]!.text)!
  const later = new Date(now.getTime() + 31 * 60_000)
  expect(redeemTwoFactorRecovery(token, "127.0.0.1", db, later)).toEqual({ ok: false })
  expect(db.select().from(totpCredentials).where(eq(totpCredentials.personId, id)).all()).toHaveLength(1)

  // A second link whose mail could not go out within its 30 minutes is cancelled rather than sent stale.
  expect(ask(now)).toMatchObject({ ok: true })
  expect(await processOutbox(transport, { db, now: later })).toMatchObject({ sent: 0, cancelled: 1 })
  expect(smtp.received.filter((mail) => mail.to.includes(email))).toHaveLength(1)

  // The retention job removes the spent links after a day (they counted for the daily limit until then).
  expect(purgeExpiredSessions(db, new Date(now.getTime() + 25 * 3_600_000)).recoveryLinks).toBe(2)
  expect(db.select().from(twoFactorRecoveries).where(eq(twoFactorRecoveries.personId, id)).all()).toEqual([])
})

test(`at most ${MAX_RECOVERY_REQUESTS_PER_DAY} links a day: the next is refused with 429 and audited`, async () => {
  const { id, email } = personWithAuthenticator("da")
  const cookie = await passwordStep(email)
  const ask = () => call(requestAction, makeRequest("/login/two-factor/recovery", { cookie, form: {} }))
  for (let i = 0; i < MAX_RECOVERY_REQUESTS_PER_DAY; i++) await thrown(ask())
  const refused = asResponse(await ask())
  expect(refused.status).toBe(429)
  expect(await refused.json()).toEqual({ formError: "recovery.rateLimited" })
  const queued = db.select().from(mailOutbox).where(eq(mailOutbox.personId, id)).all()
  expect(queued).toHaveLength(MAX_RECOVERY_REQUESTS_PER_DAY)
  const refusals = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.two_factor_recovery_request"), eq(auditLog.actorId, id)))
    .all()
    .filter((row) => (row.details as { refused?: string }).refused === "rate_limited")
  expect(refusals).toHaveLength(1)
})

test("nobody can ask for a link by naming an address: without a right password first, the page sends to login", async () => {
  personWithAuthenticator("da")
  const page = await thrown(call(requestLoader, makeRequest("/login/two-factor/recovery")))
  expect(page.headers.get("Location")).toBe("/login")
  const posted = await thrown(call(requestAction, makeRequest("/login/two-factor/recovery", { form: {} })))
  expect(posted.headers.get("Location")).toBe("/login?expired=1")
  expect(db.select().from(mailOutbox).all()).toEqual([])
})

test("a link for a deactivated person opens nothing", async () => {
  const { id, email } = personWithAuthenticator("da")
  const cookie = await passwordStep(email)
  await thrown(call(requestAction, makeRequest("/login/two-factor/recovery", { cookie, form: {} })))
  await processOutbox(transport, { db })
  const token = linkIn(smtp.received.filter((mail) => mail.to.includes(email))[0]!.text)!
  db.update(people).set({ isActive: false }).where(eq(people.id, id)).run()
  expect(redeemTwoFactorRecovery(token, "127.0.0.1", db)).toEqual({ ok: false })
  expect(db.select().from(totpCredentials).where(eq(totpCredentials.personId, id)).all()).toHaveLength(1)
})
