import { expect, expectAccessible, login, test } from "./fixtures"

test("the employee logs in and sees their home page", async ({ page, errors }) => {
  await page.goto("/")
  await expectAccessible(page)
  await login(page, "employee@parat.test")
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Emil Eksempel" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Din AI-parathedsmåling" })).toBeVisible()
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test("the regional manager logs in and sees the manager home page", async ({ page }) => {
  await login(page, "manager@parat.test")
  await expect(page.getByRole("heading", { level: 1, name: /Regitze/ })).toBeVisible()
  await expect(page.getByText("Du er leder for 1 organisatorisk enhed.")).toBeVisible()
  const reports = page.getByRole("article", { name: "Kompetencekort" })
  await expect(reports).toContainText("den seneste afsluttede målerunde: Forår 2026.")
  await expect(page.getByRole("article", { name: "Din læringssti" })).toBeVisible()
  await expectAccessible(page)
  await reports.getByRole("link", { name: "Åbn kompetencekortene" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Kompetencekort: Region Demo" })).toBeVisible()
})

test("the admin logs in and sees the admin home page", async ({ page }) => {
  await login(page, "admin@parat.test")
  await expect(page.getByRole("heading", { level: 1, name: /Ada/ })).toBeVisible()
  const admin = page.getByRole("article", { name: "Administration" })
  await expect(admin).toContainText(/\d+ aktive personer i \d+ enheder\./)
  await expect(admin).toContainText(/målerunde(r)? tager imod svar lige nu\./)
  await expect(page.getByRole("article", { name: "Din AI-parathedsmåling" })).toBeVisible()
  await expectAccessible(page)
  await admin.getByRole("link", { name: "Gå til administration" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible()
})

test("a wrong password shows a clear error and keeps the email", async ({ page }) => {
  await login(page, "employee@parat.test", "not-the-password")
  await expect(page.getByRole("alert")).toHaveText("E-mail eller adgangskode er forkert.")
  await expect(page.getByLabel("E-mail")).toHaveValue("employee@parat.test")
  await expectAccessible(page)
})

test("empty fields and a 10,000-character email get field errors, not a 500", async ({ page }) => {
  await page.goto("/login")
  await page.getByRole("button", { name: "Log ind" }).click()
  await expect(page.getByText("Skal udfyldes.").first()).toBeVisible()
  await page.getByLabel("E-mail").fill(`${"a".repeat(10_000)}@example.dk`)
  await page.getByLabel("Adgangskode").fill("x")
  await page.getByRole("button", { name: "Log ind" }).click()
  await expect(page.getByText("Teksten er for lang.")).toBeVisible()
  await expectAccessible(page)
})

test("the language switch turns the page into English and back, and sets <html lang>", async ({ page }) => {
  await page.goto("/login")
  await expect(page.locator("html")).toHaveAttribute("lang", "da")
  await page.getByRole("button", { name: "English" }).click()
  await expect(page.locator("html")).toHaveAttribute("lang", "en")
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Dansk" }).click()
  await expect(page.locator("html")).toHaveAttribute("lang", "da")
  await expect(page.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible()
})

test("English is chosen from Accept-Language on a first visit", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" })
  const page = await context.newPage()
  await page.goto("/")
  await expect(page.locator("html")).toHaveAttribute("lang", "en")
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Parat – ready for AI in the hospital")
  await context.close()
})

test("a logged-out request to a protected page goes to login and back", async ({ page }) => {
  await page.goto("/account/password")
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fpassword/)
  await login(page, "employee@parat.test", undefined, { navigate: false })
  await expect(page).toHaveURL(/\/account\/password$/)
  await expect(page.getByRole("heading", { level: 1, name: "Skift adgangskode" })).toBeVisible()
  await expectAccessible(page)
})

test("a malformed session cookie is simply logged out", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "parat_session", value: "%%%garbage", url: baseURL! }])
  const response = await page.goto("/")
  expect(response?.status()).toBe(200)
  await expect(page.getByRole("link", { name: "Log ind" }).first()).toBeVisible()
})

test("logging out ends the session", async ({ page }) => {
  await login(page, "employee@parat.test")
  await page.getByRole("button", { name: "Log ud" }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto("/account/password")
  await expect(page).toHaveURL(/\/login\?/)
})
