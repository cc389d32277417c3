// A manager who opens the demo sees a trend for the region and every hospital (issue 11), although the demo has turnover
// between its two past cycles: people left, joined, moved and answered only one of the two (scripts/seed/reports.ts,
// TURNOVER). Each change is a block of k people of one job family in one unit, so in every cell the people who
// answered only one of the two cycles are 0 or at least k, and the cohort rule (docs/decisions/002-anonymity.md,
// point 6) has nothing to hide; scattered changes of 1..k-1 people per unit would hide the later points.
import { eq } from "drizzle-orm"
import { expect, test } from "vitest"
import { DIMENSIONS } from "~/domain/vocabulary"
import type { SessionUser } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import { getFirstScopeUnitId, getUnitReport } from "~/services/reports.server"
import { cycles, people, publishedCycles, results, units } from "../../db/schema"
import { REPORT_CYCLES, REPORT_K, seedReports } from "../../scripts/seed/reports"
import { testDb } from "./db"

test("the demo has turnover between its cycles, and its managers still see both trend points of the region and each hospital", () => {
  const db = testDb()
  seedReports(db, loadAllContent().content!)
  const cycleId = (name: string) => db.select().from(cycles).where(eq(cycles.name, name)).get()!.id
  const [first, second] = REPORT_CYCLES.map((c) => cycleId(c.name)) as [number, number]
  const pathOf = new Map(
    db
      .select({ id: units.id, path: units.path })
      .from(units)
      .all()
      .map((u) => [u.id, u.path]),
  )
  const answered = (cycle: number) =>
    new Map(
      db
        .select({ personId: results.personId, unitId: results.unitId })
        .from(results)
        .where(eq(results.cycleId, cycle))
        .all()
        .map((r) => [r.personId, pathOf.get(r.unitId)!]),
    )
  const [then, now] = [answered(first), answered(second)]
  const onlyIn = (a: Map<number, string>, b: Map<number, string>, under = "/") =>
    [...a].filter(([id, path]) => path.startsWith(under) && !b.get(id)?.startsWith(under)).map(([id]) => id)

  // Turnover really exists: some answered only the first cycle (some of them have left), some only the second,
  // and some answered both from different units.
  expect(onlyIn(then, now).length).toBeGreaterThanOrEqual(2 * REPORT_K)
  expect(onlyIn(now, then).length).toBeGreaterThanOrEqual(2 * REPORT_K)
  const formerStaff = db.select().from(people).where(eq(people.isActive, false)).all()
  expect(formerStaff.filter((p) => then.has(p.id) && !now.has(p.id)).length).toBeGreaterThanOrEqual(REPORT_K)
  expect(
    [...now].filter(([id, path]) => then.has(id) && then.get(id) !== path).length,
  ).toBeGreaterThanOrEqual(REPORT_K)

  const expectBothPoints = (user: SessionUser, unitId: number) => {
    const trend = getUnitReport(user, { unitId }, db).trend
    expect(trend.points.map((p) => p.cycleId)).toEqual([first, second])
    for (const point of trend.points)
      for (const d of DIMENSIONS) expect(typeof point.values[d], `unit ${unitId}, ${d}`).toBe("number")
  }
  const manager = db.select().from(people).where(eq(people.email, "manager@parat.test")).get()! as SessionUser
  const region = getFirstScopeUnitId(manager, db)!
  const hospitals = db.select().from(units).where(eq(units.kind, "hospital")).all()
  expect(hospitals.length).toBe(3)
  for (const hospital of hospitals) {
    // ... in every hospital, in at least one direction
    const changed = onlyIn(then, now, hospital.path).length + onlyIn(now, then, hospital.path).length
    expect(changed, hospital.name).toBeGreaterThanOrEqual(REPORT_K)
    // and the hospital's own manager sees both points too
    const own = db
      .select()
      .from(people)
      .where(eq(people.email, `manager.${hospital.code.toLowerCase()}@parat.test`))
      .get()! as SessionUser
    expectBothPoints(own, hospital.id)
  }
  for (const id of [region, ...hospitals.map((h) => h.id)]) expectBothPoints(manager, id)
  // The turnover comes in blocks of k: the cohort rule hid nothing.
  expect(
    db
      .select()
      .from(publishedCycles)
      .all()
      .map((p) => p.hiddenByCohort),
  ).toEqual([0, 0])
}, 120_000)
