// A manager who opens the demo sees a trend at region and hospital level (issue 11). The demo's respondents are
// the same in both cycles; realistic turnover is not seeded yet (docs/decisions/002-anonymity.md).
import { eq } from "drizzle-orm"
import { expect, test } from "vitest"
import { DIMENSIONS } from "~/domain/vocabulary"
import type { SessionUser } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import { getFirstScopeUnitId, getUnitReport } from "~/services/reports.server"
import { people, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { testDb } from "./db"

test("a manager who opens the demo sees a trend for the region and each hospital", () => {
  const db = testDb()
  seedReports(db, loadAllContent().content!)
  const manager = db.select().from(people).where(eq(people.email, "manager@parat.test")).get()! as SessionUser
  const start = getFirstScopeUnitId(manager, db)!
  const region = getUnitReport(manager, { unitId: start }, db)
  const hospitals = db.select({ id: units.id }).from(units).where(eq(units.kind, "hospital")).all()
  expect(hospitals.length).toBeGreaterThan(1)
  for (const id of [start, ...hospitals.map((h) => h.id)]) {
    const trend = id === start ? region.trend : getUnitReport(manager, { unitId: id }, db).trend
    expect(trend.points).toHaveLength(2)
    for (const point of trend.points)
      for (const d of DIMENSIONS) expect(typeof point.values[d], `unit ${id}, ${d}`).toBe("number")
  }
}, 120_000)
