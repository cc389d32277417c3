import { readFile } from "node:fs/promises"
import type { Download, Page } from "@playwright/test"
import { expect, expectAccessible, login, test } from "./fixtures"

const HEADER = "employee_id;name;email;unit;job_family;role;language"
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8")

async function downloadMyData(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Hent mine data (JSON)" }).click(),
  ])
  return download as Download
}

test("a person finds My data in the menu and downloads their own data, also without JavaScript", async ({
  page,
  browser,
  errors: _errors, // fails the test on any server error or browser error
}) => {
  await login(page, "employee@parat.test")
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Mine data" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Mine data" })).toBeVisible()
  await expectAccessible(page)
  const download = await downloadMyData(page)
  expect(download.suggestedFilename()).toMatch(/^parat-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const data = JSON.parse(await readFile((await download.path())!, "utf8"))
  expect(data.profile.email).toBe("employee@parat.test")
  expect(JSON.stringify(data)).not.toMatch(/argon2|password_?hash/i)

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" })
  const noJs = await context.newPage()
  await login(noJs, "employee@parat.test")
  await noJs.goto("/account/data")
  const plain = JSON.parse(await readFile((await (await downloadMyData(noJs)).path())!, "utf8"))
  expect(plain.profile.email).toBe("employee@parat.test")
  await context.close()
})

test("an admin erases an imported person after confirming, without JavaScript; the page then shows only a placeholder", async ({
  page,
  browser,
  errors: _errors, // fails the test on any server error or browser error
}) => {
  const tag = `${Date.now()}`
  await login(page, "admin@parat.test")
  await page.goto("/admin/import")
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "erase.csv",
    mimeType: "text/csv",
    buffer: csv([`ERASE${tag};Ida Sletmig;ida.${tag}@example.dk;NOR-AKM;nurse;;da`]),
  })
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await page.getByRole("button", { name: "Importér" }).click()
  await expect(page.getByRole("status")).toContainText("Importen er gemt: 1 nye")
  await page.goto(`/admin/people?q=ida.${tag}`)
  await page.getByRole("link", { name: "Ida Sletmig" }).click()
  await expect(page.getByRole("region", { name: "Slet eller anonymisér" })).toContainText(
    "artikel 17, stk. 3, litra b",
  )
  await expectAccessible(page)
  const personUrl = page.url()

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" })
  const noJs = await context.newPage()
  await login(noJs, "admin@parat.test")
  await noJs.goto(personUrl)
  const section = noJs.getByRole("region", { name: "Slet eller anonymisér" })
  await section.getByRole("radio", { name: "Slet" }).check()
  await section.getByRole("checkbox", { name: /Jeg har tjekket, at det er den rigtige person/ }).check()
  await section.getByRole("button", { name: "Udfør nu" }).click()
  await expect(noJs.getByRole("status")).toContainText("Personen er slettet.")
  await expect(noJs.getByText(/Personen blev slettet den/)).toBeVisible()
  await context.close()

  await page.reload()
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Ida")
  await expect(page.getByRole("region", { name: "Slet eller anonymisér" })).toHaveCount(0)
  await expectAccessible(page)
})
