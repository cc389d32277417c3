// The demo survey: the current instrument version and one open cycle, "Efterår 2026 / Autumn 2026", for the
// whole demo region, with invitations for every active person. No results: the current cycle starts empty, so
// everyone (employee@parat.test included) can take it. Idempotent: cycles are found by name.

import { eq } from "drizzle-orm"
import { type CalendarDay, danishDay } from "../../app/domain/calendar"
import type { AnyInstrument } from "../../app/domain/content-schema"
import { env } from "../../app/env.server"
import { createCycle, inviteTargetedPeople, setReminderDays } from "../../app/services/admin-cycles.server"
import { ensureInstrumentVersion } from "../../app/services/instrument.server"
import type { Db, DbOrTx } from "../../db/client"
import { type CycleStatus, cycles, units } from "../../db/schema"
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

/**
 * Creates a cycle as an admin does (or finds it by name) and returns its id. Two steps are the seed's own: no
 * reminder days (demo people have no mailboxes, so nothing is queued for them), and the status and k set
 * directly rather than through openCycle, which would also invite everyone and queue their invitation mails; the
 * caller invites (inviteToCycle, or a seed's own list for a past cycle).
 */
export function ensureCycle(db: DbOrTx, input: CycleInput): number {
  const existing = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, input.name)).get()
  if (existing) return existing.id
  const { status, minGroupSize, ...draft } = input
  const created = createCycle(null, draft, db)
  if (!created.ok) throw new Error(`ensureCycle ${input.name}: ${created.reason}`)
  setReminderDays(null, created.id, [], db)
  db.update(cycles).set({ status, minGroupSize }).where(eq(cycles.id, created.id)).run()
  return created.id
}

/** Invites every active person in the cycle's target subtrees, with their unit and job family now. */
export function inviteToCycle(db: DbOrTx, cycleId: number) {
  inviteTargetedPeople(db, cycleId)
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
