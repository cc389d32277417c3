import type { Page } from "@playwright/test"
import { DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures"

// Issue 6: a cycle the admin opens for one hospital reaches that hospital's people and nobody else's.
// Vestkysten is used because no other spec's fixed login works there; cycle.ves@ and cycle.nor@ are this spec's own.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const CYCLE = "Vestkysten vinter 2026"

/** Logs out and in as someone else, waiting for each page so no navigation overtakes another. */
async function switchTo(page: Page, email: string, name: string) {
  await page.getByRole("button", { name: "Log ud" }).click()
  await expect(page).toHaveURL(/\/login$/)
  await login(page, email, DEMO_PASSWORD, { navigate: false })
  await expect(page.getByRole("heading", { level: 1, name: `Hej, ${name}` })).toBeVisible()
}

test("the admin opens a cycle for one hospital; its employee sees it, another hospital's does not", async ({
  page,
  errors,
}) => {
  await login(page, "admin@parat.test")
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Ada Administrator" })).toBeVisible()
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
  await page.goto("/admin/people?q=cycle.ves%40parat.test")
  await page.getByRole("link", { name: "Vera Cyklus" }).click()
  await expect(page.getByRole("definition").filter({ hasText: CYCLE })).toBeVisible()
  await page.goto("/admin/people?q=cycle.nor%40parat.test")
  await page.getByRole("link", { name: "Carl Cyklus" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Carl Cyklus" })).toBeVisible()
  await expect(page.getByText(CYCLE)).toHaveCount(0)

  // Vestkysten: the home card and the survey page offer the new cycle.
  await switchTo(page, "cycle.ves@parat.test", "Vera Cyklus")
  const card = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Din AI-parathedsmåling" }) })
  await expect(card).toContainText(`Målerunden ${CYCLE} er åben, og du er ikke startet endnu.`)
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
  await switchTo(page, "cycle.nor@parat.test", "Carl Cyklus")
  await expect(page.getByRole("main")).not.toContainText(CYCLE)
  await page.goto("/survey")
  await expect(page.getByRole("heading", { level: 3, name: "Efterår 2026 / Autumn 2026" })).toBeVisible()
  await expect(page.getByRole("main")).not.toContainText(CYCLE)
  const response = await page.goto(`/survey/${cycleId}/page/1`)
  expect(response?.status()).toBe(404)
  // The 404 is expected here, not a server error.
  expect(errors).toEqual([])
})
