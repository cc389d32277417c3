import type { Page } from "@playwright/test"
import { createPerson, DEMO_PASSWORD, expect, login, test } from "./fixtures"

// WCAG 1.4.10 Reflow: at 320 CSS px nothing may need a sideways scroll.
test.use({ viewport: { width: 320, height: 720 } })

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }))
  expect(widths.page, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(widths.viewport)
}

test("the admin's person and cycle pages reflow at 320 px", async ({ page, signIn }) => {
  await signIn({ role: "admin" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await page.goto("/admin/people?q=learner.one%40parat.test")
  await page.getByRole("link", { name: "Lone Læring" }).click()
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await expectNoSidewaysScroll(page)
  // Each fact's value is on screen, not pushed past the right edge.
  for (const value of await page.locator("dl.facts dd").all()) {
    const box = (await value.boundingBox())!
    expect(box.x + Math.min(box.width, 40)).toBeLessThanOrEqual(320)
  }
  await page.goto("/admin/cycles")
  await page
    .getByRole("link", { name: /Efterår 2026/ })
    .first()
    .click()
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await expectNoSidewaysScroll(page)
})

test("the English catalogue reflows at 320 px", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 320, height: 720 } })
  const page = await context.newPage()
  const learner = await createPerson({ language: "en", jobFamily: "administrative", password: DEMO_PASSWORD })
  await login(page, learner.email, DEMO_PASSWORD)
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await page.goto("/learn/catalogue")
  await expect(page.getByRole("heading", { level: 1, name: "Course catalogue" })).toBeVisible()
  await expectNoSidewaysScroll(page)
  await context.close()
})

test("the reset-password page reflows at 320 px", async ({ page, browser, signIn }) => {
  await signIn({ role: "admin" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  const person = await createPerson({ name: "Reset Narrow" })
  await page.goto(`/admin/people?q=${encodeURIComponent(person.email)}`)
  await page.getByRole("link", { name: "Reset Narrow" }).first().click()
  await page.getByRole("button", { name: "Lav nulstillingslink" }).click()
  const link = (await page.locator(".reset-link").textContent())!.trim()
  const visitor = await browser.newContext({ locale: "en-GB", viewport: { width: 320, height: 720 } })
  const reset = await visitor.newPage()
  await reset.goto(link)
  await expect(reset.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible()
  await expectNoSidewaysScroll(reset)
  await visitor.close()
})
