import { createPerson, DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures"

test("the wiki is searched in Danish with ae for æ, and a hit opens its term", async ({ page, errors }) => {
  await page.goto("/wiki")
  await expect(page.getByRole("heading", { level: 1, name: "AI-wiki" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Alle opslag fra A til Å" })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Søg i wikien").fill("traeningsdata")
  await page.getByRole("button", { name: "Søg" }).click()
  await expect(page).toHaveURL(/\/wiki\?q=traeningsdata$/)
  await expect(page.getByRole("heading", { name: /opslag matcher »traeningsdata«/ })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Træningsdata", exact: true }).click()
  await expect(page).toHaveURL(/\/wiki\/training-data$/)
  await expect(page.getByRole("heading", { level: 1, name: "Træningsdata" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Relaterede begreber" })).toBeVisible()
  await expectAccessible(page)
  // A wiki link in the body leads to the next term.
  await page.getByRole("link", { name: "testdata", exact: true }).first().click()
  await expect(page).toHaveURL(/\/wiki\/test-data$/)
  expect(errors).toEqual([])
})

test("the wiki is searched in English and finds the English term", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" })
  const page = await context.newPage()
  await page.goto("/wiki")
  await page.getByLabel("Search the wiki").fill("overfit")
  await page.getByRole("button", { name: "Search" }).click()
  await expect(page.getByRole("link", { name: "Overfitting", exact: true })).toBeVisible()
  await page.getByLabel("Search the wiki").fill("nothing-like-this-zzq")
  await page.getByRole("button", { name: "Search" }).click()
  await expect(page.getByRole("heading", { name: /No term matches/ })).toBeVisible()
  await expectAccessible(page)
  await context.close()
})

test("the citizen track opens without logging in, and a term in a lesson leads to the wiki", async ({
  page,
  errors,
}) => {
  await page.goto("/citizen")
  await expect(page).toHaveURL(/\/citizen$/)
  await expect(page.getByRole("heading", { level: 1, name: "AI i dit sundhedsvæsen" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Hvad er kunstig intelligens?" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Hvad er kunstig intelligens?" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Hvad er AI, og hvordan lærer den?" }).click()
  await expect(page).toHaveURL(/\/citizen\/understanding-foundation\/what-is-ai$/)
  await expect(page.getByText("Lektion 1 af 2")).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "kunstig intelligens", exact: true }).click()
  await expect(page).toHaveURL(/\/wiki\/artificial-intelligence$/)
  await expect(page.getByRole("heading", { level: 1, name: "Kunstig intelligens (AI)" })).toBeVisible()
  expect(errors).toEqual([])
})

test("a visitor reads the handbook and is told that ticks are not saved", async ({ page }) => {
  await page.goto("/handbook")
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Håndbog i det gode og ansvarlige AI-projekt",
  )
  await expect(page.getByText(/dine afkrydsninger bliver ikke gemt/)).toBeVisible()
  await expect(page.getByRole("button", { name: /Gem tjeklisten/ })).toHaveCount(0)
  await expectAccessible(page)
})

test("a project lead ticks the handbook checklist, saves it and prints it", async ({
  page,
  errors,
  signIn,
}) => {
  await signIn()
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: /^Hej/ })).toBeVisible()
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Håndbog" }).click()
  await expect(page).toHaveURL(/\/handbook$/)
  const need = page.getByRole("group", { name: "Tjekliste: Behov" })
  await need.getByLabel(/Problemet er beskrevet/).check()
  await need.getByLabel(/I har målt udgangspunktet/).check()
  await page.getByRole("button", { name: "Gem tjeklisten (Behov)" }).click()
  await expect(page.getByRole("status").filter({ hasText: "Tjeklisten for »Behov« er gemt." })).toBeVisible()
  await expect(page.getByText("2 af 8 punkter er krydset af.")).toBeVisible()
  await page.reload()
  await expect(need.getByLabel(/Problemet er beskrevet/)).toBeChecked()
  await expect(need.getByLabel(/I har målt udgangspunktet/)).toBeChecked()
  await expect(need.getByLabel(/I har overvejet løsninger uden AI/)).not.toBeChecked()
  await expectAccessible(page)

  // The button calls the browser's print dialog (stubbed here: a headless browser has none).
  await page.evaluate(() => {
    ;(window as unknown as { printed: number }).printed = 0
    window.print = () => {
      ;(window as unknown as { printed: number }).printed++
    }
  })
  await page.getByRole("button", { name: "Udskriv / gem som PDF" }).click()
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

  // On paper: no navigation or buttons, and the boxes as ☑ and ☐.
  await page.emulateMedia({ media: "print" })
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeHidden()
  await expect(page.getByRole("button", { name: "Gem tjeklisten (Behov)" })).toBeHidden()
  const marks = await page
    .locator("#phase-need .print-box")
    .evaluateAll((boxes) => boxes.map((box) => getComputedStyle(box, "::before").content))
  expect(marks.slice(0, 3)).toEqual(['"☑"', '"☑"', '"☐"'])
  const pdf = await page.pdf({ format: "A4" })
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
  expect(errors).toEqual([])
})

test("without JavaScript the handbook checklist still saves and the print hint is shown", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" })
  const page = await context.newPage()
  // A person of this test's own: the ticks are theirs.
  const person = await createPerson({ password: DEMO_PASSWORD })
  await login(page, person.email, DEMO_PASSWORD)
  await expect(page.getByRole("heading", { level: 1, name: /^Hej/ })).toBeVisible()
  await page.goto("/handbook")
  await expect(page.getByText(/Brug browserens udskriftsfunktion/)).toBeVisible()
  const need = page.getByRole("group", { name: "Tjekliste: Behov" })
  await need.getByLabel(/I har overvejet løsninger uden AI/).check()
  await page.getByRole("button", { name: "Gem tjeklisten (Behov)" }).click()
  await expect(page).toHaveURL(/\/handbook\?saved=need/)
  await expect(page.getByText("Tjeklisten for »Behov« er gemt.")).toBeVisible()
  await expect(need.getByLabel(/I har overvejet løsninger uden AI/)).toBeChecked()
  await context.close()
})
