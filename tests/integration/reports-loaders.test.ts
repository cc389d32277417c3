import { count, eq, inArray } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { loader as indexLoader } from "~/routes/reports._index"
import { loader as unitLoader } from "~/routes/reports.units.$unitId"
import { loader as csvLoader } from "~/routes/reports.units.$unitId_.export[.]csv"
import { loadAllContent } from "~/services/content-loader.server"
import type { UnitReport } from "~/services/reports.server"
import type { Db } from "../../db/client"
import { cycles, people, results, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cookies: Record<string, string>
const unitIds: Record<string, number> = {}

beforeAll(async () => {
  db = testDb()
  seedReports(db, loadAllContent().content!)
  for (const u of db.select({ id: units.id, code: units.code }).from(units).all()) unitIds[u.code] = u.id
  cookies = {}
  for (const email of [
    "manager@parat.test",
    "manager.nor@parat.test",
    "manager.sko@parat.test",
    "employee@parat.test",
    "admin@parat.test",
  ])
    cookies[email] = await loginCookie(email)
})

/** Runs a loader and returns its status: thrown responses (403, 404, redirects) included. */
async function statusOf(run: () => Promise<unknown>) {
  try {
    const value = await run()
    return value instanceof Response ? value.status : 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

const unitPage =
  (email: string, unitId: number | string, search = "") =>
  () =>
    unitLoader({
      request: makeRequest(`/reports/units/${unitId}${search}`, { cookie: cookies[email] }),
      params: { unitId: String(unitId) },
      context: {},
    })
const csv =
  (email: string, unitId: number | string, search = "") =>
  () =>
    csvLoader({
      request: makeRequest(`/reports/units/${unitId}/export.csv${search}`, { cookie: cookies[email] }),
      params: { unitId: String(unitId) },
      context: {},
    })
const index = (email: string) => () =>
  indexLoader({ request: makeRequest("/reports", { cookie: cookies[email] }), params: {}, context: {} })

test("the seed adds two closed cycles with k = 5, and a second run adds nothing", () => {
  const rows = db
    .select({ name: cycles.name, status: cycles.status, k: cycles.minGroupSize })
    .from(cycles)
    .all()
  expect(rows).toEqual([
    { name: "Efterår 2025", status: "closed", k: 5 },
    { name: "Forår 2026", status: "closed", k: 5 },
  ])
  const before = db.select({ n: count() }).from(results).get()!.n
  expect(before).toBeGreaterThan(350)
  expect(seedReports(db, loadAllContent().content!)).toBe(0)
  expect(db.select({ n: count() }).from(results).get()!.n).toBe(before)
})

test("the seed leaves employee@, survey.*, learner.*, managers and admins without results", () => {
  const withResults = db
    .selectDistinct({ email: people.email, role: people.role })
    .from(results)
    .innerJoin(people, eq(people.id, results.personId))
    .all()
  expect(withResults.some((p) => p.email === "employee@parat.test")).toBe(false)
  expect(withResults.some((p) => /^(survey|learner)\./.test(p.email))).toBe(false)
  expect(withResults.every((p) => p.role === "employee")).toBe(true)
})

test("/reports: an employee and an admin get 403, a logged-out visitor is sent to log in", async () => {
  expect(await statusOf(index("employee@parat.test"))).toBe(403)
  expect(await statusOf(index("admin@parat.test"))).toBe(403)
  const anonymous = () =>
    indexLoader({ request: makeRequest("/reports"), params: {}, context: {} }) as Promise<unknown>
  expect(await statusOf(anonymous)).toBe(302)
})

test("/reports sends the regional manager to the region and a hospital manager to their hospital", async () => {
  const to = async (email: string) => {
    try {
      await index(email)()
    } catch (error) {
      return (error as Response).headers.get("Location")
    }
  }
  expect(await to("manager@parat.test")).toBe(`/reports/units/${unitIds.RDEMO}`)
  expect(await to("manager.nor@parat.test")).toBe(`/reports/units/${unitIds.NOR}`)
})

test("every report loader refuses employees, admins and other hospitals' managers with 403", async () => {
  const nor = unitIds.NOR!
  const norDepartment = unitIds["NOR-AKM"]!
  for (const run of [unitPage, csv]) {
    expect(await statusOf(run("employee@parat.test", nor))).toBe(403)
    expect(await statusOf(run("admin@parat.test", nor))).toBe(403)
    expect(await statusOf(run("manager.sko@parat.test", nor))).toBe(403)
    expect(await statusOf(run("manager.sko@parat.test", norDepartment))).toBe(403)
    // the region is above a hospital manager's scope
    expect(await statusOf(run("manager.nor@parat.test", unitIds.RDEMO!))).toBe(403)
    // an unknown unit looks the same as a foreign one
    expect(await statusOf(run("manager.nor@parat.test", 999_999))).toBe(403)
  }
})

test("every report loader lets a manager into their own subtree, and the regional manager everywhere", async () => {
  for (const run of [unitPage, csv]) {
    expect(await statusOf(run("manager.nor@parat.test", unitIds.NOR!))).toBe(200)
    expect(await statusOf(run("manager.nor@parat.test", unitIds["NOR-RAD-1"]!))).toBe(200)
    expect(await statusOf(run("manager@parat.test", unitIds.RDEMO!))).toBe(200)
    expect(await statusOf(run("manager@parat.test", unitIds["VES-ONK"]!))).toBe(200)
  }
})

test("bad input is a 400, a malformed unit id and an unknown cycle a 404, never a 500", async () => {
  for (const run of [unitPage, csv]) {
    expect(await statusOf(run("manager@parat.test", "abc"))).toBe(404)
    expect(await statusOf(run("manager@parat.test", unitIds.RDEMO!, "?jobFamily=pilot"))).toBe(400)
    expect(await statusOf(run("manager@parat.test", unitIds.RDEMO!, "?cycle=-1"))).toBe(400)
    expect(await statusOf(run("manager@parat.test", unitIds.RDEMO!, "?cycle=99999"))).toBe(404)
    expect(await statusOf(run("manager@parat.test", unitIds.RDEMO!, "?cycle=&jobFamily="))).toBe(200)
  }
})

test("the region's heatmap has the region and one row per hospital, with n and means", async () => {
  const report = (await unitPage("manager@parat.test", unitIds.RDEMO!)()) as UnitReport
  expect(report.cycle?.name).toBe("Forår 2026")
  expect(report.k).toBe(5)
  expect(report.heatmap.rows.map((r) => [r.name, r.role])).toEqual([
    ["Region Demo", "region"],
    ["Nordhavn Hospital", "child"],
    ["Skovbrynet Hospital", "child"],
    ["Vestkysten Hospital", "child"],
  ])
  for (const row of report.heatmap.rows) for (const cell of row.cells) expect(cell.isSuppressed).toBe(false)
})

test("a shown cell is the true mean of every result in that subtree (checked against the raw results)", async () => {
  const report = (await unitPage("manager.nor@parat.test", unitIds.NOR!)()) as UnitReport
  const row = report.heatmap.rows.find((r) => r.name === "Akutmodtagelsen")!
  const cell = row.cells.find((c) => c.dimension === "use")!
  expect(cell.isSuppressed).toBe(false)
  const raw = db.$client
    .prepare(
      `SELECT COUNT(s.score) AS n, AVG(s.score) AS mean FROM results r
       JOIN result_scores s ON s.result_id = r.id AND s.dimension = 'use'
       JOIN units u ON u.id = r.unit_id
       WHERE r.cycle_id = ? AND u.path LIKE (SELECT path FROM units WHERE code = 'NOR-AKM') || '%'`,
    )
    .get(report.cycle!.id) as { n: number; mean: number }
  if (cell.isSuppressed) throw new Error("unreachable")
  expect(cell.n).toBe(raw.n)
  expect(cell.mean).toBeCloseTo(raw.mean, 1)
})

test("the 3-person ethics unit is shown as suppressed, and a sibling with it, so it cannot be subtracted", async () => {
  const report = (await unitPage("manager.nor@parat.test", unitIds.NOR!)()) as UnitReport
  const suppressed = report.heatmap.rows
    .filter((r) => r.cells.every((c) => c.isSuppressed))
    .map((r) => r.name)
  expect(suppressed).toContain("Klinisk Etisk Enhed")
  expect(suppressed.length).toBeGreaterThanOrEqual(2)
  const ethics = report.participation.find((r) => r.name === "Klinisk Etisk Enhed")!
  expect(ethics.isSuppressed).toBe(true)
})

test("the report holds no person, only group figures", async () => {
  const report = (await unitPage("manager@parat.test", unitIds["NOR-AKM"]!)()) as UnitReport
  const text = JSON.stringify(report)
  expect(text).not.toMatch(/personId|@parat\.test|email|answers/)
  const names = db
    .select({ name: people.name })
    .from(people)
    .where(inArray(people.unitId, [unitIds["NOR-AKM"]!]))
    .all()
  for (const { name } of names) expect(text).not.toContain(name)
})

test("growing departments show growth on the trend", async () => {
  const report = (await unitPage("manager@parat.test", unitIds["NOR-AKM"]!)()) as UnitReport
  const [first, second] = report.trend.points
  expect(first!.values.use).not.toBeNull()
  expect(second!.values.use!).toBeGreaterThan(first!.values.use! + 5)
})

test("the CSV names cycle, unit, filter and k, and holds exactly the numbers of the page", async () => {
  const search = "?jobFamily=nurse"
  const report = (await unitPage("manager.nor@parat.test", unitIds.NOR!, search)()) as UnitReport
  const response = (await csv("manager.nor@parat.test", unitIds.NOR!, search)()) as Response
  expect(response.headers.get("Content-Type")).toContain("text/csv")
  const bytes = new Uint8Array(await response.clone().arrayBuffer())
  const text = await response.text()
  // What Danish Excel opens: a BOM, semicolons and decimal commas.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(text).toContain("Enhed;Nordhavn Hospital")
  expect(text).toContain(`Målerunde;${report.cycle!.name}`)
  expect(text).toContain("Faggruppe;Sygeplejerske")
  expect(text).toContain("Mindste gruppestørrelse (k);5")
  for (const row of report.heatmap.rows) {
    const line = text.split("\r\n").find((l) => l.startsWith(`${row.name};`))!
    const expected = row.cells.flatMap((c) =>
      c.isSuppressed ? ["For få svar", ""] : [String(c.mean).replace(".", ","), String(c.n)],
    )
    expect(line.split(";").slice(2, 14)).toEqual(expected)
  }
  // The same numbers for programs: commas and decimal points, no BOM.
  const plain = await (
    (await csv("manager.nor@parat.test", unitIds.NOR!, `${search}&format=plain`)()) as Response
  ).text()
  expect(plain.charCodeAt(0)).not.toBe(0xfeff)
  expect(plain).toContain("Enhed,Nordhavn Hospital")
  const mean = report.heatmap.rows[0]!.cells.find((c) => !c.isSuppressed && !Number.isInteger(c.mean))
  if (mean && !mean.isSuppressed) expect(plain).toContain(`,${mean.mean},`)
})
