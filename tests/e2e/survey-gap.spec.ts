import type { Page } from "@playwright/test"
import { expect, test } from "./fixtures"

// Issue 13: the result page puts the person's own rating beside what their answers show, in words. A person who
// agrees with every statement and answers "Ved ikke" to every knowledge question rates themselves higher than
// their answers show, on every competence. Without JavaScript: the sentence is plain server-rendered HTML.
test.use({ javaScriptEnabled: false })

/** Every radio group gets its last option ("Helt enig" / "Ved ikke"); the tools page gets its first tool. */
async function answerPage(page: Page) {
  const tools = page.locator("fieldset.survey-item--tools")
  if ((await tools.count()) > 0) {
    await tools.getByRole("checkbox").first().check()
    return
  }
  const groups = page.locator("fieldset.survey-item")
  const n = await groups.count()
  expect(n).toBeGreaterThanOrEqual(5)
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole("radio").last().check()
}

test("the result names the gap between the person's own rating and their answers", async ({
  page,
  signIn,
  errors,
}) => {
  test.slow()
  await signIn()
  await page.goto("/survey")
  await page.getByRole("link", { name: "Start målingen" }).click()
  for (let n = 1; n <= 8; n++) {
    await expect(page.getByText(`Side ${n} af 8`)).toBeVisible()
    await answerPage(page)
    await page
      .getByRole("button", { name: n === 8 ? "Gem og se svarene igennem" : "Gem og gå videre" })
      .click()
  }
  await page.getByRole("button", { name: "Indsend mine svar" }).click()

  await expect(page.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeVisible()
  const table = page.getByRole("table", { name: "Din score (0–100) og dit niveau pr. område" })
  await expect(table.getByRole("columnheader", { name: "Sammenligning" })).toBeVisible()
  const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") })
  await expect(rows).toHaveCount(6)
  for (const row of await rows.all())
    await expect(
      row.getByRole("cell", { name: "Du vurderer dig selv højere, end dine svar viser." }),
    ).toBeVisible()
  expect(errors).toEqual([])
})
