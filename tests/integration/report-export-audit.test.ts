import { and, eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { loader as csvLoader } from "~/routes/reports.units.$unitId_.export[.]csv"
import { loadAllContent } from "~/services/content-loader.server"
import type { Db } from "../../db/client"
import { auditLog, cycles, people, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
beforeAll(() => {
  db = testDb()
  seedReports(db, loadAllContent().content!)
})

const exportsBy = (personId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "report.export"), eq(auditLog.actorId, personId)))
    .all()

test("a heatmap CSV export is audited with who, which unit, cycle and filter; a refused one is not", async () => {
  const manager = db.select().from(people).where(eq(people.email, "manager.nor@parat.test")).get()!
  const cookie = await loginCookie(manager.email)
  const nor = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR")).get()!.id
  const region = db.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()!.id
  const cycleId = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, "closed")).get()!.id
  const before = exportsBy(manager.id).length

  const response = (await csvLoader({
    request: makeRequest(`/reports/units/${nor}/export.csv?cycle=${cycleId}&jobFamily=nurse`, { cookie }),
    params: { unitId: String(nor) },
    context: {},
  })) as Response
  expect(response.status).toBe(200)
  expect(exportsBy(manager.id).slice(before)).toEqual([
    expect.objectContaining({
      target: `unit:${nor}`,
      details: { format: "csv", cycleId, jobFamily: "nurse" },
    }),
  ])

  // Outside the manager's scope: refused, and nothing exported to record.
  await expect(
    csvLoader({
      request: makeRequest(`/reports/units/${region}/export.csv`, { cookie }),
      params: { unitId: String(region) },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 403 })
  expect(exportsBy(manager.id)).toHaveLength(before + 1)
})
