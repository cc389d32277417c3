// Writing a scored result. Called inside the caller's (synchronous) submit transaction, so the result rows and
// the report aggregates never disagree.
import { sql } from "drizzle-orm"
import type { ScoredResponse } from "~/domain/scoring"
import type { DbOrTx, schema } from "./db.server"

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
 * Records submitted results and their report aggregates: the batch's result rows, score rows and each aggregate
 * row in one statement per table (rows passed as one JSON array), each aggregate with the sums of the whole batch,
 * the same totals as recording the results one by one. The one writer of results: the app records one per
 * submission (recordResult), the synthetic generator (scripts/seed/synthetic.ts) a cycle's results in batches.
 * Synchronous: call inside the caller's transaction, so the result rows and the report aggregates never disagree.
 * Returns the result ids, in the order of `inputs`.
 */
export function recordResults(db: DbOrTx, inputs: readonly ResultInput[]): number[] {
  if (inputs.length === 0) return []
  const rows = (values: unknown[][]) => JSON.stringify(values)

  const inserted = db.all<{ id: number; responseId: number }>(sql`
    INSERT INTO results (response_id, cycle_id, person_id, unit_id, job_family, min_level, submitted_at)
    SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6
    FROM json_each(${rows(
      inputs.map((r) => [
        r.responseId,
        r.cycleId,
        r.personId,
        r.unitId,
        r.jobFamily,
        r.scored.minLevel,
        r.submittedAt.getTime(),
      ]),
    )})
    RETURNING id, response_id AS responseId`)
  const idOf = new Map(inserted.map((r) => [r.responseId, r.id]))
  const ids = inputs.map((r) => idOf.get(r.responseId)!)
  db.run(sql`
    INSERT INTO result_scores (result_id, dimension, score, level, confidence)
    SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(${rows(
      inputs.flatMap((r, i) =>
        r.scored.dimensions.map((d) => [ids[i], d.dimension, d.score, d.level, d.confidence ?? null]),
      ),
    )})`)

  // ---- the batch's sums per group: the person's own unit and job family
  const own = new Map<string, Sums>()
  const participation = new Map<string, { submitted: number; allFoundation: number }>()
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
    const group = `${input.cycleId}|${input.unitId}|${input.jobFamily}`
    for (const d of input.scored.dimensions) {
      if (d.score === null || d.level === null) continue
      addTo(own, `${group}|${d.dimension}`, d.score, d.level)
    }
    const counts = participation.get(group) ?? { submitted: 0, allFoundation: 0 }
    counts.submitted++
    if (input.scored.minLevel >= 1) counts.allFoundation++
    participation.set(group, counts)
  }

  // ---- each aggregate row once ("WHERE true" lets SQLite read ON CONFLICT after a SELECT)
  const sumRows = (sums: Map<string, Sums>) =>
    rows(
      [...sums].map(([key, s]) => {
        const [cycleId, unitId, jobFamily, dimension] = key.split("|")
        return [Number(cycleId), Number(unitId), jobFamily, dimension, s.n, s.scoreSum, ...s.levels]
      }),
    )
  db.run(sql`
    INSERT INTO result_aggregates (cycle_id, unit_id, job_family, dimension, n, score_sum, level0, level1, level2, level3, level4)
    SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8,
      value->>9, value->>10
    FROM json_each(${sumRows(own)}) WHERE true
    ON CONFLICT (cycle_id, unit_id, job_family, dimension) DO UPDATE SET n = n + excluded.n,
      score_sum = score_sum + excluded.score_sum, level0 = level0 + excluded.level0,
      level1 = level1 + excluded.level1, level2 = level2 + excluded.level2, level3 = level3 + excluded.level3,
      level4 = level4 + excluded.level4`)
  db.run(sql`
    INSERT INTO participation_aggregates (cycle_id, unit_id, job_family, submitted, all_foundation)
    SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(${rows(
      [...participation].map(([group, c]) => {
        const [cycleId, unitId, jobFamily] = group.split("|")
        return [Number(cycleId), Number(unitId), jobFamily, c.submitted, c.allFoundation]
      }),
    )}) WHERE true
    ON CONFLICT (cycle_id, unit_id, job_family) DO UPDATE SET submitted = submitted + excluded.submitted,
      all_foundation = all_foundation + excluded.all_foundation`)
  return ids
}
