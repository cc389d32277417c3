import { expect, expectAccessible, test } from "./fixtures"

test("the wiki search finds terms by everyday words and inflections", async ({ page }) => {
  for (const [query, term] of [
    ["hallucinering", "Hallucination"],
    ["persondata", "Personoplysninger"],
    ["ChatGPT", "Stor sprogmodel (LLM)"],
  ] as const) {
    await page.goto("/wiki")
    await page.getByRole("searchbox", { name: "Søg i wikien" }).fill(query)
    await page.getByRole("button", { name: "Søg" }).click()
    await expect(page.getByRole("main").getByRole("link", { name: term, exact: true })).toBeVisible()
  }
  await expectAccessible(page)
})
