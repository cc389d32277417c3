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

/** Records one submitted result and its report aggregates (the survey's submit, one per submission). */
export function recordResult(db: DbOrTx, input: ResultInput): number {
  return recordResults(db, [input])[0]!
}

type Sums = { n: number; scoreSum: number; levels: [number, number, number, number, number] }

/**
 * Records submitted results and their report aggregates: each result's rows, then each aggregate row once with
 * the sums of the whole batch (the same totals as recording them one by one). The one writer of results: the app
 * records one per submission (recordResult), the synthetic generator (scripts/seed/synthetic.ts) a cycle's results
 * in batches. Statements are prepared once per call. Synchronous: call inside the caller's transaction, so the
 * result rows and the report aggregates never disagree. Returns the result ids, in the order of `inputs`.
 */
export function recordResults(db: DbOrTx, inputs: readonly ResultInput[]): number[] {
  if (inputs.length === 0) return []
  const p = (name: string) => sql.placeholder(name)
  const insertResult = db
    .insert(results)
    .values({
      responseId: p("responseId"),
      cycleId: p("cycleId"),
      personId: p("personId"),
      unitId: p("unitId"),
      jobFamily: p("jobFamily"),
      minLevel: p("minLevel"),
      submittedAt: p("submittedAt"),
    })
    .returning({ id: results.id })
    .prepare()
  const insertScore = db
    .insert(resultScores)
    .values({
      resultId: p("resultId"),
      dimension: p("dimension"),
      score: p("score"),
      level: p("level"),
      confidence: p("confidence"),
    })
    .prepare()
  const unitPath = db
    .select({ path: units.path })
    .from(units)
    .where(eq(units.id, p("unitId")))
    .prepare()

  // ---- the rows of each result, and the batch's sums per group
  const ids: number[] = []
  const own = new Map<string, Sums>()
  const subtree = new Map<string, Sums>()
  const participation = new Map<string, { submitted: number; allFoundation: number }>()
  const lineage = new Map<number, number[]>()
  const addTo = (into: Map<string, Sums>, key: string, score: number, level: number) => {
    let sums = into.get(key)
    if (!sums) {
      sums = { n: 0, scoreSum: 0, levels: [0, 0, 0, 0, 0] }
      into.set(key, sums)
    }
    sums.n++
    sums.scoreSum += score
    sums.levels[level]!++
  }
  for (const input of inputs) {
    const { scored } = input
    const { id: resultId } = insertResult.get({ ...input, minLevel: scored.minLevel })!
    ids.push(resultId)
    for (const d of scored.dimensions)
      insertScore.run({
        resultId,
        dimension: d.dimension,
        score: d.score,
        level: d.level,
        confidence: d.confidence ?? null,
      })
    let ancestors = lineage.get(input.unitId)
    if (!ancestors) {
      ancestors = (unitPath.get({ unitId: input.unitId })?.path ?? "").split("/").filter(Boolean).map(Number)
      lineage.set(input.unitId, ancestors)
    }
    const group = `${input.cycleId}|${input.unitId}|${input.jobFamily}`
    for (const d of scored.dimensions) {
      if (d.score === null || d.level === null) continue
      addTo(own, `${group}|${d.dimension}`, d.score, d.level)
      for (const unitId of ancestors)
        addTo(subtree, `${input.cycleId}|${unitId}|${input.jobFamily}|${d.dimension}`, d.score, d.level)
    }
    const counts = participation.get(group) ?? { submitted: 0, allFoundation: 0 }
    counts.submitted++
    if (scored.minLevel >= 1) counts.allFoundation++
    participation.set(group, counts)
  }

  // ---- each aggregate row once
  for (const [table, sums] of [
    [resultAggregates, own],
    [subtreeAggregates, subtree],
  ] as const) {
    const upsert = db
      .insert(table)
      .values({
        cycleId: p("cycleId"),
        unitId: p("unitId"),
        jobFamily: p("jobFamily"),
        dimension: p("dimension"),
        n: p("n"),
        scoreSum: p("scoreSum"),
        level0: p("level0"),
        level1: p("level1"),
        level2: p("level2"),
        level3: p("level3"),
        level4: p("level4"),
      })
      .onConflictDoUpdate({
        target: [table.cycleId, table.unitId, table.jobFamily, table.dimension],
        set: {
          n: sql`${table.n} + excluded.n`,
          scoreSum: sql`${table.scoreSum} + excluded.score_sum`,
          level0: sql`${table.level0} + excluded.level0`,
          level1: sql`${table.level1} + excluded.level1`,
          level2: sql`${table.level2} + excluded.level2`,
          level3: sql`${table.level3} + excluded.level3`,
          level4: sql`${table.level4} + excluded.level4`,
        },
      })
      .prepare()
    for (const [key, s] of sums) {
      const [cycleId, unitId, jobFamily, dimension] = key.split("|")
      const [level0, level1, level2, level3, level4] = s.levels
      upsert.run({
        cycleId: Number(cycleId),
        unitId: Number(unitId),
        jobFamily,
        dimension,
        n: s.n,
        scoreSum: s.scoreSum,
        level0,
        level1,
        level2,
        level3,
        level4,
      })
    }
  }
  const upsertParticipation = db
    .insert(participationAggregates)
    .values({
      cycleId: p("cycleId"),
      unitId: p("unitId"),
      jobFamily: p("jobFamily"),
      submitted: p("submitted"),
      allFoundation: p("allFoundation"),
    })
    .onConflictDoUpdate({
      target: [
        participationAggregates.cycleId,
        participationAggregates.unitId,
        participationAggregates.jobFamily,
      ],
      set: {
        submitted: sql`${participationAggregates.submitted} + excluded.submitted`,
        allFoundation: sql`${participationAggregates.allFoundation} + excluded.all_foundation`,
      },
    })
    .prepare()
  for (const [group, counts] of participation) {
    const [cycleId, unitId, jobFamily] = group.split("|")
    upsertParticipation.run({ cycleId: Number(cycleId), unitId: Number(unitId), jobFamily, ...counts })
  }
  return ids
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
