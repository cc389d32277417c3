import { expect, test } from "vitest"
import type { DimensionScore } from "~/domain/scoring"
import { DIMENSIONS, type Level } from "~/domain/vocabulary"
import { type ResultInput, recordResult, recordResults } from "~/services/results.server"
import type { Db } from "../../db/client"
import { seededRandom } from "../../scripts/seed/factories"
import { testDb } from "./db"

/** A new cycle of the demo's instrument, with a submitted response for each of `people`. */
function cycleWithResponses(db: Db, name: string, people: { id: number; unitId: number; family: string }[]) {
  const sqlite = db.$client
  const { hash } = sqlite.prepare("SELECT hash FROM instrument_versions LIMIT 1").get() as {
    hash: string
  }
  const { id: cycleId } = sqlite
    .prepare(`INSERT INTO cycles (name, instrument_hash, status, opens_on, closes_on)
      VALUES (?, ?, 'open', '2030-01-01', '2030-01-31') RETURNING id`)
    .get(name, hash) as { id: number }
  const responseIds = people.map(
    (p) =>
      (
        sqlite
          .prepare(`INSERT INTO responses (cycle_id, person_id, status, answers, page, updated_at, submitted_at)
            VALUES (?, ?, 'submitted', '{}', 6, 0, 0) RETURNING id`)
          .get(cycleId, p.id) as { id: number }
      ).id,
  )
  return { cycleId, responseIds }
}

/** The same scored answers for each person, whichever cycle they are recorded in. */
function scoredFor(people: { id: number }[]) {
  const random = seededRandom(5)
  return people.map(() => {
    const dimensions = DIMENSIONS.map((dimension): DimensionScore => {
      const isComplete = random() > 0.1
      const score = isComplete ? Math.round(random() * 1000) / 10 : null
      const level = score === null ? null : (Math.min(4, Math.floor(score / 20)) as Level)
      return { dimension, score, level, answered: isComplete ? 4 : 1, total: 4, isComplete }
    })
    const minLevel = Math.min(...dimensions.map((d) => d.level ?? 0)) as Level
    return { dimensions, minLevel }
  })
}

function aggregates(db: Db, cycleId: number) {
  const read = (query: string) => db.$client.prepare(query).all(cycleId)
  const sums = "n, ROUND(score_sum, 6) AS sum, level0, level1, level2, level3, level4"
  return {
    own: read(`SELECT unit_id, job_family, dimension, ${sums} FROM result_aggregates WHERE cycle_id = ?
      ORDER BY 1, 2, 3`),
    participation: read(`SELECT unit_id, job_family, submitted, all_foundation FROM participation_aggregates
      WHERE cycle_id = ? ORDER BY 1, 2`),
  }
}

test("recording results in batches gives the same rows and aggregates as recording them one per submission", () => {
  const db = testDb()
  const people = db.$client
    .prepare("SELECT id, unit_id AS unitId, job_family AS family FROM people ORDER BY id LIMIT 60")
    .all() as { id: number; unitId: number; family: string }[]
  expect(new Set(people.map((p) => p.unitId)).size).toBeGreaterThan(3)
  const scored = scoredFor(people)
  const inputs = (cycleId: number, responseIds: number[]) =>
    people.map(
      (p, i): ResultInput => ({
        responseId: responseIds[i]!,
        cycleId,
        personId: p.id,
        unitId: p.unitId,
        jobFamily: p.family as ResultInput["jobFamily"],
        submittedAt: new Date(Date.UTC(2030, 0, 10)),
        scored: scored[i]!,
      }),
    )

  const single = cycleWithResponses(db, "one by one", people)
  const singleIds = inputs(single.cycleId, single.responseIds).map((input) => recordResult(db, input))
  const batched = cycleWithResponses(db, "in batches", people)
  const batch = inputs(batched.cycleId, batched.responseIds)
  // two batches, so the second adds onto aggregate rows the first wrote
  const batchedIds = [...recordResults(db, batch.slice(0, 25)), ...recordResults(db, batch.slice(25))]

  expect(aggregates(db, batched.cycleId)).toEqual(aggregates(db, single.cycleId))
  expect(aggregates(db, single.cycleId).own.length).toBeGreaterThan(10)
  const rows = (ids: number[]) =>
    ids.map((id) =>
      db.$client
        .prepare(`SELECT r.person_id, r.unit_id, r.job_family, r.min_level, r.submitted_at,
            json_group_array(json_array(s.dimension, s.score, s.level)) AS scores
          FROM results r JOIN result_scores s ON s.result_id = r.id WHERE r.id = ? GROUP BY r.id`)
        .get(id),
    )
  expect(rows(batchedIds)).toEqual(rows(singleIds))
  // the ids are returned in the order of the inputs
  const responseOf = (id: number) =>
    (db.$client.prepare("SELECT response_id AS r FROM results WHERE id = ?").get(id) as { r: number }).r
  expect(batchedIds.map(responseOf)).toEqual(batched.responseIds)
})
