import { expect, test } from "./fixtures"

// Issue 17: adding a module from a filtered catalogue keeps the filters, and an added module is "added, not
// started" until a lesson in it is read. Without JavaScript, so the plain forms are what is tested (and so
// without an axe scan, which needs scripts; the catalogue is not a new page).
test.use({ javaScriptEnabled: false })

test("adding a module from a filtered catalogue keeps the filters and does not mark it in progress", async ({
  page,
  signIn,
  errors,
}) => {
  await signIn()
  await page.goto("/learn/catalogue")
  await page.getByLabel("Kompetence").selectOption({ label: "Data og infrastruktur" })
  await page.getByLabel("Niveau").selectOption({ label: "4 · Ekspert og leder" })
  await page.getByRole("button", { name: "Vis" }).click()
  await expect(page).toHaveURL(/dimension=data&level=4/)

  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: /^Læg på min sti/ }) })
    .first()
  const title = (await card.getByRole("heading", { level: 3 }).textContent())!.trim()
  await card.getByRole("button", { name: /^Læg på min sti/ }).click()

  await expect(page.getByRole("status").filter({ hasText: "Modulet er lagt på din sti." })).toBeVisible()
  const url = new URL(page.url())
  expect(url.pathname).toBe("/learn/catalogue")
  expect(url.searchParams.get("dimension")).toBe("data")
  expect(url.searchParams.get("level")).toBe("4")
  await expect(page.getByLabel("Kompetence")).toHaveValue("data")
  await expect(page.getByLabel("Niveau")).toHaveValue("4")

  const added = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) })
  await expect(added.getByText("På din sti, ikke startet")).toBeVisible()
  await expect(added.getByText(/i gang/i)).toHaveCount(0)

  await page.goto("/learn")
  const step = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) })
  await expect(step.getByText("Lagt på stien, ikke startet")).toBeVisible()
  await expect(step.getByText("I gang", { exact: true })).toHaveCount(0)

  // Reading a lesson is what starts it.
  await step.getByRole("link", { name: title }).click()
  await expect(page.getByText("Modulet er på din sti. Du er ikke startet endnu.")).toBeVisible()
  await page.locator(".lesson-list").getByRole("link").first().click()
  await page.getByRole("button", { name: "Markér som læst" }).click()
  await page.goto("/learn")
  await expect(step.getByText("I gang", { exact: true })).toBeVisible()
  expect(errors).toEqual([])
})

test("a module started from its page is not in progress until a lesson is read, on the module page as on the path", async ({
  page,
  signIn,
  errors,
}) => {
  await signIn()
  await page.goto("/learn/catalogue")
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: /^Læg på min sti/ }) })
    .first()
  const title = (await card.getByRole("heading", { level: 3 }).textContent())!.trim()
  await card.getByRole("link", { name: title }).click()
  const moduleUrl = page.url()

  // Starting opens the first lesson; coming back without reading it, the module is still not started.
  await page.getByRole("button", { name: "Start modulet" }).click()
  await expect(page.getByRole("button", { name: "Markér som læst" })).toBeVisible()
  await page.goto(moduleUrl)
  await expect(page.getByText("Du er ikke startet på modulet endnu.")).toBeVisible()
  await expect(page.getByText(/i gang/i)).toHaveCount(0)

  // A started module is on the path, and the path says the same.
  await page.goto("/learn")
  const step = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) })
  await expect(step.getByText("Ikke startet", { exact: true })).toBeVisible()

  // Reading a lesson starts it, in both places.
  await page.goto(moduleUrl)
  await page.locator(".lesson-list").getByRole("link").first().click()
  await page.getByRole("button", { name: "Markér som læst" }).click()
  await page.goto(moduleUrl)
  await expect(page.getByText("Du er i gang med modulet.")).toBeVisible()
  await expect(page.getByRole("button", { name: "Start modulet" })).toHaveCount(0)
  await page.goto("/learn")
  await expect(step.getByText("I gang", { exact: true })).toBeVisible()
  expect(errors).toEqual([])
})
