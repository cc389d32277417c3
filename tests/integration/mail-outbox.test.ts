// Invitations, reminders and password links through the outbox to a real SMTP server on loopback.
import { and, eq } from "drizzle-orm"
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest"
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token"
import { closeCycle, createCycle, openCycle, setReminderDays } from "~/services/admin-cycles.server"
import { checkPasswordReset, mailPasswordReset } from "~/services/admin-people.server"
import { getManagerMailCounts, processOutbox, scheduleReminders } from "~/services/mail.server"
import { createMailTransport, type MailTransport } from "~/services/mail-transport.server"
import type { Db } from "../../db/client"
import { instrumentVersions, mailOutbox, people, responses } from "../../db/schema"
import { ensureManagerScope, ensurePerson, ensureUnit } from "../../scripts/seed/factories"
import { startSmtpServer } from "../support/smtp-server"
import { makeRequest, testDb } from "./db"

let db: Db
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let transport: MailTransport
let adminId: number
let runs = 0
const HASH = "mail-test-instrument"
const DAY = 86_400_000
const opensAt = new Date("2026-03-02T07:00:00Z")
const at = (days: number) => new Date(opensAt.getTime() + days * DAY)

beforeAll(async () => {
  smtp = await startSmtpServer()
  transport = createMailTransport(smtp.url)
})

// Each test gets its own database: an organisation root, an admin and an instrument version.
beforeEach(() => {
  db = testDb("empty")
  db.insert(instrumentVersions).values({ hash: HASH, key: "ai-readiness", version: 1, content: {} }).run()
  const root = ensureUnit(db, { code: "MAIL-ROOT", name: "Mailregion", kind: "region" })
  adminId = ensurePerson(db, {
    email: "mail-admin@parat.test",
    name: "Admin",
    jobFamily: "administrative",
    unitId: root,
    role: "admin",
  })
})

afterAll(async () => {
  transport.transporter.close()
  await smtp.close()
})

/** A fresh department with the given people (Danish unless said otherwise) and an opened cycle targeting it. */
function openDepartment(
  names: { name: string; language?: "da" | "en"; isActive?: boolean }[],
  days = [7, 12],
) {
  runs++
  const unitId = ensureUnit(db, { code: `MAIL-${runs}`, name: `Afdeling ${runs}`, kind: "department" })
  const ids = names.map((person, i) => {
    const id = ensurePerson(db, {
      email: `p${runs}-${i}@parat.test`,
      name: person.name,
      jobFamily: "nurse",
      unitId,
      language: person.language ?? "da",
    })
    if (person.isActive === false) db.update(people).set({ isActive: false }).where(eq(people.id, id)).run()
    return id
  })
  const created = createCycle(
    adminId,
    {
      name: `Runde ${runs}`,
      instrumentHash: HASH,
      unitIds: [unitId],
      opensOn: "2026-03-02",
      closesOn: "2026-03-30",
    },
    db,
  )
  if (!created.ok) throw new Error(created.reason)
  setReminderDays(adminId, created.id, days, db)
  expect(openCycle(adminId, created.id, db, 5, opensAt)).toEqual({ ok: true, id: created.id })
  return { cycleId: created.id, unitId, ids, emails: ids.map((_, i) => `p${runs}-${i}@parat.test`) }
}

const deliveredTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email))
const send = (now: Date) => processOutbox(transport, { db, now, limit: 500 })

function submit(cycleId: number, personId: number) {
  db.insert(responses)
    .values({ cycleId, personId, status: "submitted", updatedAt: at(1), submittedAt: at(1) })
    .run()
}

test("opening a cycle invites everyone it targets once, in their language, with a direct link", async () => {
  const dept = openDepartment([
    { name: "Mette Dansk" },
    { name: "Emma English", language: "en" },
    { name: "Ib Inaktiv", isActive: false },
  ])
  const [mette, emma, inactive] = dept.emails as [string, string, string]

  expect(await send(opensAt)).toMatchObject({ sent: 2, retried: 0, failed: 0 })
  expect(await send(at(0.1))).toMatchObject({ sent: 0 })

  const [toMette] = deliveredTo(mette)
  expect(deliveredTo(mette)).toHaveLength(1)
  expect(toMette?.raw).toContain("Content-Language: da")
  expect(toMette?.text).toContain("Kære Mette Dansk")
  expect(toMette?.text).toContain(`http://localhost:3000/survey/${dept.cycleId}/page/1`)
  expect(toMette?.raw).toMatch(/Content-Type: text\/plain/)
  expect(toMette?.raw).toMatch(/Content-Type: text\/html/)
  expect(toMette?.raw).not.toMatch(/<img/i)

  const [toEmma] = deliveredTo(emma)
  expect(deliveredTo(emma)).toHaveLength(1)
  expect(toEmma?.raw).toContain("Content-Language: en")
  expect(toEmma?.text).toContain("Dear Emma English")
  expect(toEmma?.text).toContain("You are invited to answer Runde")

  expect(deliveredTo(inactive)).toHaveLength(0)
})

test("reminders go to non-submitters on the admin's days, never after unsubscribing, submitting or closing", async () => {
  const dept = openDepartment([{ name: "Anna" }, { name: "Bo" }, { name: "Carl" }, { name: "Dina" }])
  const [anna, bo, carl, dina] = dept.emails as [string, string, string, string]
  const reminders = (email: string) =>
    deliveredTo(email).filter((mail) => mail.text.includes("Du har endnu ikke indsendt"))
  const queuedForCycle = () =>
    db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.cycleId, dept.cycleId), eq(mailOutbox.status, "queued")))
      .all().length
  await send(opensAt)
  submit(dept.cycleId, dept.ids[0]!) // Anna answers

  scheduleReminders(db, at(6.9))
  expect(queuedForCycle()).toBe(0)
  scheduleReminders(db, at(7.1))
  scheduleReminders(db, at(7.2)) // the worker ticks again the same day: nothing new
  await send(at(7.2))
  expect(reminders(anna)).toHaveLength(0)
  expect([bo, carl, dina].map((email) => reminders(email).length)).toEqual([1, 1, 1])

  // Bo unsubscribes with the link in his reminder, as a form post without JavaScript.
  const link = /http:\/\/localhost:3000(\/unsubscribe\/[^\s"<>]+)/.exec(reminders(bo)[0]!.text)?.[1]
  expect(link).toBeDefined()
  const token = link!.split("/").at(-1)!
  const page = await unsubscribeLoader({ request: makeRequest(link!), params: { token }, context: {} })
  expect(page).toMatchObject({ cycle: `Runde ${runs}`, isDone: false })
  const done = (await unsubscribeAction({
    request: makeRequest(link!, { form: {} }),
    params: { token },
    context: {},
  })) as Response
  expect(done.status).toBe(303)
  // A forged token is refused.
  const forged = `${token.slice(0, -4)}AAAA`
  await expect(
    unsubscribeAction({ request: makeRequest(link!, { form: {} }), params: { token: forged }, context: {} }),
  ).rejects.toMatchObject({ status: 404 })

  submit(dept.cycleId, dept.ids[2]!) // Carl answers after the first reminder
  scheduleReminders(db, at(12.1))
  await send(at(12.1))
  expect([anna, bo, carl, dina].map((email) => reminders(email).length)).toEqual([0, 1, 1, 2])

  // A reminder already queued when the cycle closes is dropped, and none are queued after close.
  setReminderDays(adminId, dept.cycleId, [7, 12, 14], db)
  scheduleReminders(db, at(14.1))
  closeCycle(adminId, dept.cycleId, db)
  expect(queuedForCycle()).toBe(1)
  await send(at(14.1))
  scheduleReminders(db, at(20))
  expect(queuedForCycle()).toBe(0)
  expect(reminders(dina)).toHaveLength(2)
})

test("at most one invitation or reminder a day reaches a person, across cycles", async () => {
  const first = openDepartment([{ name: "Eva" }], [7])
  const [eva] = first.emails as [string]
  const second = createCycle(
    adminId,
    {
      name: "Anden runde",
      instrumentHash: HASH,
      unitIds: [first.unitId],
      opensOn: "2026-03-02",
      closesOn: "2026-03-30",
    },
    db,
  )
  if (!second.ok) throw new Error(second.reason)
  setReminderDays(adminId, second.id, [7], db)
  openCycle(adminId, second.id, db, 5, opensAt)
  await send(opensAt)
  expect(deliveredTo(eva)).toHaveLength(2) // two invitations: invitations are never held back

  scheduleReminders(db, at(7.1))
  await send(at(7.1))
  expect(deliveredTo(eva)).toHaveLength(3)
  scheduleReminders(db, at(8.2)) // a day later the other cycle's reminder may go
  await send(at(8.2))
  expect(deliveredTo(eva)).toHaveLength(4)
})

test("a failing mail server loses nothing: mails wait with backoff and are later delivered once", async () => {
  const dept = openDepartment([{ name: "Frida" }, { name: "Gustav" }])
  smtp.state.isFailing = true
  expect(await send(opensAt)).toMatchObject({ sent: 0, retried: 2 })
  expect(await send(opensAt)).toMatchObject({ sent: 0, retried: 0 }) // not due yet: backoff
  expect(await send(at(0.01))).toMatchObject({ sent: 0, retried: 2 }) // 15 minutes later, still failing
  const waiting = db
    .select({ attempts: mailOutbox.attempts, status: mailOutbox.status, lastError: mailOutbox.lastError })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.cycleId, dept.cycleId), eq(mailOutbox.kind, "invitation")))
    .all()
  expect(waiting).toHaveLength(2)
  for (const row of waiting) {
    expect(row).toMatchObject({ attempts: 2, status: "queued" })
    expect(row.lastError).toContain("451")
  }

  smtp.state.isFailing = false
  expect(await send(at(0.1))).toMatchObject({ sent: 2 })
  expect(await send(at(1))).toMatchObject({ sent: 0 })
  expect(dept.emails.map((email) => deliveredTo(email).length)).toEqual([1, 1])
})

test("a one-time password link goes by e-mail, works, and is not kept after sending", async () => {
  const dept = openDepartment([{ name: "Hans", language: "en" }], [])
  const outcome = mailPasswordReset(adminId, dept.ids[0]!, db)
  expect(outcome).toMatchObject({ ok: true })
  await send(new Date())
  const mail = deliveredTo(dept.emails[0]!).find((m) => m.text.includes("Choose password"))
  const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1]
  expect(token).toBeDefined()
  expect(checkPasswordReset(token!, db)).toEqual({ email: dept.emails[0] })
  const row = db
    .select({ payload: mailOutbox.payload, status: mailOutbox.status })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.personId, dept.ids[0]!), eq(mailOutbox.kind, "password_link")))
    .get()
  expect(row).toEqual({ payload: null, status: "sent" })
})

test("managers see no invited or reminded count where the unit's participation is hidden", async () => {
  const names = ["I1", "I2", "I3", "I4", "I5", "I6", "I7"].map((name) => ({ name }))
  const dept = openDepartment(names, [7])
  const managerId = ensurePerson(db, {
    email: `manager-${runs}@parat.test`,
    name: "Leder",
    jobFamily: "management",
    unitId: dept.unitId,
    role: "manager",
  })
  ensureManagerScope(db, managerId, dept.unitId)
  await send(opensAt)
  submit(dept.cycleId, dept.ids[0]!)
  scheduleReminders(db, at(7.5))
  await send(at(7.5))
  const [cycle] = getManagerMailCounts(managerId, db).filter((c) => c.cycleId === dept.cycleId)
  // 7 invited (the manager was added after opening), 1 answered: the participation cell is hidden, and so are
  // the 7 invited and the 6 reminded (which would reveal that 1 answered). More in manager-mail-counts.test.ts.
  expect(cycle?.rows).toEqual([
    {
      unitId: dept.unitId,
      name: `Afdeling ${runs}`,
      depth: 0,
      invited: { kind: "hidden" },
      reminded: { kind: "hidden" },
    },
  ])
})
