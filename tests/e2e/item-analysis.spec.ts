import { expect, expectAccessible, test } from "./fixtures"

test("an admin reads the item analysis of a closed cycle and downloads it as CSV", async ({
  page,
  signIn,
}) => {
  await signIn({ role: "admin" })
  await page.goto("/admin")
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Spørgsmålsanalyse" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "Spørgsmålsanalyse" })).toBeVisible()
  const reliability = page.getByRole("table", { name: /Cronbachs alfa/ })
  await expect(reliability.getByRole("rowheader")).toHaveCount(6)
  await expect(
    page
      .getByRole("table", { name: /Pr\. spørgsmål/ })
      .getByRole("rowheader")
      .first(),
  ).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Måling", { exact: true }).selectOption({ index: 0 })
  await page.getByRole("button", { name: "Vis" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Spørgsmålsanalyse" })).toBeVisible()
  const download = page.waitForEvent("download")
  await page.getByRole("link", { name: "Hent som CSV" }).click()
  expect((await download).suggestedFilename()).toMatch(/^item-analysis-cycle-\d+\.csv$/)
})
