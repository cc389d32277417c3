import { count, eq, isNull } from "drizzle-orm"
import { danishDay } from "../../app/domain/calendar"
import { cycles, people, units } from "../../db/schema"
import { createPerson, e2eDb, expect, expectAccessible, login, test } from "./fixtures"

const PASSWORD = "en lang og god adgangssætning"

test("the employee logs in and sees their home page", async ({ page, errors }) => {
  const person = await createPerson({ name: "Emil Førstegang", password: PASSWORD })
  await page.goto("/")
  await expectAccessible(page)
  await login(page, person.email, PASSWORD)
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Emil Førstegang" })).toBeVisible()
  await expect(page.getByRole("heading", { name: "Din AI-parathedsmåling" })).toBeVisible()
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test("the regional manager sees the manager home page", async ({ page, signIn }) => {
  await signIn({ role: "manager", jobFamily: "management", unit: "RDEMO", name: "Rikke Regionstest" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Rikke Regionstest" })).toBeVisible()
  await expect(page.getByText("Du er leder for 1 organisatorisk enhed.")).toBeVisible()
  const reports = page.getByRole("article", { name: "Kompetencekort" })
  await expect(reports).toContainText("den seneste afsluttede målerunde: Forår 2026.")
  await expect(page.getByRole("article", { name: "Din læringssti" })).toBeVisible()
  await expectAccessible(page)
  await reports.getByRole("link", { name: "Åbn kompetencekortene" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Kompetencekort: Region Demo" })).toBeVisible()
})

test("the admin sees the admin home page with the organisation's true figures", async ({ page, signIn }) => {
  await signIn({ role: "admin", jobFamily: "it_data", unit: "RDEMO", name: "Alma Admintest" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Alma Admintest" })).toBeVisible()
  const admin = page.getByRole("article", { name: "Administration" })
  // The figures are the database's at the moment the page is made; other tests add people and cycles meanwhile,
  // so the page is reloaded until a reading of the data and the page agree.
  await expect(async () => {
    const db = e2eDb()
    const active = db.select({ n: count() }).from(people).where(eq(people.isActive, true)).get()!.n
    const live = db.select({ n: count() }).from(units).where(isNull(units.retiredAt)).get()!.n
    const today = danishDay(new Date())
    const open = db
      .select()
      .from(cycles)
      .where(eq(cycles.status, "open"))
      .all()
      .filter((c) => c.opensOn <= today && today <= c.closesOn).length
    await page.reload()
    await expect(admin).toContainText(`${active} aktive personer i ${live} enheder.`, { timeout: 1000 })
    await expect(admin).toContainText(
      `${open} ${open === 1 ? "målerunde" : "målerunder"} tager imod svar lige nu.`,
      { timeout: 1000 },
    )
  }).toPass()
  await expect(page.getByRole("article", { name: "Din AI-parathedsmåling" })).toBeVisible()
  await expectAccessible(page)
  await admin.getByRole("link", { name: "Gå til administration" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible()
})

test("a wrong password shows a clear error and keeps the email", async ({ page }) => {
  const person = await createPerson({ password: PASSWORD })
  await login(page, person.email, "not-the-password")
  await expect(page.getByRole("alert")).toHaveText("E-mail eller adgangskode er forkert.")
  await expect(page.getByLabel("E-mail")).toHaveValue(person.email)
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
  const person = await createPerson({ password: PASSWORD })
  await page.goto("/account/password")
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fpassword/)
  await login(page, person.email, PASSWORD, { navigate: false })
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

test("logging out ends the session", async ({ page, signIn }) => {
  await signIn()
  await page.goto("/")
  await page.getByRole("button", { name: "Log ud" }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto("/account/password")
  await expect(page).toHaveURL(/\/login\?/)
})
