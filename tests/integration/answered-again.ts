// A next cycle over the demo region in which the same people are invited as in an earlier one, and everyone who
// answered then answers again with the same scores, except the chosen leavers: turnover made exact, for the tests of
// the cohort rule and the audit across cycles. Each answers as before (the same answers, attitude items included).
import { eq } from "drizzle-orm"
import { createCycle, openCycle } from "~/services/admin-cycles.server"
import { recordResult } from "~/services/results.server"
import type { Db } from "../../db/client"
import { cycles, responses, results } from "../../db/schema"

export type EarlierResult = {
  id: number
  personId: number
  unitId: number
  jobFamily: string
  answers: Record<string, number | string>
}

export function cycleAnsweredAgain(
  db: Db,
  adminId: number,
  input: {
    previous: number
    regionId: number
    leavers: (last: EarlierResult[]) => EarlierResult[]
    name?: string
    /** the instrument of the new cycle (by default the first cycle's) */
    instrumentHash?: string
    /** each one's answers this time (by default those of last time) */
    answers?: (last: EarlierResult) => Record<string, number | string>
  },
) {
  const created = createCycle(
    adminId,
    {
      name: input.name ?? "Efterår 2026",
      instrumentHash: input.instrumentHash ?? db.select({ h: cycles.instrumentHash }).from(cycles).get()!.h,
      unitIds: [input.regionId],
      opensOn: "2026-09-01",
      closesOn: "2026-09-30",
    },
    db,
  )
  if (!created.ok) throw new Error(created.reason)
  if (!openCycle(adminId, created.id, db, 5).ok) throw new Error("the cycle did not open")
  // The same invitation list: a new name on it would itself be a change the rules protect.
  db.$client.prepare("DELETE FROM cycle_invitations WHERE cycle_id = ?").run(created.id)
  db.$client
    .prepare(`INSERT INTO cycle_invitations (cycle_id, person_id, unit_id, job_family)
      SELECT ?, person_id, unit_id, job_family FROM cycle_invitations WHERE cycle_id = ?`)
    .run(created.id, input.previous)
  const last = db
    .select({
      id: results.id,
      personId: results.personId,
      unitId: results.unitId,
      jobFamily: results.jobFamily,
      answers: responses.answers,
    })
    .from(results)
    .innerJoin(responses, eq(responses.id, results.responseId))
    .where(eq(results.cycleId, input.previous))
    .all()
  const leavers = new Set(input.leavers(last).map((r) => r.personId))
  db.transaction(() => {
    for (const r of last) {
      if (leavers.has(r.personId)) continue
      const scores = db.$client
        .prepare("SELECT dimension, score, level, confidence FROM result_scores WHERE result_id = ?")
        .all(r.id) as {
        dimension: string
        score: number | null
        level: number | null
        confidence: number | null
      }[]
      const now = new Date(Date.UTC(2026, 8, 10))
      const response = db
        .insert(responses)
        .values({
          cycleId: created.id,
          personId: r.personId,
          answers: input.answers?.(r) ?? r.answers,
          status: "submitted",
          updatedAt: now,
          submittedAt: now,
        })
        .returning({ id: responses.id })
        .get()
      recordResult(db, {
        responseId: response.id,
        cycleId: created.id,
        personId: r.personId,
        unitId: r.unitId,
        jobFamily: r.jobFamily as never,
        submittedAt: now,
        scored: {
          dimensions: scores as never,
          minLevel: Math.min(...scores.map((s) => s.level ?? 0)) as 0,
        },
      })
    }
  })
  return { cycleId: created.id, last, leavers }
}
