import { readFileSync } from "node:fs"
import Database from "better-sqlite3"
import { expect, expectAccessible, login, test } from "./fixtures"

/** A unit's id in the end-to-end server's database (playwright.config.ts names the file by port). */
function unitId(code: string): number {
  const db = new Database(`.cache/e2e/parat-${process.env.PARAT_E2E_PORT ?? 3100}.db`, { readonly: true })
  try {
    return (db.prepare("SELECT id FROM units WHERE code = ?").get(code) as { id: number }).id
  } finally {
    db.close()
  }
}

// The demo's regional manager (manager@) stays where the assertions are about the demo's own report figures (its
// suppressed cells, the autumn 2025 numbers, Skovbrynet's doctors): these tests only read. Other specs' learners add
// spring 2026 results for Akutmodtagelsen's nurses and Skovbrynet's administrative staff, cells these tests do not
// assert on (the Akutmodtagelsen row below is autumn 2025, checked against its own CSV).
test("the regional manager opens the heatmap, drills down, filters, sees a suppressed cell and exports the same numbers", async ({
  page,
  errors,
}) => {
  await login(page, "manager@parat.test")
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Kompetencekort" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "Kompetencekort: Region Demo" })).toBeVisible()
  const heatmap = page.getByRole("table", { name: /Gennemsnitlig score/ })
  await expect(heatmap.getByRole("rowheader", { name: /Nordhavn Hospital/ })).toBeVisible()
  await expect(heatmap.getByRole("columnheader", { name: "Forståelse af AI" })).toBeVisible()
  await expectAccessible(page)

  // drill down into a hospital
  await heatmap.getByRole("link", { name: "Se underenheder af Nordhavn Hospital" }).click()
  await expect(
    page.getByRole("heading", { level: 1, name: "Kompetencekort: Nordhavn Hospital" }),
  ).toBeVisible()
  const breadcrumbs = page.getByRole("navigation", { name: "Placering i organisationen" })
  await expect(breadcrumbs.getByRole("link", { name: "Region Demo" })).toBeVisible()
  const ethics = page
    .getByRole("table", { name: /Gennemsnitlig score/ })
    .getByRole("row", { name: /Klinisk Etisk Enhed/ })
  await expect(ethics.getByText("For få svar").first()).toBeVisible()
  await expectAccessible(page)

  // filter on a cycle and a job family (a plain GET form)
  await page.getByLabel("Målerunde", { exact: true }).selectOption({ label: "Efterår 2025" })
  await page.getByLabel("Faggruppe", { exact: true }).selectOption({ label: "Sygeplejerske" })
  await page.getByRole("button", { name: "Vis" }).click()
  await expect(page).toHaveURL(/cycle=\d+&jobFamily=nurse/)
  await expect(page.getByRole("table", { name: /Efterår 2025, Sygeplejerske/ })).toBeVisible()
  await expectAccessible(page)

  // the numbers on screen
  const row = page
    .getByRole("table", { name: /Gennemsnitlig score/ })
    .getByRole("row", { name: /Akutmodtagelsen/ })
  const screenCells = (await row.getByRole("cell").allInnerTexts()).map((text) =>
    text.replace(/\s+/g, " ").trim(),
  )

  // the CSV of the same view
  const downloadPromise = page.waitForEvent("download")
  await page.getByRole("link", { name: "Hent som CSV (regneark)" }).click()
  const download = await downloadPromise
  const csv = readFileSync((await download.path())!, "utf8")
  // What Danish Excel opens by double-click: semicolons and decimal commas.
  expect(csv).toContain("Målerunde;Efterår 2025")
  expect(csv).toContain("Faggruppe;Sygeplejerske")
  expect(csv).toContain("Mindste gruppestørrelse (k);5")
  const line = csv.split("\r\n").find((l) => l.startsWith("Akutmodtagelsen;"))!
  const values = line.split(";").slice(2, 14)
  const fromCsv: string[] = []
  for (let i = 0; i < values.length; i += 2)
    fromCsv.push(
      values[i] === "For få svar"
        ? "For få svar"
        : `${Number(values[i]!.replace(",", ".")).toLocaleString("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} n = ${values[i + 1]}`,
    )
  expect(screenCells).toEqual(fromCsv)
  expect(errors).toEqual([])
})

test("a hospital manager sees their hospital but cannot open another hospital", async ({ page, signIn }) => {
  // A manager of this test's own whose area is Nordhavn Hospital.
  await signIn({ role: "manager", unit: "NOR-AKM", manages: ["NOR"] })
  await page.goto("/reports")
  await expect(
    page.getByRole("heading", { level: 1, name: "Kompetencekort: Nordhavn Hospital" }),
  ).toBeVisible()
  // the region is a benchmark row, not a link above their scope
  await expect(
    page.getByRole("navigation", { name: "Placering i organisationen" }).getByRole("link"),
  ).toHaveCount(0)
  await expectAccessible(page)

  const other = await page.goto(`/reports/units/${unitId("SKO")}`)
  expect(other!.status()).toBe(403)
  await expect(page.getByRole("heading", { level: 1, name: "Uden for dit område" })).toBeVisible()
  const otherDepartment = await page.goto(`/reports/units/${unitId("VES-ONK")}/export.csv`)
  expect(otherDepartment!.status()).toBe(403)
  const region = await page.goto(`/reports/units/${unitId("RDEMO")}`)
  expect(region!.status()).toBe(403)
  const own = await page.goto(`/reports/units/${unitId("NOR-AKM")}`)
  expect(own!.status()).toBe(200)
})

test("an employee gets 403 on /reports and sees no reports link", async ({ page, signIn }) => {
  await signIn()
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: /^Hej/ })).toBeVisible()
  await expect(page.getByRole("link", { name: "Kompetencekort" })).toHaveCount(0)
  const response = await page.goto("/reports")
  expect(response!.status()).toBe(403)
  await expect(page.getByRole("heading", { level: 1, name: "Ingen adgang" })).toBeVisible()
  await expectAccessible(page)
})

test("the report works without JavaScript: filters, drill-down and tables", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await login(page, "manager@parat.test")
  await expect(page.getByRole("heading", { level: 1, name: /^Hej/ })).toBeVisible()
  await page.goto("/reports")
  await page
    .getByRole("table", { name: /Gennemsnitlig score/ })
    .getByRole("link", { name: /Skovbrynet/ })
    .click()
  await expect(
    page.getByRole("heading", { level: 1, name: "Kompetencekort: Skovbrynet Hospital" }),
  ).toBeVisible()
  await page.getByLabel("Faggruppe", { exact: true }).selectOption({ label: "Læge" })
  await page.getByRole("button", { name: "Vis" }).click()
  await expect(page).toHaveURL(/jobFamily=doctor/)
  await expect(page.getByRole("table", { name: /Niveaufordeling|Antal medarbejdere/ })).toBeVisible()
  await expect(
    page.getByRole("table", { name: /Gennemsnitlig score pr. område i hver målerunde/ }),
  ).toBeVisible()
  // axe needs JavaScript in the page: the same page is scanned in the journeys with JavaScript
  await context.close()
})
