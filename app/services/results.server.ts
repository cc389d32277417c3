// Writing a scored result. Called inside the caller's (synchronous) submit transaction, so the result rows and
// the report aggregates never disagree.
import { eq, sql } from "drizzle-orm"
import type { ScoredResponse } from "~/domain/scoring"
import { type Db, type DbOrTx, schema } from "./db.server"

const { results, resultScores, resultAggregates, subtreeAggregates, participationAggregates, units } = schema

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

export function recordResult(db: DbOrTx, input: ResultInput): number {
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
      scored.dimensions.map((d) => ({
        resultId,
        dimension: d.dimension,
        score: d.score,
        level: d.level,
        confidence: d.confidence ?? null,
      })),
    )
    .run()

  const group = { cycleId: input.cycleId, unitId: input.unitId, jobFamily: input.jobFamily }
  const unitPath =
    db.select({ path: units.path }).from(units).where(eq(units.id, input.unitId)).get()?.path ?? ""
  const unitAndAncestorIds = unitPath.split("/").filter(Boolean).map(Number)
  for (const d of scored.dimensions) {
    if (d.score === null || d.level === null) continue
    const levelColumn = `level${d.level}` as const
    for (const unitId of unitAndAncestorIds) {
      db.insert(subtreeAggregates)
        .values({ ...group, unitId, dimension: d.dimension, n: 1, scoreSum: d.score, [levelColumn]: 1 })
        .onConflictDoUpdate({
          target: [
            subtreeAggregates.cycleId,
            subtreeAggregates.unitId,
            subtreeAggregates.jobFamily,
            subtreeAggregates.dimension,
          ],
          set: {
            n: sql`${subtreeAggregates.n} + 1`,
            scoreSum: sql`${subtreeAggregates.scoreSum} + ${d.score}`,
            [levelColumn]: sql`${subtreeAggregates[levelColumn]} + 1`,
          },
        })
        .run()
    }
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

/**
 * Recomputes subtree_aggregates from result_aggregates and the current tree: after a unit moves, its results count
 * under its new ancestors. Synchronous; call inside the transaction that changed the tree.
 */
export function rebuildSubtreeAggregates(db: Pick<Db, "run">) {
  db.run(sql`DELETE FROM subtree_aggregates`)
  // Each unit's ancestors (itself included) by walking parent ids: linear in units × depth, where a join on path
  // ranges would compare every aggregate row with every unit.
  db.run(sql`
    INSERT INTO subtree_aggregates (cycle_id, unit_id, job_family, dimension, n, score_sum, level0, level1, level2, level3, level4)
    WITH RECURSIVE lineage(unit_id, ancestor_id) AS (
      SELECT id, id FROM units
      UNION ALL
      SELECT l.unit_id, u.parent_id FROM lineage l JOIN units u ON u.id = l.ancestor_id WHERE u.parent_id IS NOT NULL
    )
    SELECT a.cycle_id, l.ancestor_id, a.job_family, a.dimension, SUM(a.n), SUM(a.score_sum),
      SUM(a.level0), SUM(a.level1), SUM(a.level2), SUM(a.level3), SUM(a.level4)
    FROM result_aggregates a JOIN lineage l ON l.unit_id = a.unit_id
    GROUP BY a.cycle_id, l.ancestor_id, a.job_family, a.dimension`)
}
