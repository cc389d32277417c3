import { generateSync } from "otplib"
import {
  createPerson,
  DEMO_PASSWORD,
  enterTwoFactorCode,
  expect,
  expectAccessible,
  login,
  test,
} from "./fixtures"

/** A fresh employee of this test who logs in through the form with the demo password. */
const withPerson = () => createPerson({ name: "Tove Totrin", password: DEMO_PASSWORD })

test("without JavaScript, a person turns on two-factor sign-in, signs in with a code and keeps the session through a password change", async ({
  browser,
}) => {
  const person = await withPerson()
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" })
  const page = await context.newPage()
  try {
    await login(page, person.email)
    await page.getByRole("link", { name: "Adgangskode", exact: true }).click()
    await expect(page.getByText("Slået fra: din adgangskode alene åbner din konto.")).toBeVisible()
    await page.getByRole("link", { name: "Totrinslogin" }).click()
    await expect(page.getByRole("heading", { level: 1, name: "Totrinslogin" })).toBeVisible()
    await expect(page.getByRole("img", { name: "QR-kode til din godkendelsesapp" })).toBeVisible()
    const secret = ((await page.locator("code.totp-secret").textContent()) ?? "").replace(/\s/g, "")
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)

    await page.getByRole("textbox", { name: "Kode" }).fill("000000")
    await page.getByRole("button", { name: "Slå totrinslogin til" }).click()
    await expect(page.getByText("Koden passer ikke.", { exact: false })).toBeVisible()
    await page.getByRole("textbox", { name: "Kode" }).fill(generateSync({ secret }))
    await page.getByRole("button", { name: "Slå totrinslogin til" }).click()
    await expect(page.getByRole("heading", { level: 1, name: "Dine gendannelseskoder" })).toBeVisible()
    await expect(
      page.getByRole("list", { name: "Dine gendannelseskoder" }).getByRole("listitem"),
    ).toHaveCount(10)

    await page.getByRole("button", { name: "Log ud" }).click()
    await login(page, person.email)
    await expect(page).toHaveURL(/\/login\/two-factor$/)
    await expect(page.getByRole("heading", { level: 1, name: "Totrinslogin" })).toBeVisible()
    await page.getByRole("textbox", { name: "Kode" }).fill("999999")
    await page.getByRole("button", { name: "Bekræft" }).click()
    await expect(page.getByRole("alert")).toContainText("Koden er forkert eller allerede brugt.")
    await enterTwoFactorCode(page, secret)
    await expect(page.getByRole("heading", { level: 1, name: /Tove/ })).toBeVisible()

    // A password change without JavaScript: a common password is refused, a good one keeps this session.
    await page.goto("/account/password")
    await page.getByLabel("Nuværende adgangskode").fill(DEMO_PASSWORD)
    await page.getByLabel("Ny adgangskode", { exact: true }).fill("password1234")
    await page.getByLabel("Gentag ny adgangskode").fill("password1234")
    await page.getByRole("button", { name: "Skift adgangskode" }).click()
    await expect(
      page.getByText("Adgangskoden står på lister over almindelige eller lækkede adgangskoder.", {
        exact: false,
      }),
    ).toBeVisible()
    await page.getByLabel("Nuværende adgangskode").fill(DEMO_PASSWORD)
    await page.getByLabel("Ny adgangskode", { exact: true }).fill("syv lilla lygter driver forbi")
    await page.getByLabel("Gentag ny adgangskode").fill("syv lilla lygter driver forbi")
    await page.getByRole("button", { name: "Skift adgangskode" }).click()
    await expect(page.getByRole("status")).toContainText("Din adgangskode er skiftet")
    await page.goto("/")
    await expect(page.getByRole("heading", { level: 1, name: /Tove/ })).toBeVisible()
  } finally {
    await context.close()
  }
})

test("the two-factor pages pass an accessibility scan: enrolment, recovery codes and the sign-in step", async ({
  page,
  errors,
}) => {
  const person = await withPerson()
  await login(page, person.email)
  await page.goto("/account/two-factor")
  await expect(page.getByRole("img", { name: "QR-kode til din godkendelsesapp" })).toBeVisible()
  await expectAccessible(page)
  const secret = ((await page.locator("code.totp-secret").textContent()) ?? "").replace(/\s/g, "")
  await page.getByRole("textbox", { name: "Kode" }).fill(generateSync({ secret }))
  await page.getByRole("button", { name: "Slå totrinslogin til" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Dine gendannelseskoder" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Log ud" }).click()
  await login(page, person.email, DEMO_PASSWORD, { totpSecret: secret })
  await expect(page.getByRole("heading", { level: 1, name: /Tove/ })).toBeVisible()
  await page.getByRole("button", { name: "Log ud" }).click()
  await login(page, person.email)
  await expect(page.getByRole("heading", { level: 1, name: "Totrinslogin" })).toBeVisible()
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test("a crafted redirectTo after login stays on the site", async ({ page, errors }) => {
  const person = await withPerson()
  for (const target of ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/%5Cevil.example"]) {
    await page.goto(`/login?redirectTo=${target}`)
    await login(page, person.email, DEMO_PASSWORD, { navigate: false })
    await expect(page.getByRole("heading", { level: 1, name: /Tove/ })).toBeVisible()
    expect(page.url(), target).toMatch(/^http:\/\/localhost:\d+\/$/)
    await page.getByRole("button", { name: "Log ud" }).click()
  }
  expect(errors).toEqual([])
})
