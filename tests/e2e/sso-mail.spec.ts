// Single sign-on and e-mail in Chromium: Parat started by this file with a real OpenID provider and a real SMTP
// server on loopback, password sign-in off except for the break-glass admin. Nothing leaves the machine: the
// browser may only reach localhost and 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process"
import type { Page } from "@playwright/test"
import { eq } from "drizzle-orm"
import { enrolKnownSecret } from "../../app/services/two-factor.server"
import { openDatabase } from "../../db/client"
import { people, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { startOidcProvider, TEST_CLIENT } from "../support/oidc-provider"
import { startSmtpServer } from "../support/smtp-server"
import { DEMO_PASSWORD, expect, expectAccessible, hydrated, login, test } from "./fixtures"

const port = Number(process.env.PARAT_E2E_PORT ?? 3100) + 50
const origin = `http://localhost:${port}`
const accounts = new Map<string, Record<string, string>>()
const database = `.cache/e2e/parat-sso-${port}.db`

let server: ChildProcess
let provider: Awaited<ReturnType<typeof startOidcProvider>>
let smtp: Awaited<ReturnType<typeof startSmtpServer>>

test.describe.configure({ mode: "serial" })
test.use({ baseURL: origin })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  provider = await startOidcProvider(origin, accounts)
  smtp = await startSmtpServer()
  server = spawn(process.execPath, ["scripts/e2e-server.js"], {
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: database,
      PARAT_BUILD_DIR: process.env.PARAT_BUILD_DIR ?? "build",
      NODE_ENV: "production",
      PARAT_PUBLIC_ORIGIN: origin,
      PARAT_OIDC_ISSUER: provider.issuer,
      PARAT_OIDC_CLIENT_ID: TEST_CLIENT.id,
      PARAT_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      PARAT_OIDC_NAME: "Testregionen",
      PARAT_PASSWORD_LOGIN: "false",
      PARAT_BREAK_GLASS_EMAIL: "admin@parat.test",
      PARAT_MAIL_TRANSPORT: "smtp",
      PARAT_SMTP_URL: smtp.url,
      PARAT_MAIL_INTERVAL_SECONDS: "1",
    },
  })
  await expect
    .poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 0, { timeout: 150_000 })
    .toBe(200)
})

test.afterAll(async () => {
  server?.kill("SIGTERM")
  await provider?.close()
  await smtp?.close()
})

test.beforeEach(async ({ context }) => {
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort())
})

/** At the provider's own sign-in page: any login name, the claims come from `accounts`. */
async function signInAtProvider(page: Page, account: string) {
  await page.getByPlaceholder("Enter any login").fill(account)
  await page.getByPlaceholder("and password").fill("anything")
  await page.getByRole("button", { name: "Sign-in" }).click()
}

test("an invited person follows the e-mail link, signs in through the region and signs out of both", async ({
  page,
  errors,
}) => {
  // The break-glass admin opens a cycle for a small unit today.
  await page.goto("/login")
  await page.getByText("Nødadgang for administrator").click()
  await login(page, "admin@parat.test", DEMO_PASSWORD, { navigate: false })
  await page.goto("/admin/cycles")
  const today = new Date().toISOString().slice(0, 10)
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  await page.getByLabel("Navn").fill("Etisk enhed nu")
  await page.getByLabel("Åbner").fill(today)
  await page.getByLabel("Lukker").fill(closes)
  await page
    .getByRole("group", { name: "Enheder, der måles" })
    .getByLabel("Klinisk Etisk Enhed (NOR-ETK)")
    .check()
  await page.getByRole("button", { name: "Opret målerunde" }).click()
  await expect(page.getByRole("definition").filter({ hasText: "7, 12" })).toBeVisible()
  await page.getByLabel("Påmindelse efter dage").fill("5, 10")
  await page.getByRole("button", { name: "Gem påmindelser" }).click()
  await expect(page.getByRole("status")).toHaveText("Påmindelserne er gemt.")
  await page.getByRole("button", { name: "Åbn målerunden" }).click()
  await expect(page.getByRole("status")).toHaveText("Målerunden er åbnet.")
  const cycleId = /\/admin\/cycles\/(\d+)/.exec(page.url())?.[1]

  // The worker sends one invitation to each of the unit's three people.
  await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBe(3)
  const invitation = smtp.received[0]!
  const link = `${origin}/survey/${cycleId}/page/1`
  expect(invitation.text).toContain(link)
  expect(invitation.text).toContain("Kære ")

  // The admin sees them as sent.
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "E-mails" })
    .click()
  await expect(page.getByRole("definition").first()).toHaveText("0") // none queued
  await expect(page.getByRole("table", { name: /De seneste 3 mails/ })).toContainText("Etisk enhed nu")
  await expectAccessible(page)
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Adgang" }).click()
  await expect(page.getByText(`${origin}/auth/oidc/callback`)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: /Log ud|Log out/ }).click()

  // The invited person opens the link from the mail and signs in with the region's account.
  accounts.set("invited", { email: invitation.to[0]!, name: "Invited" })
  await page.goto(link)
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  await expectAccessible(page)
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await signInAtProvider(page, "invited")
  await expect(page).toHaveURL(link)

  // Signing out ends Parat's session and the provider's.
  await page.getByRole("button", { name: /Log ud|Log out/ }).click()
  await page.getByRole("button", { name: "Yes, sign me out" }).click()
  await expect(page).toHaveURL(`${origin}/login`)
  await page.goto(link)
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  expect(errors).toEqual([])
})

test("someone the region knows but Parat does not is refused with a page that says why", async ({ page }) => {
  accounts.set("stranger", { email: "stranger@region.test", name: "Stranger" })
  await page.goto("/login")
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await signInAtProvider(page, "stranger")
  await expect(page.getByRole("heading", { level: 1, name: "Du blev ikke logget ind" })).toBeVisible()
  await expect(page.getByRole("alert")).toContainText("Du er ikke oprettet i Parat")
  await expectAccessible(page)
})

test("password sign-in is off for everyone but the break-glass admin", async ({ page }) => {
  await page.goto("/login")
  await page.getByText("Nødadgang for administrator").click()
  await login(page, "employee@parat.test", DEMO_PASSWORD, { navigate: false })
  await expect(page.getByRole("alert")).toContainText(
    "Log ind med adgangskode er slået fra. Brug Testregionen.",
  )
  await expectAccessible(page)
})

/**
 * A person of this test's own, imported into the server's database and known at the provider under `account`
 * (the test process opens the same SQLite file beside the server, as the shared fixtures do).
 */
function importedPerson(
  account: string,
  { isActive = true, totpSecret }: { isActive?: boolean; totpSecret?: string } = {},
) {
  const db = openDatabase(database)
  try {
    const email = `${account}.${Date.now()}@region.test`
    const unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
    const id = ensurePerson(db, {
      email,
      name: `Test ${account}`,
      jobFamily: "nurse",
      unitId,
      language: "da",
    })
    if (!isActive) db.update(people).set({ isActive: false }).where(eq(people.id, id)).run()
    if (totpSecret) enrolKnownSecret(id, totpSecret, db)
    accounts.set(account, { email, name: `Test ${account}` })
    return { id, email }
  } finally {
    db.$client.close()
  }
}

test("a deactivated person is refused by Parat after signing in at the region", async ({ page }) => {
  importedPerson("left-hospital", { isActive: false })
  await page.goto("/login")
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await signInAtProvider(page, "left-hospital")
  await expect(page.getByRole("heading", { level: 1, name: "Du blev ikke logget ind" })).toBeVisible()
  await expect(page.getByRole("alert")).toContainText("Din adgang til Parat er lukket")
})

for (const mode of ["expired", "foreign"] as const) {
  test(`${mode === "expired" ? "an expired" : "a foreign-signed"} ID token from the region is refused`, async ({
    page,
  }) => {
    const account = `bad-token-${mode}`
    importedPerson(account)
    accounts.set(account, { ...accounts.get(account), tokenTamper: mode })
    await page.goto("/login")
    await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
    await signInAtProvider(page, account)
    await expect(page.getByRole("heading", { level: 1, name: "Du blev ikke logget ind" })).toBeVisible()
    await expect(page.getByRole("alert")).toContainText("Svaret fra identitetsudbyderen kunne ikke godkendes")
    await page.goto("/account/password")
    await expect(page).toHaveURL(/\/login\?redirectTo=/)
  })
}

test("a callback with a state this browser did not start is refused", async ({ page }) => {
  await page.goto("/login")
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible() // a sign-in is under way
  const response = await page.goto("/auth/oidc/callback?code=stolen-code&state=someone-elses-state")
  expect(response?.status()).toBe(400)
  await expect(page.getByRole("alert")).toContainText("Log ind-forsøget kunne ikke genkendes")
  await expect(page.getByRole("button", { name: /Log ud|Log out/ })).toHaveCount(0)
})

test("a lost authenticator: after single sign-on the code step offers a recovery link by e-mail; it removes the old authenticator once, and a new one is set up", async ({
  page,
  errors,
}) => {
  const { email } = importedPerson("lost-phone", { totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" })
  // Each page is left only after it hydrated: leaving a page while React hydrates it can raise React's "root did
  // not complete" error in the page, which the errors fixture (rightly) counts.
  await page.goto("/login")
  await hydrated(page)
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await signInAtProvider(page, "lost-phone")
  // The region vouched for no second factor, so Parat asks for its own code.
  await expect(page).toHaveURL(`${origin}/login/two-factor`)
  await hydrated(page)
  await page.getByRole("link", { name: /Få et gendannelseslink på mail/ }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Mistet din godkendelsesapp?" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Send mig et gendannelseslink" }).click()
  await expect(page.getByRole("status")).toContainText("Linket er på vej til din mail")

  await expect
    .poll(() => smtp.received.filter((mail) => mail.to.includes(email)).length, { timeout: 20_000 })
    .toBe(1)
  const mail = smtp.received.find((m) => m.to.includes(email))!
  expect(mail.raw).not.toMatch(/<img/i)
  const link = new RegExp(`${origin}/two-factor-recovery/[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0]
  expect(link).toBeDefined()

  await page.goto(link!)
  await expect(page.getByRole("heading", { level: 1, name: "Fjern din gamle godkendelsesapp" })).toBeVisible()
  await expectAccessible(page)
  await hydrated(page)
  await page.getByRole("button", { name: "Ja, fjern min gamle godkendelsesapp" }).click()
  await expect(page.getByRole("status")).toContainText("sæt en ny godkendelsesapp op")
  await hydrated(page)
  // Once only.
  await page.goto(link!)
  await expect(page.getByRole("heading", { level: 1, name: "Linket virker ikke" })).toBeVisible()

  // Signing in again asks for no code, and the next signed-in page is setting up a new authenticator.
  // (The region still knows this browser, so it signs in without asking again.)
  await hydrated(page)
  await page.goto("/login")
  await hydrated(page)
  await page.getByRole("link", { name: "Log ind med Testregionen" }).click()
  await expect(page).toHaveURL(`${origin}/`)
  await hydrated(page)
  await page.goto("/account/password")
  await expect(page).toHaveURL(`${origin}/account/two-factor?required=1`)
  await expect(page.getByRole("status")).toContainText("Du har fjernet din gamle godkendelsesapp")
  await expectAccessible(page)
  expect(errors).toEqual([])
})
