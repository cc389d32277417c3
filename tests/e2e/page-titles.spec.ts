import { expect, expectAccessible, hydrated, LEARNER_LEVELS, test } from "./fixtures"

test("the 404 page stays translated after JavaScript loads, in Danish", async ({ page }) => {
  const response = await page.goto("/ingen-side-her")
  expect(response?.status()).toBe(404)
  await hydrated(page)
  await expect(page.locator("html")).toHaveAttribute("lang", "da")
  await expect(page.getByRole("heading", { level: 1, name: "Siden findes ikke" })).toBeVisible()
  await expect(
    page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Log ind" }),
  ).toBeVisible()
  await expect(page.getByRole("button", { name: "English" })).toBeVisible()
  await expect(page.locator("body")).not.toContainText(/\b(errors|nav|shell)\.[a-zA-Z]/)
  await expect(page).toHaveTitle("Siden findes ikke · Parat")
  await expectAccessible(page)
})

test("the English 404 page says lang=en and stays English after JavaScript loads", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" })
  const page = await context.newPage()
  const response = await page.goto("/learn/modules/no-such-module-at-all/nothing/here")
  expect(response?.status()).toBe(404)
  await hydrated(page)
  await expect(page.locator("html")).toHaveAttribute("lang", "en")
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible()
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible()
  await expect(page.locator("body")).not.toContainText(/\b(errors|nav|shell)\.[a-zA-Z]/)
  await expect(page).toHaveTitle("Page not found · Parat")
  await context.close()
})

test("a signed-in person keeps their header on the 404 page", async ({ page, signIn }) => {
  await signIn()
  await page.goto("/findes/ikke")
  await hydrated(page)
  await expect(page.getByRole("button", { name: "Log ud" })).toBeVisible()
  await expect(page.getByRole("heading", { level: 1, name: "Siden findes ikke" })).toBeVisible()
})

test("every page an employee and a learner see has its own title, after JavaScript too", async ({
  page,
  signIn,
}) => {
  await page.goto("/")
  await expect(page).toHaveTitle("Forside · Parat")
  await page.goto("/login")
  await expect(page).toHaveTitle("Log ind · Parat")
  await page.goto("/wiki")
  await expect(page).toHaveTitle("AI-wiki · Parat")
  // A learner of this test's own, with a survey result and so a path of modules.
  await signIn({ surveyLevels: LEARNER_LEVELS })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  const expected: [string, string | RegExp][] = [
    ["/", "Forside · Parat"],
    ["/survey", "AI-parathedsmåling · Parat"],
    ["/learn", "Min læringssti · Parat"],
    ["/learn/catalogue", "Kursuskatalog · Parat"],
    ["/account/password", "Skift adgangskode · Parat"],
  ]
  for (const [path, title] of expected) {
    await page.goto(path)
    await hydrated(page)
    await expect(page, path).toHaveTitle(title)
  }
  // Client-side navigation keeps titles right, too.
  await page.goto("/learn")
  await hydrated(page)
  const firstModule = page
    .locator("main")
    .getByRole("link", { name: /./ })
    .filter({ hasNotText: /katalog/i })
    .first()
  const moduleName = (await firstModule.textContent())?.trim() ?? ""
  await firstModule.click()
  await page.waitForURL((url) => url.pathname !== "/learn")
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Min læringssti")
  const heading = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? moduleName
  await expect(page).toHaveTitle(`${heading} · Parat`)
})

test("the survey pages have titles that say where one is", async ({ page, signIn }) => {
  await signIn()
  await page.goto("/survey")
  await expect(page).toHaveTitle("AI-parathedsmåling · Parat")
  const start = page
    .getByRole("link", { name: /Start|Fortsæt/ })
    .or(page.getByRole("button", { name: /Start|Fortsæt/ }))
  await start.first().click()
  await expect(page).toHaveURL(/\/survey\/\d+\/page\/1/)
  await expect(page.getByText(/^Side 1 af \d+$/)).toBeVisible()
  const heading = (await page.getByRole("heading", { level: 1 }).textContent())?.trim()
  await expect(page).toHaveTitle(new RegExp(`^${heading} – .+ · Parat$`))
})

test("Danish admin pages have Danish titles", async ({ page, signIn }) => {
  await signIn({ role: "admin" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  const expected: [string, string][] = [
    ["/admin", "Administration · Parat"],
    ["/admin/units", "Organisation · Parat"],
    ["/admin/people", "Personer · Parat"],
    ["/admin/import", "Import af personer · Parat"],
    ["/admin/cycles", "Målerunder · Parat"],
    ["/admin/content", "Indhold · Parat"],
    ["/admin/audit", "Log over administrative handlinger og logins · Parat"],
    ["/admin/mail", "E-mails · Parat"],
    ["/admin/item-analysis", "Spørgsmålsanalyse · Parat"],
    ["/register", "Register over AI-systemer · Parat"],
    ["/register/new", "Registrér et system · Parat"],
    ["/account/data", "Mine data · Parat"],
  ]
  for (const [path, title] of expected) {
    await page.goto(path)
    await expect(page, path).toHaveTitle(title)
  }
  await page.goto("/admin/cycles")
  const cycleLink = page.getByRole("link", { name: /Efterår 2026/ }).first()
  await cycleLink.click()
  await expect(page).toHaveTitle(/^Efterår 2026.* · Parat$/)
})
