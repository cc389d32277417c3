// Writing a scored result. Called inside the caller's (synchronous) submit transaction, so the result rows and
// the report aggregates never disagree.
import { sql } from "drizzle-orm"
import type { ScoredResponse } from "~/domain/scoring"
import { type Db, schema } from "./db.server"

const { results, resultScores, resultAggregates, participationAggregates } = schema

export type ResultInput = {
  responseId: number
  cycleId: number
  personId: number
  /** the person's unit and job family at the time of submitting: reports stay true when people move */
  unitId: number
  jobFamily: schema.JobFamily
  submittedAt: Date
  scored: ScoredResponse
}

export function recordResult(db: Db, input: ResultInput): number {
  const { scored } = input
  const { id: resultId } = db
    .insert(results)
    .values({
      responseId: input.responseId,
      cycleId: input.cycleId,
      personId: input.personId,
      unitId: input.unitId,
      jobFamily: input.jobFamily,
      minLevel: scored.minLevel,
      submittedAt: input.submittedAt,
    })
    .returning({ id: results.id })
    .get()

  db.insert(resultScores)
    .values(
      scored.dimensions.map((d) => ({ resultId, dimension: d.dimension, score: d.score, level: d.level })),
    )
    .run()

  const group = { cycleId: input.cycleId, unitId: input.unitId, jobFamily: input.jobFamily }
  for (const d of scored.dimensions) {
    if (d.score === null || d.level === null) continue
    const levelColumn = `level${d.level}` as const
    db.insert(resultAggregates)
      .values({ ...group, dimension: d.dimension, n: 1, scoreSum: d.score, [levelColumn]: 1 })
      .onConflictDoUpdate({
        target: [
          resultAggregates.cycleId,
          resultAggregates.unitId,
          resultAggregates.jobFamily,
          resultAggregates.dimension,
        ],
        set: {
          n: sql`${resultAggregates.n} + 1`,
          scoreSum: sql`${resultAggregates.scoreSum} + ${d.score}`,
          [levelColumn]: sql`${resultAggregates[levelColumn]} + 1`,
        },
      })
      .run()
  }

  const isAllFoundation = scored.minLevel >= 1 ? 1 : 0
  db.insert(participationAggregates)
    .values({ ...group, submitted: 1, allFoundation: isAllFoundation })
    .onConflictDoUpdate({
      target: [
        participationAggregates.cycleId,
        participationAggregates.unitId,
        participationAggregates.jobFamily,
      ],
      set: {
        submitted: sql`${participationAggregates.submitted} + 1`,
        allFoundation: sql`${participationAggregates.allFoundation} + ${isAllFoundation}`,
      },
    })
    .run()
  return resultId
}
