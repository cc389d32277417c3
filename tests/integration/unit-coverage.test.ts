import { eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { loader } from "~/routes/register.coverage"
import { loadAllContent } from "~/services/content-loader.server"
import { cellsOf } from "~/services/reports/published.server"
import type { Db } from "../../db/client"
import { publishedUnits, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
beforeAll(() => {
  db = testDb()
  seedReports(db, loadAllContent().content!)
})

const unitId = (code: string) => db.select().from(units).where(eq(units.code, code)).get()!.id
async function coverageFor(email: string, search = "") {
  const cookie = await loginCookie(email)
  return loader({ request: makeRequest(`/register/coverage${search}`, { cookie }), params: {}, context: {} })
}

test("a hospital manager sees coverage of their hospital, figures only where the publication shows the cell", async () => {
  const { coverage } = await coverageFor("manager.nor@parat.test")
  if (coverage.kind !== "coverage") throw new Error(coverage.kind)
  expect(coverage.unit.id).toBe(unitId("NOR"))
  const shown = cellsOf(
    db,
    coverage.cycle.id,
    coverage.rows.map((r) => r.unitId),
    "all",
  )
  let figures = 0
  for (const row of coverage.rows) {
    const cell = shown.get(row.unitId)
    for (const d of row.dimensions) {
      if (!cell) {
        expect(d.n, `${row.name} is hidden`).toBeNull()
        expect(d.atTarget).toBeNull()
        continue
      }
      expect(d.n).toBe(cell.scores[d.dimension]?.n ?? null)
      if (d.atTarget !== null) {
        figures++
        expect(d.atTarget).toBeGreaterThanOrEqual(0)
        expect(d.atTarget).toBeLessThanOrEqual(d.n!)
      }
    }
    if (!cell) expect(row.champion).toBe("unknown")
  }
  expect(figures).toBeGreaterThan(0)
  const leaves = db
    .select()
    .from(publishedUnits)
    .where(eq(publishedUnits.cycleId, coverage.cycle.id))
    .all()
    .filter((u) => u.path.includes(`/${unitId("NOR")}/`) && !u.hasChildren)
  const { champion, none, unknown } = coverage.champions
  expect(champion + none + unknown).toBe(leaves.length)
  expect(coverage.withoutChampion).toHaveLength(none)
})

test("a hospital manager cannot open another hospital's coverage, and an employee none at all", async () => {
  const refused = await coverageFor("manager.sko@parat.test", `?unit=${unitId("NOR")}`).catch(
    (r: Response) => r,
  )
  expect((refused as Response).status).toBe(403)
  const employee = await coverageFor("employee@parat.test").catch((r: Response) => r)
  expect((employee as Response).status).toBe(403)
  const bad = await coverageFor("manager.nor@parat.test", "?cycle=abc").catch((r: Response) => r)
  expect((bad as Response).status).toBe(400)
})
