import { readFile } from "node:fs/promises"
import type { Page } from "@playwright/test"
import { createPerson, expect, expectAccessible, test } from "./fixtures"

async function downloadMyData(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Hent mine data (JSON)" }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^parat-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  return JSON.parse(await readFile((await download.path())!, "utf8"))
}

/** An admin opens a fresh person's page and erases them, confirming as the form asks. */
async function erase(page: Page, personId: number) {
  await page.goto(`/admin/people/${personId}`)
  const section = page.getByRole("region", { name: "Slet eller anonymisér" })
  await expect(section).toContainText("artikel 17, stk. 3, litra b")
  await section.getByRole("radio", { name: "Slet" }).check()
  await section.getByRole("checkbox", { name: /Jeg har tjekket, at det er den rigtige person/ }).check()
  await section.getByRole("button", { name: "Udfør nu" }).click()
  await expect(page.getByRole("status")).toContainText("Personen er slettet.")
  await expect(page.getByText(/Personen blev slettet den/)).toBeVisible()
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`[erased ${personId}]`)
  await expect(page.getByRole("region", { name: "Slet eller anonymisér" })).toHaveCount(0)
}

test("a person finds My data in the menu and downloads their own data", async ({
  page,
  signIn,
  errors: _,
}) => {
  const me = await signIn()
  await page.goto("/")
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Mine data" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Mine data" })).toBeVisible()
  await expectAccessible(page)
  const data = await downloadMyData(page)
  expect(data.profile).toMatchObject({ email: me.email, name: me.name })
  expect(JSON.stringify(data)).not.toMatch(/argon2|password_?hash/i)
})

test("an admin erases a person after confirming; the page then shows only a placeholder", async ({
  page,
  signIn,
  errors: _,
}) => {
  await signIn({ role: "admin" })
  const person = await createPerson({ name: "Ida Sletmig" })
  await page.goto(`/admin/people/${person.id}`)
  await expectAccessible(page)
  await erase(page, person.id)
  await expectAccessible(page)
})

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false })

  test("the My data download works", async ({ page, signIn }) => {
    const me = await signIn()
    await page.goto("/account/data")
    expect((await downloadMyData(page)).profile.email).toBe(me.email)
  })

  test("an admin erases a person", async ({ page, signIn }) => {
    await signIn({ role: "admin" })
    const person = await createPerson({ name: "Ib Sletmig" })
    await erase(page, person.id)
  })
})
