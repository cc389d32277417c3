import AxeBuilder from "@axe-core/playwright"
import { test as base, expect, type Page } from "@playwright/test"

export const DEMO_PASSWORD = "parat-demo"

/** Logs in through the real form. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, { navigate = true } = {}) {
  if (navigate) await page.goto("/login")
  await page.getByLabel(/^(E-mail|Email)$/).fill(email)
  await page.getByLabel(/^(Adgangskode|Password)$/).fill(password)
  await page.getByRole("button", { name: /^(Log ind|Log in)$/ }).click()
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

/** A page that records every server error and browser console error it sees, so a test can assert none. */
export const test = base.extend<{ errors: string[] }>({
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
