import type { Browser, Page } from "@playwright/test"
import { createPerson, DEMO_PASSWORD, expect, login, type PersonOptions, test } from "./fixtures"

// The main page of every feature, once more across the whole app: without JavaScript (server-rendered, forms that
// post) and by keyboard (skip link, focus moves into the page and stays visible). Read-only: no login's state
// changes here. Each page is opened by a person of the test's own: an employee, a manager of the region, an admin
// (with an authenticator of their own).
const employee: PersonOptions = {}
const PAGES = [
  { who: employee, path: "/survey", heading: "AI-parathed på hospitalet" },
  { who: employee, path: "/learn", heading: "Min læringssti" },
  { who: employee, path: "/wiki", heading: "AI-wiki" },
  { who: employee, path: "/handbook", heading: /Håndbog/ },
  { who: { role: "manager", manages: ["RDEMO"] }, path: "/reports", heading: "Kompetencekort: Region Demo" },
  { who: { role: "admin" }, path: "/admin", heading: "Administration" },
] as const satisfies { who: PersonOptions; path: string; heading: string | RegExp }[]

async function loggedIn(browser: Browser, who: PersonOptions, javaScriptEnabled: boolean) {
  const person = await createPerson({ ...who, password: DEMO_PASSWORD })
  const context = await browser.newContext({ javaScriptEnabled, locale: "da-DK" })
  const page = await context.newPage()
  await login(page, person.email, DEMO_PASSWORD, { totpSecret: person.totpSecret })
  await expect(page.getByRole("heading", { level: 1, name: /^Hej, / })).toBeVisible()
  return { context, page }
}

test("every main page renders on the server and its forms post without JavaScript", async ({ browser }) => {
  for (const { who, path, heading } of PAGES) {
    const { context, page } = await loggedIn(browser, who, false)
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible()
    // Every form is a real HTML form: a method the browser can send without scripts.
    for (const form of await page.locator("main form").all()) {
      expect(["get", "post"], path).toContain((await form.getAttribute("method"))?.toLowerCase() ?? "get")
    }
    await context.close()
  }
})

async function expectFocusVisible(page: Page) {
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    return {
      tag: el.tagName,
      outline: style.outlineStyle,
      width: style.outlineWidth,
      shadow: style.boxShadow,
    }
  })
  expect(outline, "something has the focus").not.toBeNull()
  expect(
    outline!.outline !== "none" && outline!.width !== "0px" ? true : outline!.shadow !== "none",
    `focus on ${outline!.tag} is visible`,
  ).toBe(true)
}

test("every main page can be entered by keyboard: skip link first, then into the content with a visible focus", async ({
  browser,
}) => {
  for (const { who, path, heading } of PAGES) {
    const { context, page } = await loggedIn(browser, who, true)
    await page.goto(path)
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible()
    await page.keyboard.press("Tab")
    await expect(page.getByRole("link", { name: "Spring til indhold" })).toBeFocused()
    await expectFocusVisible(page)
    await page.keyboard.press("Enter")
    await expect(page.locator("main")).toBeFocused()
    // The next Tab lands inside the page's content, not back in the header.
    await page.keyboard.press("Tab")
    expect(
      await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement)),
      path,
    ).toBe(true)
    await expectFocusVisible(page)
    await context.close()
  }
})
