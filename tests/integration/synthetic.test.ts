import { expect, test } from "vitest"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getInstrumentV1 } from "~/services/survey.server"
import { generateSyntheticOrganisation } from "../../scripts/seed/synthetic"
import { testDb } from "./db"

function build(seed: number) {
  const db = testDb("empty")
  const instrument = getInstrumentV1()
  ensureInstrumentVersion(db, instrument)
  const summary = generateSyntheticOrganisation(db, { people: 3000, cycles: 2, seed, instrument })
  const sums = db.$client
    .prepare(
      "SELECT cycle_id, SUM(n) AS n, ROUND(SUM(score_sum), 3) AS s FROM result_aggregates GROUP BY 1 ORDER BY 1",
    )
    .all()
  const sizes = db.$client
    .prepare("SELECT COUNT(*) AS n FROM people p JOIN units u ON u.id = p.unit_id GROUP BY u.id ORDER BY n")
    .all() as { n: number }[]
  return { db, summary, sums, sizes: sizes.map((r) => r.n) }
}

test("the synthetic organisation is deterministic: same seed, same data", () => {
  const a = build(7)
  const b = build(7)
  // the same data; only how long closing took differs
  expect({ ...b.summary, publishSeconds: [], closePhases: [] }).toEqual({
    ...a.summary,
    publishSeconds: [],
    closePhases: [],
  })
  expect(b.sums).toEqual(a.sums)
  expect(build(8).sums).not.toEqual(a.sums)
})

test("it has realistic units, every person once, and aggregates that match the results", () => {
  const { db, summary, sizes } = build(11)
  expect(summary.people).toBe(3000)
  expect(sizes.reduce((total, n) => total + n, 0)).toBe(3000)
  expect(sizes.some((n) => n < 5)).toBe(true) // some groups too small to show
  expect(Math.max(...sizes)).toBeLessThanOrEqual(300)
  const fromResults = db.$client
    .prepare("SELECT COUNT(*) AS n FROM result_scores s JOIN results r ON r.id = s.result_id")
    .get() as { n: number }
  const fromAggregates = db.$client.prepare("SELECT SUM(n) AS n FROM result_aggregates").get() as {
    n: number
  }
  expect(fromAggregates.n).toBe(fromResults.n)
})
