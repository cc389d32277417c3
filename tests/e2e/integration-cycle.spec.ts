import { randomUUID } from "node:crypto"
import type { Page } from "@playwright/test"
import {
  createPerson,
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  login,
  type TestPerson,
  test,
} from "./fixtures"

// Issue 6: a cycle the admin opens for one hospital reaches that hospital's people and nobody else's.
// The admin and the two employees (one at Vestkysten, one at Nordhavn) are this test's own, and the cycle's name is
// unique, so the test runs again on the same database. No other spec counts Vestkysten's open cycles.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** Logs out and in as someone else, waiting for each page so no navigation overtakes another. */
async function switchTo(page: Page, person: TestPerson) {
  await page.getByRole("button", { name: "Log ud" }).click()
  await expect(page).toHaveURL(/\/login$/)
  await login(page, person.email, DEMO_PASSWORD, { navigate: false })
  await expect(page.getByRole("heading", { level: 1, name: `Hej, ${person.name}` })).toBeVisible()
}

test("the admin opens a cycle for one hospital; its employee sees it, another hospital's does not", async ({
  page,
  errors,
}) => {
  const CYCLE = `Vestkysten vinter ${randomUUID().slice(0, 8)}`
  const admin = await createPerson({ role: "admin", password: DEMO_PASSWORD })
  const ves = await createPerson({ unit: "VES-ONK", password: DEMO_PASSWORD })
  const nor = await createPerson({ unit: "NOR-AKM", password: DEMO_PASSWORD })
  await login(page, admin.email, DEMO_PASSWORD, { totpSecret: admin.totpSecret })
  await expect(page.getByRole("heading", { level: 1, name: `Hej, ${admin.name}` })).toBeVisible()
  await page.goto("/admin/cycles")
  await page.getByLabel("Navn").fill(CYCLE)
  await page.getByLabel("Måling").selectOption({ label: "AI-parathedsmåling, version 1" })
  // From yesterday (a date is a whole UTC day), so the cycle is open now in any time zone.
  await page.getByLabel("Åbner").fill(day(-1))
  await page.getByLabel("Lukker").fill(day(30))
  await page
    .getByRole("group", { name: "Enheder, der måles" })
    .getByLabel("Vestkysten Hospital (VES)")
    .check()
  await page.getByRole("button", { name: "Opret målerunde" }).click()
  await expect(page.getByRole("heading", { level: 1, name: CYCLE })).toBeVisible()
  await page.getByRole("button", { name: "Åbn målerunden" }).click()
  await expect(page.getByRole("status")).toHaveText("Målerunden er åbnet.")
  await expect(page.getByRole("definition").filter({ hasText: "Åben, tager imod svar" })).toBeVisible()
  const cycleId = new URL(page.url()).pathname.split("/").pop()

  // The admin's person page names the cycles a person may take, by the same rule as the survey.
  await page.goto(`/admin/people?q=${encodeURIComponent(ves.email)}`)
  await page.getByRole("link", { name: ves.name }).click()
  await expect(page.getByRole("definition").filter({ hasText: CYCLE })).toBeVisible()
  await page.goto(`/admin/people?q=${encodeURIComponent(nor.email)}`)
  await page.getByRole("link", { name: nor.name }).click()
  await expect(page.getByRole("heading", { level: 1, name: nor.name })).toBeVisible()
  await expect(page.getByText(CYCLE)).toHaveCount(0)

  // Vestkysten: the home card and the survey page offer the new cycle.
  await switchTo(page, ves)
  const card = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Din AI-parathedsmåling" }) })
  // The card offers the newest open cycle to take: a run of this test in parallel may have opened a Vestkysten
  // cycle of its own just after this one, so the card names a Vestkysten cycle and the survey page lists this one.
  await expect(card).toContainText(/Målerunden Vestkysten vinter \w+ er åben, og du er ikke startet endnu\./)
  await expectAccessible(page)
  await card.getByRole("link", { name: "Start målingen" }).click()
  await expect(page.getByRole("heading", { level: 3, name: CYCLE })).toBeVisible()
  // The closing day the admin typed is the last day shown, not the day after (it is a Danish calendar day).
  const lastDay = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day(30)}T00:00:00Z`),
  )
  await expect(page.getByRole("article", { name: CYCLE })).toContainText(`Åben til ${lastDay}.`)
  await expectAccessible(page)
  await page.goto(`/survey/${cycleId}/page/1`)
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()

  // Nordhavn: not offered, and its pages do not exist for them.
  await switchTo(page, nor)
  await expect(page.getByRole("main")).not.toContainText(CYCLE)
  await page.goto("/survey")
  await expect(page.getByRole("heading", { level: 3, name: "Efterår 2026 / Autumn 2026" })).toBeVisible()
  await expect(page.getByRole("main")).not.toContainText(CYCLE)
  const response = await page.goto(`/survey/${cycleId}/page/1`)
  expect(response?.status()).toBe(404)
  // The 404 is expected here, not a server error.
  expect(errors).toEqual([])
})
