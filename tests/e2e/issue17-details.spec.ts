// Issue 17's smaller details, as a person sees them.
import { and, eq } from "drizzle-orm"
import { auditLog, units } from "../../db/schema"
import { createPerson, e2eDb, expect, expectAccessible, login, test } from "./fixtures"

test("the review page shows each question with the answer given, not only counts", async ({
  page,
  signIn,
}) => {
  await signIn()
  await page.goto("/survey")
  await page
    .getByRole("link", { name: /^(Start|Fortsæt)/ })
    .first()
    .click()
  await expect(page).toHaveURL(/\/survey\/\d+\/page\/1$/)
  const cycleId = /\/survey\/(\d+)\//.exec(page.url())![1]
  const groups = page.locator("fieldset.survey-item")
  const first = groups.first()
  const questionOf = (n: number) =>
    groups
      .nth(n)
      .locator("legend")
      .evaluate((legend) => legend.lastChild?.textContent?.trim() ?? "")
  const question = await questionOf(0)
  const choice = first.getByRole("radio").nth(1)
  const chosen = (await first.locator("label").nth(1).textContent())?.trim() ?? ""
  await choice.check()
  const second = await questionOf(1)
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page).toHaveURL(/\/page\/2$/)
  await page.goto(`/survey/${cycleId}/review`)
  await expect(page.getByRole("heading", { level: 2, name: "Dine svar" })).toBeVisible()
  const answers = page.locator("dl.answers").first()
  await expect(answers.getByText(question, { exact: true })).toBeVisible()
  await expect(answers.locator("div").filter({ hasText: question }).locator("dd")).toHaveText(chosen)
  await expect(answers.locator("div").filter({ hasText: second }).locator("dd")).toHaveText(
    "Ikke besvaret endnu",
  )
  await expectAccessible(page)
})

test("the audit log names people and shows Danish local time, not raw ids and UTC JSON", async ({
  page,
  browser,
  signIn,
}) => {
  const password = "en lang og god adgangssætning"
  const person = await createPerson({ name: "Ulla Auditsen", password })
  const other = await browser.newContext()
  await login(await other.newPage(), person.email, password)
  await other.close()
  await signIn({ role: "admin" })
  await page.goto("/admin/audit?action=auth.sign_in")
  const row = page.getByRole("row").filter({ hasText: "Ulla Auditsen" }).first()
  await expect(row).toBeVisible()
  await expect(row).not.toContainText(`person:${person.id}`)
  await expect(row).not.toContainText("{")
  await expect(row.locator("dl div").filter({ hasText: "Metode" }).locator("dd")).toHaveText("password")
  // The time of day is Denmark's, whatever the server's time zone.
  const at = e2eDb()
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.target, `person:${person.id}`)))
    .get()!.at
  const time = new Intl.DateTimeFormat("da-DK", { timeStyle: "short", timeZone: "Europe/Copenhagen" }).format(
    at,
  )
  await expect(row.getByRole("rowheader")).toContainText(time)
  await expectAccessible(page)
})

const unitId = (code: string) =>
  e2eDb().select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id

test("the 403 page says when the area, not the role, is the problem", async ({ page, signIn }) => {
  await signIn({ role: "manager", jobFamily: "management", unit: "NOR" })
  const response = await page.goto(`/reports/units/${unitId("SKO")}`)
  expect(response?.status()).toBe(403)
  await expect(page.getByRole("heading", { level: 1, name: "Uden for dit område" })).toBeVisible()
  await expect(page.getByText("som du ikke er leder for")).toBeVisible()
  await expect(page.getByText("Din rolle giver ikke adgang")).toHaveCount(0)
  await expect(page).toHaveTitle("Uden for dit område · Parat")
  await expectAccessible(page)
})

test("a page closed to one's role still says it is the role", async ({ page, signIn }) => {
  await signIn()
  const response = await page.goto("/admin")
  expect(response?.status()).toBe(403)
  await expect(page.getByRole("heading", { level: 1, name: "Ingen adgang" })).toBeVisible()
  await expect(page.getByText("Din rolle giver ikke adgang til denne side.")).toBeVisible()
})

test("the level chart's legend is in level order and the heatmap legend writes Danish decimals", async ({
  page,
  signIn,
}) => {
  await signIn({ role: "manager", jobFamily: "management", unit: "NOR" })
  await page.goto("/reports")
  await expect(page.getByRole("heading", { level: 1, name: /^Kompetencekort/ })).toBeVisible()
  const legend = page
    .getByRole("img", { name: "Stablet søjlediagram over niveaufordelingen. Tallene står i tabellen." })
    .locator(".recharts-legend-item-text")
  await expect(legend).toHaveText([
    "Endnu ikke grundlæggende",
    "Grundlæggende",
    "Anvender",
    "Avanceret",
    "Ekspert og leder",
  ])
  const bands = page.locator(".heatmap-legend li")
  await expect(bands.first()).toContainText(/score 0–\d+,9$/)
  for (const text of await bands.allInnerTexts()) expect(text).not.toMatch(/\d\.\d/)
})

test("a module's sources carry the language they are written in (WCAG 3.1.2)", async ({ page, signIn }) => {
  await signIn()
  await page.goto("/learn/modules/data-advanced")
  const sources = page.getByRole("heading", { level: 2, name: "Kilder" }).locator("~ ul.sources > li")
  await expect(sources.filter({ hasText: "Regulation (EU) 2016/679" })).toHaveAttribute("lang", "en")
  await expect(sources.filter({ hasText: "Region Hovedstaden" })).toHaveAttribute("lang", "da")
})
