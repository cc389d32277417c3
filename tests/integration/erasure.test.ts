import { and, count, eq, inArray, sql } from "drizzle-orm"
import { beforeAll, beforeEach, expect, test } from "vitest"
import { action as personAction } from "~/routes/admin.people.$id"
import { loader as unitLoader } from "~/routes/reports.units.$unitId"
import { getUser, login } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import type { Db } from "../../db/client"
import {
  auditLog,
  cycles,
  enrolments,
  handbookChecks,
  mailOutbox,
  modules,
  people,
  quizAttempts,
  responses,
  resultScores,
  results,
  sessions,
  totpCredentials,
  units,
} from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
let admin: string
let adminId: number
let manager: string
let regionId: number

// The report seed is built once for the file; each test gets a fresh copy of it.
let seeded: Db
beforeAll(() => {
  seeded = testDb()
  seedReports(seeded, loadAllContent().content!)
})

beforeEach(async () => {
  db = testDb(seeded)
  admin = await loginCookie("admin@parat.test")
  adminId = db.select({ id: people.id }).from(people).where(eq(people.email, "admin@parat.test")).get()!.id
  manager = await loginCookie("manager@parat.test")
  regionId = db.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()!.id
})

/** A demo person with a result in both closed cycles, so the cross-cycle trend counts them. */
function personInBothCycles() {
  const rows = db
    .select({ personId: results.personId })
    .from(results)
    .groupBy(results.personId)
    .having(sql`count(distinct ${results.cycleId}) = 2`)
    .orderBy(results.personId)
    .all()
  const row = rows[0]
  if (!row) throw new Error("the report seed has too few people with two results")
  return db.select().from(people).where(eq(people.id, row.personId)).get()!
}

/** The figures every closed cycle publishes for the region, as the manager's report page loads them. */
async function publishedFigures() {
  const closed = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, "closed")).all()
  const figures = []
  for (const { id } of closed) {
    const report = await unitLoader({
      request: makeRequest(`/reports/units/${regionId}?cycle=${id}`, { cookie: manager }),
      params: { unitId: String(regionId) },
      context: {},
    })
    const { heatmap, levelDistribution, participation, trend } = report
    figures.push({ id, heatmap, levelDistribution, participation, trend })
  }
  return JSON.stringify(figures)
}

const erase = (personId: number, form: Record<string, string>, cookie = admin) =>
  personAction({
    request: makeRequest(`/admin/people/${personId}`, { cookie, form: { intent: "erase", ...form } }),
    params: { id: String(personId) },
    context: {},
  }).then(asResponse)

function giveHistory(personId: number, email: string) {
  const slug = db.select({ slug: modules.slug }).from(modules).limit(1).get()!.slug
  db.insert(enrolments)
    .values({ personId, moduleSlug: slug, startedAt: new Date(), completedAt: new Date() })
    .onConflictDoNothing()
    .run()
  db.insert(quizAttempts)
    .values({ personId, moduleSlug: slug, answers: { q1: ["a"] }, score: 1, isPassed: true })
    .run()
  db.insert(handbookChecks).values({ personId, itemId: "need-1", checkedAt: new Date() }).run()
  db.insert(totpCredentials).values({ personId, sealedSecret: "sealed", confirmedAt: new Date() }).run()
  const at = new Date()
  db.insert(mailOutbox)
    .values([
      {
        kind: "password_link",
        dedupeKey: `sent-${personId}`,
        personId,
        status: "sent",
        nextAttemptAt: at,
        toAddress: email,
        subject: "Vælg din adgangskode",
        body: `Kære ${email}`,
      },
      {
        kind: "password_link",
        dedupeKey: `queued-${personId}`,
        personId,
        nextAttemptAt: at,
        payload: { token: "t" },
      },
    ])
    .run()
  db.insert(auditLog)
    .values({
      at: new Date(),
      actorId: adminId,
      action: "person.update",
      target: `person:${personId}`,
      details: { email, role: { from: "employee", to: "manager" } },
    })
    .run()
}

const countOf = (
  table: typeof enrolments | typeof quizAttempts | typeof handbookChecks | typeof sessions,
  personId: number,
) => db.select({ n: count() }).from(table).where(eq(table.personId, personId)).get()!.n

test("erase: identity, answers, scores and learning go; sign-in and sessions end; closed cycles publish the same", async () => {
  const person = personInBothCycles()
  giveHistory(person.id, person.email)
  const cookie = await loginCookie(person.email)
  const before = await publishedFigures()
  const ownResults = db.select({ id: results.id }).from(results).where(eq(results.personId, person.id)).all()

  const response = await erase(person.id, { mode: "erase", confirm: "on" })
  expect(response.status).toBe(302)
  expect(response.headers.get("Location")).toBe(`/admin/people/${person.id}?done=erase`)

  expect(await publishedFigures()).toBe(before)
  const placeholder = db.select().from(people).where(eq(people.id, person.id)).get()!
  expect(placeholder).toMatchObject({
    name: `[erased ${person.id}]`,
    email: `erased-${person.id}@invalid`,
    employeeId: null,
    passwordHash: null,
    isActive: false,
    erasure: "erase",
  })
  expect(getUser(makeRequest("/", { cookie }))).toBeNull()
  expect(countOf(sessions, person.id)).toBe(0)
  expect(
    await login(makeRequest("/login"), {
      email: person.email,
      password: "parat-demo",
      address: "erasure-test",
    }),
  ).toMatchObject({ ok: false })
  const scores = db
    .select({ n: count() })
    .from(resultScores)
    .where(
      inArray(
        resultScores.resultId,
        ownResults.map((r) => r.id),
      ),
    )
    .get()!.n
  expect(scores).toBe(0)
  const answers = db
    .select({ answers: responses.answers })
    .from(responses)
    .where(eq(responses.personId, person.id))
    .all()
  expect(answers.every((r) => Object.keys(r.answers).length === 0)).toBe(true)
  expect([
    countOf(enrolments, person.id),
    countOf(quizAttempts, person.id),
    countOf(handbookChecks, person.id),
  ]).toEqual([0, 0, 0])
  expect(db.select().from(totpCredentials).where(eq(totpCredentials.personId, person.id)).all()).toEqual([])
  // The mail trail keeps that mails were sent, not to whom or what they said; the waiting one is not sent.
  const mails = db
    .select({
      status: mailOutbox.status,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      body: mailOutbox.body,
      payload: mailOutbox.payload,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.personId, person.id))
    .orderBy(mailOutbox.id)
    .all()
  expect(mails).toEqual([
    { status: "sent", toAddress: null, subject: null, body: null, payload: null },
    { status: "cancelled", toAddress: null, subject: null, body: null, payload: null },
  ])

  // The audit log says what happened and who did it, and no longer holds the person's email anywhere.
  const entries = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.target, `person:${person.id}`))
    .all()
  expect(entries.at(-1)).toMatchObject({ actorId: adminId, action: "person.erase" })
  expect(JSON.stringify(entries)).not.toContain(person.email)
  expect(JSON.stringify(entries)).not.toContain(person.name)
})

test("anonymise: identity goes, submitted answers and scores stay with the placeholder; closed cycles publish the same", async () => {
  const person = personInBothCycles()
  giveHistory(person.id, person.email)
  const enrolmentsBefore = countOf(enrolments, person.id)
  const before = await publishedFigures()
  const scoresBefore = db
    .select({ n: count() })
    .from(resultScores)
    .innerJoin(results, eq(results.id, resultScores.resultId))
    .where(eq(results.personId, person.id))
    .get()!.n

  expect((await erase(person.id, { mode: "anonymise", confirm: "on" })).status).toBe(302)

  expect(await publishedFigures()).toBe(before)
  expect(db.select().from(people).where(eq(people.id, person.id)).get()).toMatchObject({
    name: `[anonymised ${person.id}]`,
    isActive: false,
    erasure: "anonymise",
    passwordHash: null,
  })
  const scoresAfter = db
    .select({ n: count() })
    .from(resultScores)
    .innerJoin(results, eq(results.id, resultScores.resultId))
    .where(eq(results.personId, person.id))
    .get()!.n
  expect(scoresAfter).toBe(scoresBefore)
  expect(countOf(enrolments, person.id)).toBe(enrolmentsBefore)
  expect(countOf(handbookChecks, person.id)).toBe(0)
  expect(
    await login(makeRequest("/login"), {
      email: person.email,
      password: "parat-demo",
      address: "erasure-test",
    }),
  ).toMatchObject({ ok: false })
  expect(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `person:${person.id}`), eq(auditLog.action, "person.anonymise")))
      .get(),
  ).toBeDefined()
})

test("erasure needs the confirmation box and a mode, never hits the admin's own account, and cannot be undone by reactivating", async () => {
  const person = personInBothCycles()
  for (const form of <Record<string, string>[]>[
    { mode: "erase" },
    { confirm: "on" },
    { mode: "shred", confirm: "on" },
  ]) {
    const response = await erase(person.id, form)
    expect(response.status).toBe(400)
  }
  expect(db.select({ erasedAt: people.erasedAt }).from(people).where(eq(people.id, person.id)).get()).toEqual(
    { erasedAt: null },
  )
  expect((await erase(adminId, { mode: "erase", confirm: "on" })).status).toBe(400)

  expect((await erase(person.id, { mode: "erase", confirm: "on" })).status).toBe(302)
  const again = await erase(person.id, { mode: "anonymise", confirm: "on" })
  expect(again.status).toBe(400)
  expect(await again.json()).toMatchObject({ formError: "person.errors.already_erased" })
  const reactivate = asResponse(
    await personAction({
      request: makeRequest(`/admin/people/${person.id}`, { cookie: admin, form: { intent: "reactivate" } }),
      params: { id: String(person.id) },
      context: {},
    }),
  )
  expect(reactivate.status).toBe(400)
  expect(db.select({ isActive: people.isActive }).from(people).where(eq(people.id, person.id)).get()).toEqual(
    { isActive: false },
  )
})

test("only admins may erase: a manager gets 403", async () => {
  const person = personInBothCycles()
  await expect(erase(person.id, { mode: "erase", confirm: "on" }, manager)).rejects.toMatchObject({
    status: 403,
  })
})
