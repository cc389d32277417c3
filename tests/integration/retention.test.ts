import { and, eq, inArray } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { purgeExpiredData } from "~/services/retention.server"
import { getCurrentInstrument } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { auditLog, loginFailures, passwordResets, people, responses, sessions, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { ensureCycle } from "../../scripts/seed/survey"
import { testDb } from "./db"

let db: Db
const DAY = 86_400_000
const now = new Date()
const ago = (days: number) => new Date(now.getTime() - days * DAY)

beforeEach(() => {
  db = testDb()
})

function makePerson(tag: string) {
  const unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  return ensurePerson(db, { email: `${tag}@retention.test`, name: tag, jobFamily: "nurse", unitId })
}

function makeCycle(name: string, status: "open" | "closed") {
  const hash = ensureInstrumentVersion(db, getCurrentInstrument())
  return ensureCycle(db, {
    name,
    instrumentHash: hash,
    status,
    opensOn: danishDay(ago(60)),
    closesOn: danishDay(ago(-30)),
    minGroupSize: 5,
    unitIds: [db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id],
  })
}

const response = (cycleId: number, personId: number, status: "draft" | "submitted") =>
  db
    .insert(responses)
    .values({
      cycleId,
      personId,
      status,
      answers: { x: 1 },
      updatedAt: now,
      submittedAt: status === "submitted" ? now : null,
    })
    .returning({ id: responses.id })
    .get().id

test("drafts of closed cycles, expired sessions, spent reset tokens and old audit entries go; everything else stays", () => {
  const anna = makePerson("anna")
  const bo = makePerson("bo")
  const closed = makeCycle("Retention closed", "closed")
  const open = makeCycle("Retention open", "open")
  const closedDraft = response(closed, anna, "draft")
  const closedSubmitted = response(closed, bo, "submitted")
  const openDraft = response(open, anna, "draft")
  db.insert(sessions)
    .values([
      { idHash: "retention-expired", personId: anna, expiresAt: ago(1) },
      { idHash: "retention-live", personId: anna, expiresAt: ago(-1), lastSeenAt: new Date() },
    ])
    .run()
  db.insert(passwordResets)
    .values([
      { tokenHash: "retention-used", personId: anna, expiresAt: ago(-1), usedAt: ago(0) },
      { tokenHash: "retention-expired", personId: anna, expiresAt: ago(1) },
      { tokenHash: "retention-valid", personId: bo, expiresAt: ago(-1) },
    ])
    .run()
  db.insert(loginFailures)
    .values([
      { key: "email:retention-old@test", at: ago(2) },
      { key: "email:retention-new@test", at: now },
    ])
    .run()
  const oldAudit = db
    .insert(auditLog)
    .values({ at: ago(731), actorId: null, action: "unit.create", target: "retention-old" })
    .returning({ id: auditLog.id })
    .get().id
  const keptAudit = db
    .insert(auditLog)
    .values({ at: ago(729), actorId: null, action: "unit.create", target: "retention-kept" })
    .returning({ id: auditLog.id })
    .get().id

  const counts = purgeExpiredData(now, { auditRetentionDays: 730 }, db)
  expect(counts).toMatchObject({ drafts: 1, sessions: 1, passwordResets: 2, auditEntries: 1 })
  expect(counts.loginFailures).toBeGreaterThanOrEqual(1)

  const responseIds = db
    .select({ id: responses.id })
    .from(responses)
    .where(inArray(responses.id, [closedDraft, closedSubmitted, openDraft]))
    .all()
  expect(responseIds.map((r) => r.id).sort()).toEqual([closedSubmitted, openDraft].sort())
  expect(db.select({ id: sessions.idHash }).from(sessions).where(eq(sessions.personId, anna)).all()).toEqual([
    { id: "retention-live" },
  ])
  expect(
    db
      .select({ t: passwordResets.tokenHash })
      .from(passwordResets)
      .where(inArray(passwordResets.personId, [anna, bo]))
      .all(),
  ).toEqual([{ t: "retention-valid" }])
  expect(
    db
      .select({ key: loginFailures.key })
      .from(loginFailures)
      .where(inArray(loginFailures.key, ["email:retention-old@test", "email:retention-new@test"]))
      .all(),
  ).toEqual([{ key: "email:retention-new@test" }])
  const audit = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(inArray(auditLog.id, [oldAudit, keptAudit]))
    .all()
  expect(audit).toEqual([{ id: keptAudit }])
  // The purge of answers and history is itself logged, with counts only.
  expect(db.select().from(auditLog).where(eq(auditLog.action, "data.purge")).all().at(-1)).toMatchObject({
    actorId: null,
    details: { drafts: 1, auditEntries: 1, auditRetentionDays: 730 },
  })
  // A second run finds nothing more of this test's data and logs nothing new.
  const purgeEntries = () =>
    db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "data.purge")).all().length
  const before = purgeEntries()
  expect(purgeExpiredData(now, { auditRetentionDays: 730 }, db)).toMatchObject({ drafts: 0, auditEntries: 0 })
  expect(purgeEntries()).toBe(before)
  expect(
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, anna)))
      .get(),
  ).toEqual({ id: anna })
})

test("the audit retention is a setting: a shorter period deletes more", () => {
  const id = db
    .insert(auditLog)
    .values({ at: ago(40), actorId: null, action: "unit.rename", target: "retention-40-days" })
    .returning({ id: auditLog.id })
    .get().id
  purgeExpiredData(now, { auditRetentionDays: 730 }, db)
  expect(db.select().from(auditLog).where(eq(auditLog.id, id)).get()).toBeDefined()
  purgeExpiredData(now, { auditRetentionDays: 30 }, db)
  expect(db.select().from(auditLog).where(eq(auditLog.id, id)).get()).toBeUndefined()
})
