import { readFileSync } from "node:fs"
import { readZipEntry } from "../support/zip"
import { expect, expectAccessible, test } from "./fixtures"

// Several pages with an axe scan each on a machine shared by many: a generous limit, not a speed claim.
test.describe.configure({ timeout: 180_000 })

test("a project lead chooses a scenario, fills in a template, prints it and downloads it as Word", async ({
  page,
  errors,
  signIn,
}) => {
  await signIn()
  await page.goto("/handbook")
  await page.getByRole("radio", { name: /DEMO – en første version/ }).check()
  await page.getByRole("button", { name: "Vis ruten" }).click()
  await expect(page).toHaveURL(/\/handbook\?scenario=demo/)
  await expect(page.getByRole("heading", { name: "Go/no-go: Køber vi?" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Juridisk ramme" })).toBeVisible()
  await expectAccessible(page)

  await expect(page.getByRole("link", { name: "Disposition til DPIA og FRIA" })).toBeVisible()
  await page.getByRole("link", { name: "Alle skabeloner" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Skabeloner til projektlederen" })).toBeVisible()
  await page.getByRole("link", { name: "Behovsbeskrivelse" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Behovsbeskrivelse" })).toBeVisible()
  await page.getByLabel("Projektets navn").fill("Sepsisvarsel på medicinsk afdeling")
  await page.getByLabel("Hvad er problemet?").fill("Sepsis opdages for sent om natten.")
  await page.getByRole("radio", { name: "DEMO – første version med lovende effekt" }).check()
  await page.getByRole("button", { name: "Gem skabelonen" }).click()
  await expect(page.getByRole("status")).toHaveText("Skabelonen er gemt.")
  await expect(page.getByLabel("Projektets navn")).toHaveValue("Sepsisvarsel på medicinsk afdeling")
  await expectAccessible(page)

  await page.getByRole("link", { name: "Vis til print" }).click()
  await expect(page.getByText("Sepsis opdages for sent om natten.")).toBeVisible()
  await page.emulateMedia({ media: "print" })
  await expect(page.getByRole("button", { name: "Udskriv / gem som PDF" })).toBeHidden()
  await page.emulateMedia({ media: "screen" })
  await expectAccessible(page)

  await page.getByRole("link", { name: "Tilbage til skabelonen" }).click()
  const downloadPromise = page.waitForEvent("download")
  await page.getByRole("link", { name: "Hent som Word (DOCX)" }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe("need-description.docx")
  const xml = readZipEntry(readFileSync((await download.path())!), "word/document.xml")
  expect(xml).toContain("Sepsisvarsel på medicinsk afdeling")
  expect(xml).toContain("DEMO – første version med lovende effekt")
  expect(errors).toEqual([])
})

test("a patient reads the citizen pages at 320 px without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: "da-DK",
    viewport: { width: 320, height: 640 },
  })
  const page = await context.newPage()
  await page.goto("/citizen")
  await expect(page.getByRole("heading", { level: 1, name: "AI i dit sundhedsvæsen" })).toBeVisible()
  await page.getByRole("link", { name: "Mine rettigheder" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Mine rettigheder" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Kort fortalt" })).toBeVisible()
  await page.getByRole("link", { name: "Næste: Klage og erstatning" }).click()
  await expect(page.getByText(/Styrelsen for Patientklager/).first()).toBeVisible()
  await expect(page.getByText(/Patienterstatningen/).first()).toBeVisible()
  await context.close()
})

// axe runs as a script in the page, so the accessibility scan of the same pages at 320 px has JavaScript on.
test("the citizen pages pass the accessibility scan at 320 px and never scroll sideways", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "da-DK", viewport: { width: 320, height: 640 } })
  const page = await context.newPage()
  for (const path of ["/citizen", "/citizen/complaints-and-compensation"]) {
    await page.goto(path)
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await expectAccessible(page)
  }
  await context.close()
})
