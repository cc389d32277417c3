// A closed cycle publishes once, at close: later changes to the organisation change nothing it shows, and a later
// cycle respects the cohort rule against the earlier ones (docs/decisions/002-anonymity.md).
import { and, eq } from "drizzle-orm"
import { expect, test } from "vitest"
import { closeCycle } from "~/services/admin-cycles.server"
import { moveUnit, renameUnit } from "~/services/admin-units.server"
import type { SessionUser } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import { getUnitReport } from "~/services/reports.server"
import type { Db } from "../../db/client"
import { cycles, people, publishedCycles, results, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { cycleAnsweredAgain } from "./answered-again"
import { testDb } from "./db"

async function demo() {
  const db = testDb()
  seedReports(db, loadAllContent().content!)
  const byEmail = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!
  const unitId = (code: string) =>
    db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
  return {
    db,
    unitId,
    admin: byEmail("admin@parat.test"),
    manager: byEmail("manager@parat.test") as SessionUser,
  }
}

/** The report without the marks of what changed since: what the cycle itself publishes. */
function figures(db: Db, manager: SessionUser, unitId: number, cycleId: number, jobFamily?: "nurse") {
  const report = getUnitReport(manager, { unitId, cycleId, jobFamily }, db)
  const strip = <T extends { change?: unknown; name?: string }>(rows: T[]) =>
    rows.map(({ change: _, name: __, ...rest }) => rest)
  return {
    heatmap: strip(report.heatmap.rows),
    levels: report.levelDistribution,
    participation: strip(report.participation),
    trend: report.trend,
    k: report.k,
  }
}

test("the demo's past cycles are published at seed time through the close path", async () => {
  const { db } = await demo()
  const published = db.select().from(publishedCycles).all()
  const closed = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, "closed")).all()
  expect(published.map((p) => p.cycleId).sort()).toEqual(closed.map((c) => c.id).sort())
  for (const p of published) {
    expect(p.k).toBe(5)
    expect(p.hiddenSmall).toBeGreaterThan(0)
  }
}, 60_000)

test("a move, a rename and a change of k later change nothing a closed cycle shows; moved units are marked", async () => {
  const { db, unitId, admin, manager } = await demo()
  const cycleIds = db
    .select({ id: cycles.id })
    .from(cycles)
    .all()
    .map((c) => c.id)
  const units_ = ["RDEMO", "NOR", "SKO", "NOR-RAD"].map(unitId)
  const before = cycleIds.flatMap((c) =>
    units_.flatMap((u) => [figures(db, manager, u, c), figures(db, manager, u, c, "nurse")]),
  )

  expect(moveUnit(admin.id, unitId("NOR-RAD"), unitId("SKO"), db)).toMatchObject({ ok: true })
  expect(renameUnit(admin.id, unitId("NOR-AKM"), "Akutten", db)).toMatchObject({ ok: true })
  db.update(cycles).set({ minGroupSize: 3 }).run()

  const after = cycleIds.flatMap((c) =>
    units_.flatMap((u) => [figures(db, manager, u, c), figures(db, manager, u, c, "nurse")]),
  )
  expect(after).toEqual(before)
  const report = getUnitReport(manager, { unitId: unitId("NOR"), cycleId: cycleIds[0] }, db)
  const row = (id: number) => report.heatmap.rows.find((r) => r.unitId === id)!
  expect(row(unitId("NOR-RAD")).change).toEqual({ renamedTo: null, isMoved: true })
  expect(row(unitId("NOR-AKM"))).toMatchObject({ name: "Akutmodtagelsen", change: { renamedTo: "Akutten" } })
  expect(row(unitId("NOR-KAR")).change).toBeNull()
  // Skovbrynet's rows of the closed cycle do not gain the moved unit.
  const sko = getUnitReport(manager, { unitId: unitId("SKO"), cycleId: cycleIds[0] }, db)
  expect(sko.heatmap.rows.some((r) => r.unitId === unitId("NOR-RAD"))).toBe(false)
}, 60_000)

test("a later cycle in which one person of a department no longer answers hides that department's chain", async () => {
  const { db, unitId, admin, manager } = await demo()
  const previous = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, "Forår 2026")).get()!.id
  // One person in Akutmodtagelsen does not answer again; everyone else does, with the same scores.
  const { cycleId, last } = cycleAnsweredAgain(db, admin.id, {
    previous,
    regionId: unitId("RDEMO"),
    leavers: (last) => [last.find((r) => r.unitId === unitId("NOR-AKM"))!],
  })
  const created = { id: cycleId }
  expect(closeCycle(admin.id, created.id, db)).toMatchObject({ ok: true })
  const published = db.select().from(publishedCycles).where(eq(publishedCycles.cycleId, created.id)).get()!
  expect(published.hiddenByCohort).toBeGreaterThan(0)
  const isShown = (code: string) => {
    const report = getUnitReport(manager, { unitId: unitId(code), cycleId: created.id }, db)
    const own = report.heatmap.rows.find((r) => r.unitId === unitId(code))!
    return own.cells.some((c) => !c.isSuppressed)
  }
  // Akutmodtagelsen, its hospital and the region changed by one person: hidden in the new cycle, in every view.
  for (const code of ["NOR-AKM", "NOR", "RDEMO"]) expect(isShown(code), code).toBe(false)
  // Skovbrynet's people are the same: shown.
  expect(isShown("SKO")).toBe(true)
  const trend = getUnitReport(manager, { unitId: unitId("NOR-AKM") }, db).trend
  expect(trend.points.at(-1)!.values.use).toBeNull()
  expect(trend.points.at(-2)!.values.use).not.toBeNull()
  // The people who did answer are all in the cycle (no figure lost in the stored data).
  expect(
    db
      .select({ id: results.id })
      .from(results)
      .where(and(eq(results.cycleId, created.id)))
      .all().length,
  ).toBe(last.length - 1)
}, 60_000)

test("a cycle closed before publications existed is published on first use, and then kept", async () => {
  const { db, unitId, manager } = await demo()
  const first = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, "Efterår 2025")).get()!.id
  const before = getUnitReport(manager, { unitId: unitId("NOR"), cycleId: first }, db)
  // as an older database holds it: closed, no publication
  db.delete(publishedCycles).where(eq(publishedCycles.cycleId, first)).run()
  db.$client.prepare("DELETE FROM published_cells WHERE cycle_id = ?").run(first)
  db.$client.prepare("DELETE FROM published_units WHERE cycle_id = ?").run(first)
  const again = getUnitReport(manager, { unitId: unitId("NOR"), cycleId: first }, db)
  expect(again.heatmap).toEqual(before.heatmap)
  expect(db.select().from(publishedCycles).where(eq(publishedCycles.cycleId, first)).get()).toBeDefined()
}, 60_000)
