import type { APIRequestContext } from "@playwright/test"
import { expect, LEARNER_LEVELS, test } from "./fixtures"

/** Fetches every internal page reachable from the start pages (up to a limit) and returns those holding a zero byte. */
async function pagesWithNulBytes(request: APIRequestContext, start: string[], limit: number) {
  const queue = [...start]
  const seen = new Set(queue)
  const offending: string[] = []
  while (queue.length > 0 && seen.size <= limit) {
    const path = queue.shift() as string
    const response = await request.get(path)
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue
    const body = await response.body()
    if (body.includes(0)) offending.push(path)
    for (const [, href] of body.toString("utf8").matchAll(/href="(\/[^"#?]*)"/g)) {
      if (href && !href.startsWith("/assets/") && !/\.(csv|json|svg|ico)$/.test(href) && !seen.has(href)) {
        seen.add(href)
        queue.push(href)
      }
    }
  }
  return { offending, visited: seen.size }
}

test("no public page, in either language, holds a NUL byte (React's streaming renderer bug)", async ({
  playwright,
  baseURL,
}) => {
  for (const lang of ["da", "en"]) {
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: `parat_lang=${lang}` },
    })
    const { offending, visited } = await pagesWithNulBytes(
      request,
      ["/", "/wiki", "/handbook", "/citizen"],
      400,
    )
    expect(visited).toBeGreaterThan(20)
    expect(offending, `pages in ${lang} with a NUL byte`).toEqual([])
    await request.dispose()
  }
})

test("no page an admin or a learner opens holds a NUL byte", async ({ page, signIn }) => {
  for (const who of ["admin", "learner"] as const) {
    await page.context().clearCookies()
    if (who === "admin") {
      await signIn({ role: "admin" })
      await page.goto("/")
    } else {
      // a learner of this test's own, with a survey result and so a path of modules
      await signIn({ surveyLevels: LEARNER_LEVELS })
      await page.goto("/")
    }
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
    const { offending } = await pagesWithNulBytes(
      page.context().request,
      ["/", "/learn", "/admin", "/survey"],
      150,
    )
    expect(offending, `pages for the ${who} with a NUL byte`).toEqual([])
  }
})
