import { randomUUID } from "node:crypto"
import AxeBuilder from "@axe-core/playwright"
import { test as base, expect, type Page } from "@playwright/test"
import { eq } from "drizzle-orm"
import { generateSecret, generateSync } from "otplib"
import { type Dimension, isV2, type Level } from "../../app/domain/content-schema"
import { createSession } from "../../app/services/auth.server"
import { getInstrumentVersion } from "../../app/services/instrument.server"
import { hashPassword } from "../../app/services/password.server"
import { enrolKnownSecret } from "../../app/services/two-factor.server"
import { type Db, openDatabase } from "../../db/client"
import { cycles, type JobFamily, type Language, type Role, units } from "../../db/schema"
import { DEMO_TOTP_SECRET } from "../../scripts/seed/demo"
import { ensureManagerScope, ensurePerson } from "../../scripts/seed/factories"
import { DEMO_LEARNERS, LEARNING_CYCLE_NAME, recordSubmittedResult } from "../../scripts/seed/learners"
import { database } from "./env"

export const DEMO_PASSWORD = "parat-demo"
export { DEMO_TOTP_SECRET }

/** The spring levels of the demo's nurse learner: a person given them has a path at Foundation and Practitioner. */
export const LEARNER_LEVELS = DEMO_LEARNERS[0]!.levels

/** Which accounts of the demo sign in with a second factor, and their secret (the break-glass admin of sso-mail). */
const TOTP_SECRETS: Record<string, string> = { "admin@parat.test": DEMO_TOTP_SECRET }

/**
 * Logs in through the real form; an account with a known two-factor secret (the demo admin) also passes the
 * second step, with a code computed as an authenticator app would.
 */
export async function login(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  { navigate = true, totpSecret = TOTP_SECRETS[email] }: { navigate?: boolean; totpSecret?: string } = {},
) {
  if (navigate) await page.goto("/login")
  await page.getByLabel(/^(E-mail|Email)$/).fill(email)
  await page.getByLabel(/^(Adgangskode|Password)$/).fill(password)
  await page.getByRole("button", { name: /^(Log ind|Log in)$/ }).click()
  if (totpSecret) {
    await page.waitForURL("**/login/two-factor")
    await enterTwoFactorCode(page, totpSecret)
  }
}

/**
 * Types the current code on the two-factor step. A code is accepted once, and the test itself may have just used
 * this step's code (turning two-factor on, then logging in): then the next step's code (accepted 30 s early) is
 * tried, and after that the code of the next step once it comes. Admins from createPerson have secrets of their own,
 * so no other test uses their codes.
 */
export async function enterTwoFactorCode(page: Page, secret: string) {
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt === 2) {
      // Waiting for a fresh code is no slowness of the app: the test gets the time back.
      const wait = 30_000 - (Date.now() % 30_000) + 250
      test.info().setTimeout(test.info().timeout + wait)
      await page.waitForTimeout(wait)
    }
    const epoch = Math.floor((Date.now() + (attempt % 2) * 30_000) / 1000)
    await page.getByLabel(/^(Kode|Code)$/).fill(generateSync({ secret, epoch }))
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login/two-factor",
    )
    await page.getByRole("button", { name: /^(Bekræft|Confirm)$/ }).click()
    if ((await answer).status() === 302) {
      await page.waitForURL((url) => !url.pathname.startsWith("/login"))
      return
    }
    await page.waitForLoadState()
  }
  throw new Error("the two-factor step refused four codes")
}

/**
 * Waits until the browser has taken the page over (Remix's router is there and the network is quiet), so what the
 * page shows is what React renders after hydration, and a change a test makes to the DOM is not undone by it.
 */
export async function hydrated(page: Page) {
  await page.waitForLoadState("networkidle")
  await page.waitForFunction(() => "__remixRouter" in window)
}

/** No serious or critical WCAG 2.1 AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
  expect(
    serious.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) })),
    `axe violations on ${page.url()}`,
  ).toEqual([])
}

export type PersonOptions = {
  /** The code of the person's unit (default NOR-AKM, Akutmodtagelsen). */
  unit?: string
  jobFamily?: JobFamily
  role?: Role
  language?: Language
  /** Unit codes a manager is responsible for (default: their own unit, when role is manager). */
  manages?: string[]
  name?: string
  /** A password to log in with through the form (default: none, only the fixture's session). */
  password?: string
  /**
   * A submitted result in the demo's closed spring cycle with exactly these levels (as the demo learners have),
   * so the person's learning path is built from it. Default: no result.
   */
  surveyLevels?: Record<Dimension, Level>
}
export type TestPerson = { id: number; email: string; name: string; totpSecret?: string }

// The test process opens the run's database file beside the server (SQLite in WAL mode allows both) and makes
// people and sessions with the app's own factory and session service: no test-only route exists in the app.
let sharedDb: Db | undefined
const db = () => {
  sharedDb ??= openDatabase(database)
  return sharedDb
}
const unitId = (code: string) => {
  const row = db().select({ id: units.id }).from(units).where(eq(units.code, code)).get()
  if (!row) throw new Error(`no unit ${code} in the e2e database`)
  return row.id
}

/** The run's database, for a test that checks a page's figures against the data. */
export const e2eDb = db

/** A new person of its own for this test (no other test ever sees or changes them). */
export async function createPerson(options: PersonOptions = {}): Promise<TestPerson> {
  const key = randomUUID().slice(0, 8)
  const name = options.name ?? `Test Person ${key}`
  const email = `e2e.${key}@test.parat.test`
  const role = options.role ?? "employee"
  const id = ensurePerson(db(), {
    email,
    name,
    jobFamily: options.jobFamily ?? "nurse",
    unitId: unitId(options.unit ?? "NOR-AKM"),
    role,
    language: options.language ?? "da",
    isDemo: true,
    passwordHash: options.password ? await hashPassword(options.password) : undefined,
  })
  const manages = options.manages ?? (role === "manager" ? [options.unit ?? "NOR-AKM"] : [])
  for (const code of manages) ensureManagerScope(db(), id, unitId(code))
  // Admins must sign in with two factors: each test admin gets an authenticator of its own.
  const totpSecret = role === "admin" ? generateSecret() : undefined
  if (totpSecret) enrolKnownSecret(id, totpSecret, db())
  if (options.surveyLevels) giveSpringResult(id, options, options.surveyLevels)
  return { id, email, name, totpSecret }
}

/** Records a submitted spring result with the given levels through the seed's writer (the app's result writer). */
function giveSpringResult(personId: number, options: PersonOptions, levels: Record<Dimension, Level>) {
  const cycle = db()
    .select({ id: cycles.id, instrumentHash: cycles.instrumentHash })
    .from(cycles)
    .where(eq(cycles.name, LEARNING_CYCLE_NAME))
    .get()
  if (!cycle) throw new Error(`no cycle ${LEARNING_CYCLE_NAME} in the e2e database`)
  const instrument = getInstrumentVersion(cycle.instrumentHash, db())
  if (!instrument || isV2(instrument)) throw new Error("the spring cycle is expected to use instrument v1")
  db().transaction((t) =>
    recordSubmittedResult(t, {
      cycleId: cycle.id,
      instrument,
      personId,
      unitId: unitId(options.unit ?? "NOR-AKM"),
      jobFamily: options.jobFamily ?? "nurse",
      levels,
      submittedAt: new Date(Date.UTC(2026, 2, 20, 9, 30)),
    }),
  )
}

type Fixtures = {
  errors: string[]
  /** Creates a fresh person and logs this test's browser context in as them (a session from the app's service). */
  signIn: (options?: PersonOptions) => Promise<TestPerson>
}

/** A page that records every server error and browser console error it sees, so a test can assert none. */
export const test = base.extend<Fixtures>({
  signIn: async ({ context, baseURL }, use) => {
    await use(async (options) => {
      const person = await createPerson(options)
      // The two cookies the login action sets: the session, and the language of the person's profile (named as in
      // app/i18n/i18n.server.ts, which is not imported here because it loads the JSON translations).
      const cookies = [
        createSession(person.id, new Request(baseURL!), db()),
        `parat_lang=${options?.language ?? "da"}`,
      ].map((header) => {
        const pair = header.split(";")[0]!
        return {
          name: pair.slice(0, pair.indexOf("=")),
          value: pair.slice(pair.indexOf("=") + 1),
          url: baseURL!,
        }
      })
      await context.addCookies(cookies)
      return person
    })
  },
  errors: async ({ page }, use) => {
    const errors: string[] = []
    page.on("response", (response) => {
      if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`)
    })
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`))
    await use(errors)
    expect(errors).toEqual([])
  },
})

export { expect }
