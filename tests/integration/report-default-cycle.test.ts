import { eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { loader as unitLoader } from "~/routes/reports.units.$unitId"
import { loadAllContent } from "~/services/content-loader.server"
import { getHomeSummary } from "~/services/home.server"
import type { UnitReport } from "~/services/reports.server"
import type { Db } from "../../db/client"
import { cycles, people, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { ensureCycle } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let skovbrynetOnly: number
const unitId = (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id

beforeAll(() => {
  db = testDb("demo")
  seedReports(db, loadAllContent().content!)
  const hash = db.select({ hash: cycles.instrumentHash }).from(cycles).get()!.hash
  // A later closed cycle for Skovbrynet alone: it must not become Nordhavn's default, nor be offered there.
  skovbrynetOnly = ensureCycle(db, {
    name: "Kun Skovbrynet, sommer 2026",
    instrumentHash: hash,
    status: "closed",
    opensOn: "2026-06-01",
    closesOn: "2026-06-30",
    minGroupSize: 5,
    unitIds: [unitId("SKO")],
  })
})

async function reportOf(email: string, code: string, search = "") {
  const cookie = await loginCookie(email)
  return (await unitLoader({
    request: makeRequest(`/reports/units/${unitId(code)}${search}`, { cookie }),
    params: { unitId: String(unitId(code)) },
    context: {},
  })) as UnitReport
}

test("the Nordhavn manager's report opens on the latest cycle that covered Nordhavn, and lists only such cycles", async () => {
  const report = await reportOf("manager.nor@parat.test", "NOR")
  expect(report.cycle?.name).toBe("Forår 2026")
  expect(report.cycles.map((c) => c.name)).toEqual(["Forår 2026", "Efterår 2025"])
  expect(report.trend.cycles.map((c) => c.name)).not.toContain("Kun Skovbrynet, sommer 2026")
})

test("the Skovbrynet manager's report opens on the Skovbrynet cycle", async () => {
  const report = await reportOf("manager.sko@parat.test", "SKO")
  expect(report.cycle?.id).toBe(skovbrynetOnly)
  expect(report.cycles.map((c) => c.name)).toContain("Forår 2026")
})

test("asking Nordhavn's report for the Skovbrynet cycle is a 404, not a page of empty cells", async () => {
  await expect(reportOf("manager.nor@parat.test", "NOR", `?cycle=${skovbrynetOnly}`)).rejects.toMatchObject({
    status: 404,
  })
})

test("the manager's home card names the cycle the reports open on", () => {
  const manager = (email: string) => {
    const row = db.select().from(people).where(eq(people.email, email)).get()!
    return { ...row, language: "da" } as unknown as Parameters<typeof getHomeSummary>[0]
  }
  expect(getHomeSummary(manager("manager.nor@parat.test"), db).reportCycle).toBe("Forår 2026")
  expect(getHomeSummary(manager("manager.sko@parat.test"), db).reportCycle).toBe(
    "Kun Skovbrynet, sommer 2026",
  )
})
