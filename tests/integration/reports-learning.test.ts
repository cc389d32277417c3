// Learning progress is published as dated snapshots under the disclosure rule, never live (issue 11, point 4):
// moving one person between units changes nothing managers see, and the next snapshot hides the groups the move
// changed by fewer than k people.
import { and, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { DIMENSIONS } from "~/domain/vocabulary"
import { updatePerson } from "~/services/admin-people.server"
import type { SessionUser } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import { takeLearningSnapshot } from "~/services/reports/learning-snapshot.server"
import { getUnitReport } from "~/services/reports.server"
import type { Db } from "../../db/client"
import { enrolments, learningSnapshots, people, publishedCycles, units } from "../../db/schema"
import { REPORT_CYCLES, seedReports } from "../../scripts/seed/reports"
import { testDb } from "./db"

let db: Db
beforeEach(() => {
  db = testDb()
  seedReports(db, loadAllContent().content!)
})
const unitId = (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
const byEmail = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!
const manager = () => byEmail("manager@parat.test") as SessionUser
const learning = (code: string) => getUnitReport(manager(), { unitId: unitId(code) }, db).learning
const row = (code: string, at = "NOR") => learning(at).rows.find((r) => r.unitId === unitId(code))!

test("the demo's learning table is the snapshot taken when the last cycle closed, with the region's growth", () => {
  const table = learning("NOR")
  expect(table.snapshot).toEqual({ takenAt: new Date(REPORT_CYCLES[1].closesAt), k: 5 })
  expect(table.rows.map((r) => r.role)).toEqual(["region", "unit", ...table.rows.slice(2).map(() => "child")])
  const akm = row("NOR-AKM") // a growing department: most took the Foundation modules between the cycles
  if (akm.isSuppressed) throw new Error("expected Akutmodtagelsen's learning to be shown")
  expect(akm.foundation[DIMENSIONS[0]] / akm.people).toBeGreaterThan(0.4)
  expect(row("NOR-ETK").isSuppressed).toBe(true) // 3 people
  // Two snapshots, one per closed cycle, dated when each closed.
  const snapshots = db.select().from(learningSnapshots).all()
  expect(snapshots.map((s) => s.takenAt.getTime())).toEqual(REPORT_CYCLES.map((c) => c.closesAt))
}, 60_000)

test("moving one person, or their completing a module, changes nothing shown until the next snapshot", () => {
  const admin = byEmail("admin@parat.test")
  const before = learning("NOR")
  const mover = db
    .select()
    .from(people)
    .where(and(eq(people.unitId, unitId("NOR-AKM")), eq(people.isActive, true)))
    .get()!
  expect(updatePerson(admin.id, mover.id, { role: mover.role, unitId: unitId("NOR-KAR") }, db)).toEqual({
    ok: true,
  })
  db.update(enrolments).set({ completedAt: new Date() }).where(eq(enrolments.personId, mover.id)).run()
  expect(learning("NOR")).toEqual(before)
}, 60_000)

test("the next snapshot hides both units that one person moved between, and keeps their hospital", () => {
  const admin = byEmail("admin@parat.test")
  const shownBefore = (code: string) => !row(code).isSuppressed
  expect(shownBefore("NOR-AKM") && shownBefore("NOR-KAR")).toBe(true)
  const mover = db
    .select()
    .from(people)
    .where(and(eq(people.unitId, unitId("NOR-AKM")), eq(people.isActive, true)))
    .get()!
  updatePerson(admin.id, mover.id, { role: mover.role, unitId: unitId("NOR-KAR") }, db)
  const summary = db.transaction(() => takeLearningSnapshot(db, new Date(Date.UTC(2026, 5, 1))))
  expect(summary.hiddenByCohort).toBeGreaterThan(0)
  expect(row("NOR-AKM").isSuppressed).toBe(true)
  expect(row("NOR-KAR").isSuppressed).toBe(true)
  expect(learning("NOR").rows.find((r) => r.role === "unit")!.isSuppressed).toBe(false)
  expect(learning("NOR").snapshot!.takenAt).toEqual(new Date(Date.UTC(2026, 5, 1)))
}, 60_000)

test("the learning k is never below the strictest k ever used, and no shown cell holds fewer people", () => {
  db.update(publishedCycles).set({ k: 8 }).run()
  const summary = db.transaction(() => takeLearningSnapshot(db, new Date(Date.UTC(2026, 5, 1))))
  expect(summary.k).toBe(8)
  expect(learning("NOR").snapshot!.k).toBe(8)
  const smallest = db.$client
    .prepare("SELECT MIN(people) AS n FROM learning_snapshot_cells WHERE snapshot_id = ?")
    .get(summary.snapshotId) as { n: number }
  expect(smallest.n).toBeGreaterThanOrEqual(8)
  // A later, laxer snapshot is not possible either: the snapshot's own k now counts as used.
  db.update(publishedCycles).set({ k: 5 }).run()
  expect(db.transaction(() => takeLearningSnapshot(db, new Date(Date.UTC(2026, 6, 1)))).k).toBe(8)
}, 60_000)
