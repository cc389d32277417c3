// The demo survey: the current instrument version and one open cycle, "Efterår 2026 / Autumn 2026", for the
// whole demo region, with invitations for every active person. No results: the current cycle starts empty, so
// everyone (employee@parat.test included) can take it. Idempotent: cycles are found by name.

import { and, eq, like } from "drizzle-orm"
import { type CalendarDay, danishDay } from "../../app/domain/calendar"
import type { AnyInstrument } from "../../app/domain/content-schema"
import { env } from "../../app/env.server"
import { ensureInstrumentVersion } from "../../app/services/instrument.server"
import type { Db, DbOrTx } from "../../db/client"
import { type CycleStatus, cycleInvitations, cycles, cycleUnits, people, units } from "../../db/schema"
import { ensurePerson } from "./factories"

export const CURRENT_CYCLE_NAME = "Efterår 2026 / Autumn 2026"

/** Fixed logins for the survey's browser tests, so their journeys never collide with other tests. */
export const SURVEY_TESTERS = [
  "survey.tester1@parat.test",
  "survey.tester2@parat.test",
  "survey.tester3@parat.test",
  "survey.tester4@parat.test",
] as const

export type CycleInput = {
  name: string
  instrumentHash: string
  status: CycleStatus
  opensOn: CalendarDay
  closesOn: CalendarDay
  minGroupSize: number
  unitIds: number[]
}

/** Inserts a cycle with its target units (or finds it by name) and returns its id. */
export function ensureCycle(db: DbOrTx, input: CycleInput): number {
  const existing = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, input.name)).get()
  if (existing) return existing.id
  const { unitIds, ...values } = input
  const { id } = db.insert(cycles).values(values).returning({ id: cycles.id }).get()
  for (const unitId of unitIds) db.insert(cycleUnits).values({ cycleId: id, unitId }).run()
  return id
}

/** Invites every active person in the cycle's target subtrees, with their unit and job family now. */
export function inviteToCycle(db: DbOrTx, cycleId: number) {
  const targets = db
    .select({ path: units.path })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(eq(cycleUnits.cycleId, cycleId))
    .all()
  for (const target of targets) {
    const invitees = db
      .select({ personId: people.id, unitId: people.unitId, jobFamily: people.jobFamily })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.isActive, true), like(units.path, `${target.path}%`)))
      .all()
    for (const invitee of invitees) {
      db.insert(cycleInvitations)
        .values({ cycleId, ...invitee })
        .onConflictDoNothing()
        .run()
    }
  }
}

/** Seeds the survey testers, the instrument version and the current open cycle. Returns the cycle's id. */
export function seedSurvey(
  db: Db,
  instrument: AnyInstrument & { hash: string },
  { passwordHash, now = new Date() }: { passwordHash: string; now?: Date },
) {
  return db.transaction((t) => {
    const region = t.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()
    const emergency = t.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()
    if (!region || !emergency) throw new Error("Seed the demo organisation before the survey")
    SURVEY_TESTERS.forEach((email, i) => {
      ensurePerson(t, {
        email,
        name: `Sara Surveytester ${i + 1}`,
        jobFamily: i % 2 === 0 ? "nurse" : "doctor",
        unitId: emergency.id,
        passwordHash,
        isDemo: true,
      })
    })
    const instrumentHash = ensureInstrumentVersion(t, instrument)
    // Open since 1 September 2026 and until the end of the year; a later demo keeps it open a month ahead.
    const opensOn = danishDay(new Date(Math.min(Date.UTC(2026, 8, 1), now.getTime() - 86_400_000)))
    const closesOn = danishDay(new Date(Math.max(Date.UTC(2026, 11, 31), now.getTime() + 30 * 86_400_000)))
    const cycleId = ensureCycle(t, {
      name: CURRENT_CYCLE_NAME,
      instrumentHash,
      status: "open",
      opensOn,
      closesOn,
      minGroupSize: env.PARAT_MIN_GROUP_SIZE,
      unitIds: [region.id],
    })
    inviteToCycle(t, cycleId)
    return cycleId
  })
}
