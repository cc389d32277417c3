// A manager of the demo region sees the trend of the region and of each hospital across the two past cycles, which
// have turnover between them (scripts/seed/reports.ts, TURNOVER; docs/decisions/002-anonymity.md, point 6).
import { expect, expectAccessible, test } from "./fixtures"

const CYCLES = ["Efterår 2025", "Forår 2026"]
const HOSPITALS = ["Nordhavn Hospital", "Skovbrynet Hospital", "Vestkysten Hospital"]

test("the demo region's manager sees both trend points of the region and of every hospital", async ({
  page,
  signIn,
  errors,
}) => {
  await signIn({ role: "manager", unit: "RDEMO", manages: ["RDEMO"] })
  await page.goto("/reports")

  const expectTrend = async (unit: string) => {
    await expect(page.getByRole("heading", { level: 1, name: `Kompetencekort: ${unit}` })).toBeVisible()
    await expect(page.getByRole("heading", { level: 2, name: "Udvikling over tid" })).toBeVisible()
    const trend = page.getByRole("table", {
      name: `Gennemsnitlig score pr. område i hver målerunde, ${unit}`,
    })
    for (const cycle of CYCLES) await expect(trend.getByRole("columnheader", { name: cycle })).toBeVisible()
    const rows = trend.getByRole("row").filter({ has: page.getByRole("rowheader") })
    await expect(rows).toHaveCount(6)
    for (const row of await rows.all()) {
      const cells = await row.getByRole("cell").allInnerTexts()
      expect(cells, `${unit}: ${await row.getByRole("rowheader").textContent()}`).toHaveLength(CYCLES.length)
      for (const text of cells) expect(text.trim()).toMatch(/^\d+(,\d+)?$/)
    }
  }

  await expectTrend("Region Demo")
  await expectAccessible(page)
  for (const hospital of HOSPITALS) {
    await page.goto("/reports")
    await page
      .getByRole("table", { name: /Gennemsnitlig score/ })
      .getByRole("link", { name: `Se underenheder af ${hospital}` })
      .click()
    await expectTrend(hospital)
  }
  expect(errors).toEqual([])
})
