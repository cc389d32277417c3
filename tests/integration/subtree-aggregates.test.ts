import { eq } from "drizzle-orm"
import { beforeAll, beforeEach, expect, test } from "vitest"
import { moveUnit } from "~/services/admin-units.server"
import type { SessionUser } from "~/services/auth.server"
import { getContent } from "~/services/content-loader.server"
import { getHeatmap } from "~/services/reports.server"
import { rebuildSubtreeAggregates } from "~/services/results.server"
import type { Db } from "../../db/client"
import { people, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { testDb } from "./db"

let db: Db
// The report seed is slow: it runs once for the file, and each test gets its own copy of the result.
let seeded: Db
beforeAll(() => {
  seeded = testDb()
  seedReports(seeded, getContent())
})
beforeEach(() => {
  db = testDb(seeded)
})

/** The subtree sums computed from scratch: what the rows kept at submit must equal. */
function freshSums() {
  return db.$client
    .prepare(
      `SELECT a.cycle_id AS cycle, anc.id AS unit, a.job_family AS family, a.dimension AS dimension,
        SUM(a.n) AS n, ROUND(SUM(a.score_sum), 6) AS sum, SUM(a.level0 + 2 * a.level1 + 3 * a.level2 + 4 * a.level3 + 5 * a.level4) AS levels
      FROM result_aggregates a JOIN units u ON u.id = a.unit_id
      JOIN units anc ON substr(u.path, 1, length(anc.path)) = anc.path
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all()
}
function keptSums() {
  return db.$client
    .prepare(
      `SELECT cycle_id AS cycle, unit_id AS unit, job_family AS family, dimension, n, ROUND(score_sum, 6) AS sum,
        level0 + 2 * level1 + 3 * level2 + 4 * level3 + 5 * level4 AS levels
      FROM subtree_aggregates ORDER BY 1, 2, 3, 4`,
    )
    .all()
}

test("the subtree sums kept at every submit equal the sums over each unit's whole subtree", () => {
  const kept = keptSums()
  expect(kept.length).toBeGreaterThan(100)
  expect(kept).toEqual(freshSums())
})

test("moving a unit moves its past results to its new ancestors, but not its closed cycles' reports", () => {
  const byCode = (code: string) => db.select().from(units).where(eq(units.code, code)).get()!
  const radiology = byCode("NOR-RAD")
  const skovbrynet = byCode("SKO")
  const admin = db.select({ id: people.id }).from(people).where(eq(people.email, "admin@parat.test")).get()!
  const regionRow = (unitId: number) =>
    db.$client
      .prepare("SELECT SUM(n) AS n FROM subtree_aggregates WHERE unit_id = ? AND dimension = 'use'")
      .get(unitId) as { n: number | null }
  const manager = db.select().from(people).where(eq(people.email, "manager@parat.test")).get()! as SessionUser
  const rowIds = (unitId: number) => getHeatmap(manager, { unitId }, db).rows.map((r) => r.unitId)
  expect(rowIds(byCode("NOR").id)).toContain(radiology.id)
  const before = { nor: regionRow(byCode("NOR").id).n ?? 0, sko: regionRow(skovbrynet.id).n ?? 0 }
  const moved = regionRow(radiology.id).n ?? 0
  expect(moved).toBeGreaterThan(0)
  expect(moveUnit(admin.id, radiology.id, skovbrynet.id, db)).toEqual({ ok: true, id: radiology.id })
  expect(regionRow(byCode("NOR").id).n ?? 0).toBe(before.nor - moved)
  expect(regionRow(skovbrynet.id).n ?? 0).toBe(before.sko + moved)
  expect(keptSums()).toEqual(freshSums())
  // A closed cycle shows the tree it closed on: the move changes nothing it publishes.
  expect(rowIds(byCode("NOR").id)).toContain(radiology.id)
  expect(rowIds(skovbrynet.id)).not.toContain(radiology.id)
})

test("rebuilding from scratch gives the same sums as keeping them", () => {
  const kept = keptSums()
  rebuildSubtreeAggregates(db)
  expect(keptSums()).toEqual(kept)
})
