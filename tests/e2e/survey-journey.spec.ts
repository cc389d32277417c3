import { readFileSync } from "node:fs"
import type { Page } from "@playwright/test"
import { createPerson, DEMO_PASSWORD, expect, expectAccessible, hydrated, login, test } from "./fixtures"

/** A nurse of this test's own in the emergency unit, which the demo's open cycle covers; logs in with a password. */
async function newRespondent() {
  return (await createPerson({ jobFamily: "nurse", password: DEMO_PASSWORD })).email
}

/** Logs in and waits for the home page, so the next navigation carries the session. */
async function loginAs(page: Page, email: string) {
  await login(page, email, DEMO_PASSWORD)
  await expect(page.getByRole("heading", { level: 1, name: /^(Hej|Hello), / })).toBeVisible()
}

/**
 * Answers every radio group on the page with its last option ("Helt enig" / "Ved ikke"), except `skip` of them;
 * on the tools page (checkboxes, nothing required) it ticks the first tool.
 */
async function answerPage(page: Page, { skip = 0 } = {}) {
  const groups = page.locator("fieldset.survey-item")
  await expect(groups.first()).toBeVisible()
  const tools = page.locator("fieldset.survey-item--tools")
  if ((await tools.count()) > 0) {
    await tools.getByRole("checkbox").first().check()
    return
  }
  const n = await groups.count()
  expect(n).toBeGreaterThanOrEqual(5)
  for (let i = 0; i < n - skip; i++) await groups.nth(i).getByRole("radio").last().check()
}

test("an employee takes the survey in Danish, leaves half-way, resumes, submits and sees the result", async ({
  page,
  browser,
  errors,
}) => {
  // Sixteen survey pages and four accessibility scans, one of them over the review page's every answer.
  test.slow()
  const email = await newRespondent()
  await loginAs(page, email)
  const card = page.getByRole("article", { name: "Din AI-parathedsmåling" })
  await expect(card).toContainText("er åben, og du er ikke startet endnu")
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Måling" }).click()

  await expect(page.getByRole("heading", { level: 1, name: "AI-parathed på hospitalet" })).toBeVisible()
  await expect(page.getByText("Kun du ser dine svar og dit resultat.")).toBeVisible()
  await expect(page.getByText(/grupper på mindst 5 personer/)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Start målingen" }).click()

  // Page 1 by keyboard only: Space checks the focused radio, Tab moves to the next group.
  await expect(page.getByText("Side 1 af 8")).toBeVisible()
  await expect(page.getByRole("heading", { level: 1, name: "Forståelse af AI" })).toBeVisible()
  await expectAccessible(page)
  const groups = await page.locator("fieldset.survey-item").count()
  await page.getByRole("radio").first().focus()
  await page.keyboard.press("ArrowRight") // moves and checks within the group: its second option
  for (let i = 1; i < groups; i++) {
    await page.keyboard.press("Tab")
    await page.keyboard.press("Space")
  }
  await page.keyboard.press("Tab")
  await expect(page.getByRole("button", { name: "Gem og gå videre" })).toBeFocused()
  await page.keyboard.press("Enter")

  await expect(page.getByText("Side 2 af 8")).toBeVisible()
  await answerPage(page)
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page.getByText("Side 3 af 8")).toBeVisible()

  // The browser is closed half-way; a new one resumes on page 3 with the earlier answers kept.
  await page.context().close()
  const context = await browser.newContext()
  const again = await context.newPage()
  await loginAs(again, email)
  await expect(again.getByRole("article", { name: "Din AI-parathedsmåling" })).toContainText(
    "Dine svar er gemt som kladde",
  )
  await again.goto("/survey")
  await expect(again.getByText("I gang")).toBeVisible()
  await again.getByRole("link", { name: "Fortsæt, hvor du slap" }).click()
  await expect(again.getByText("Side 3 af 8")).toBeVisible()
  await again.getByRole("button", { name: "Gem og gå tilbage" }).click()
  await again.getByRole("button", { name: "Gem og gå tilbage" }).click()
  await expect(again.getByText("Side 1 af 8")).toBeVisible()
  await expect(
    // the same option in the same place: the form and its option order are stable on resume
    again.locator("fieldset.survey-item").first().getByRole("radio").nth(1),
  ).toBeChecked()
  await again.getByRole("button", { name: "Gem og gå videre" }).click()
  await again.getByRole("button", { name: "Gem og gå videre" }).click()

  for (let n = 3; n <= 8; n++) {
    await expect(again.getByText(`Side ${n} af 8`)).toBeVisible()
    await answerPage(again)
    await again
      .getByRole("button", { name: n === 8 ? "Gem og se svarene igennem" : "Gem og gå videre" })
      .click()
  }
  await expect(again.getByRole("heading", { level: 1, name: "Se dine svar igennem" })).toBeVisible()
  await expect(again.getByRole("table", { name: "Besvarede spørgsmål pr. område" })).toBeVisible()
  await expectAccessible(again)
  await again.getByRole("button", { name: "Indsend mine svar" }).click()

  await expect(again.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeVisible()
  const table = again.getByRole("table", { name: "Din score (0–100) og dit niveau pr. område" })
  await expect(table.getByRole("rowheader")).toHaveCount(6)
  await expect(table.getByRole("row", { name: /Forståelse af AI/ })).toBeVisible()
  // mostly "Ved ikke" scores 0, so most bars have no height; the chart itself is drawn
  await expect(again.getByRole("img", { name: /Søjlediagram over din score/ })).toBeVisible()
  await expect(again.getByRole("link", { name: "Gå til din læringssti" })).toHaveAttribute("href", "/learn")
  await expectAccessible(again)

  // Submitted: the home card says so, and the pages lead to the result.
  await again.goto("/")
  await expect(again.getByRole("article", { name: "Din AI-parathedsmåling" })).toContainText(
    "Du har indsendt",
  )
  await again.getByRole("link", { name: "Se dit resultat" }).click()
  await expect(again.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeVisible()
  expect(errors).toEqual([])
  await context.close()
})

test("an employee takes the survey in English on a phone-width screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: "en-GB" })
  const page = await context.newPage()
  await loginAs(page, await newRespondent())
  await page.getByRole("button", { name: "English" }).click()
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible()
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Survey" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "AI readiness at the hospital" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Start the survey" }).click()
  for (let n = 1; n <= 8; n++) {
    await expect(page.getByText(`Page ${n} of 8`)).toBeVisible()
    // Nothing wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    if (n === 2) await expectAccessible(page)
    await answerPage(page)
    await page
      .getByRole("button", { name: n === 8 ? "Save and review your answers" : "Save and continue" })
      .click()
  }
  await expect(page.getByRole("heading", { level: 1, name: "Review your answers" })).toBeVisible()
  await page.getByRole("button", { name: "Submit my answers" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Your result" })).toBeVisible()
  const table = page.getByRole("table", { name: "Your score (0–100) and level per area" })
  await expect(table.getByRole("row", { name: /Understanding AI/ })).toBeVisible()
  await expect(table.getByRole("columnheader", { name: "What it means" })).toBeVisible()
  // "Don't know" everywhere scores 0, so the bars have no height; the chart itself is drawn
  await expect(page.getByRole("img", { name: /Bar chart of your score/ })).toBeVisible()
  await expectAccessible(page)

  const download = page.waitForEvent("download")
  await page.getByRole("link", { name: "Download as CSV (spreadsheet)" }).click()
  expect((await download).suggestedFilename()).toMatch(/^parat-survey-\d+\.csv$/)
  const csv = readFileSync((await (await download).path())!, "utf8")
  expect(csv.split("\r\n")[0]).toBe(
    "\uFEFFType;Area;Item id;Question;Value;Answer text;Score;Level;Own rating",
  )
  expect(csv).toContain("Answer;Understanding AI;")
  expect(csv).not.toMatch(/;understanding;/)
  await context.close()
})

test("the whole journey works with JavaScript disabled, including a missing answer and a deleted draft", async ({
  browser,
}) => {
  // axe runs as a script inside the page, which this context forbids: the same pages and states are scanned
  // in the journeys with JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await loginAs(page, await newRespondent())
  await page.goto("/survey")
  await page.getByRole("link", { name: "Start målingen" }).click()
  await answerPage(page)
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page.getByText("Side 2 af 8")).toBeVisible()

  // Delete the draft and start again.
  await page.goto("/survey")
  await page.getByRole("button", { name: "Slet din kladde" }).click()
  await expect(page.getByRole("status")).toHaveText("Din kladde er slettet.")
  await expect(page.getByText("Ikke startet")).toBeVisible()
  await page.getByRole("link", { name: "Start målingen" }).click()

  for (let n = 1; n <= 8; n++) {
    await expect(page.getByText(`Side ${n} af 8`)).toBeVisible()
    await answerPage(page, { skip: n === 7 ? 1 : 0 })
    await page
      .getByRole("button", { name: n === 8 ? "Gem og se svarene igennem" : "Gem og gå videre" })
      .click()
  }
  await expect(page.getByRole("heading", { level: 2, name: "Mangler svar" })).toBeVisible()
  await page.getByRole("button", { name: "Indsend mine svar" }).click()
  await expect(page.getByRole("alert")).toHaveText(/Der mangler svar på 1 spørgsmål/)
  await page.getByRole("link", { name: /^Side 7:/ }).click()
  await answerPage(page)
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await page.getByRole("button", { name: "Gem og se svarene igennem" }).click()
  await expect(page.getByRole("heading", { level: 2, name: "Mangler svar" })).toHaveCount(0)
  await page.getByRole("button", { name: "Indsend mine svar" }).click()

  await expect(page.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeVisible()
  await expect(
    page.getByRole("table", { name: "Din score (0–100) og dit niveau pr. område" }).getByRole("rowheader"),
  ).toHaveCount(6)
  // The chart is drawn on the server as SVG: it is there without JavaScript, with a bar per area.
  const chart = page.getByRole("img", { name: /søjlediagram|Bar chart/i })
  await expect(chart).toBeVisible()
  await expect(chart.locator("rect[fill='#0b4f6c']")).toHaveCount(6)
  await context.close()
})

test("a forged answer gets a translated message and the saved draft stays", async ({ page }) => {
  await loginAs(page, await newRespondent())
  await page.goto("/survey")
  await page.getByRole("link", { name: "Start målingen" }).click()
  await answerPage(page)
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page.getByText("Side 2 af 8")).toBeVisible()
  await page.goto("/survey")
  const url = await page.getByRole("link", { name: "Fortsæt, hvor du slap" }).getAttribute("href")
  const cycleId = /\/survey\/(\d+)\//.exec(url!)![1]
  await page.goto(`/survey/${cycleId}/page/1`)
  // Hydration writes each radio's value attribute again, so the page is tampered with only after it.
  await hydrated(page)
  // A tampered form: an out-of-range value for the first statement.
  await page
    .locator('input[name="understanding.s1"]')
    .first()
    .evaluate((input: HTMLInputElement) => {
      input.value = "9"
      input.checked = true
    })
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page.getByRole("alert")).toContainText("Svarene blev ikke gemt")
  await expect(page.getByRole("alert")).toContainText("dine tidligere gemte svar er uændrede")
  await expectAccessible(page)
  await page.reload()
  await expect(
    page.locator("fieldset.survey-item--likert").first().getByRole("radio", { name: "Helt enig" }),
  ).toBeChecked()

  await page.goto("/survey")
  await page.getByRole("button", { name: "Slet din kladde" }).click()
  await expect(page.getByRole("status")).toHaveText("Din kladde er slettet.")
  await expectAccessible(page)
})
