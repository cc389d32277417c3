import { expect, expectAccessible, test } from "./fixtures"

// Issue 17 (WCAG 3.1.2): a link in lesson text to a source in the other language says so, as the module's source
// list does: hreflang names the target's language, and lang marks the link text when it is the source's title.
const LESSON = "/learn/modules/data-advanced/lessons/building-a-dataset-and-a-secure-environment"
const TITLE = "Good Machine Learning Practice for Medical Device Development: Guiding Principles"

test("an English source linked by its title from a Danish lesson is marked as English", async ({
  page,
  signIn,
}) => {
  await signIn()
  await page.goto(LESSON)
  await expect(page.locator("html")).toHaveAttribute("lang", "da")
  const link = page.locator(".markdown-body").getByRole("link", { name: TITLE })
  await expect(link).toHaveAttribute("lang", "en")
  await expect(link).toHaveAttribute("hreflang", "en")
  // The same page's links to Danish pages of Parat carry no language of their own.
  await expect(page.locator(".markdown-body").getByRole("link", { name: "cloud" })).not.toHaveAttribute(
    "lang",
  )
  // The module's source list marks the same source the same way.
  await page.goto("/learn/modules/data-advanced")
  await expect(page.getByRole("listitem").filter({ hasText: TITLE })).toHaveAttribute("lang", "en")
  await expectAccessible(page)
})
