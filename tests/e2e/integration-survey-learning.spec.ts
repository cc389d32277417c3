import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Page } from "@playwright/test"
import { parse } from "yaml"
import { createPerson, DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures"
import { answerDrawnQuiz } from "./quiz"

// Issue 4: a fresh employee answers the whole survey in the browser, and the learning path that follows shows the
// very levels of their result page; then they learn: a lesson, a failed quiz, a passed retry, progress moved.
// Each test makes its own person (a nurse in Danish, a doctor with an English profile), so the journey can run again.
type Text = { da: string; en: string }
type ModuleFile = {
  title: Text
  lessons: { slug: string; title: Text }[]
  quiz: { questions: { id: string; text: Text; options: { id: string; text: Text }[]; correct: string[] }[] }
}
const coursesDir = resolve(process.env.PARAT_COURSES_DIR ?? "courses")
const readModule = (slug: string): ModuleFile =>
  parse(readFileSync(join(coursesDir, "modules", slug, "module.yaml"), "utf8"))

type Lang = "da" | "en"
const words = {
  da: {
    hello: /^Hej, /,
    surveyCard: "Din AI-parathedsmåling",
    learningCard: "Din læringssti",
    startSurvey: "Start målingen",
    page: (n: number) => `Side ${n} af 8`,
    next: "Gem og gå videre",
    toReview: "Gem og se svarene igennem",
    submitSurvey: "Indsend mine svar",
    result: "Dit resultat",
    resultTable: "Din score (0–100) og dit niveau pr. område",
    toLearning: "Gå til din læringssti",
    path: "Min læringssti",
    pathTable: "Dit niveau og målet for din rolle i hver kompetence",
    start: "Start modulet",
    markRead: "Markér som læst",
    isRead: "Du har markeret lektionen som læst.",
    takeQuiz: "Tag quizzen",
    question: "Spørgsmål",
    submit: "Aflever svar",
    failed: /Ikke bestået endnu/,
    passed: /Bestået\. Modulet er gennemført\./,
    retry: "Prøv igen",
    completed: "Gennemført",
    overview: (done: number, total: number) => `Samlet: ${done} af ${total} moduler gennemført.`,
    homeProgress: (done: number, total: number) => `${done} af ${total} moduler gennemført.`,
  },
  en: {
    hello: /^Hello, /,
    surveyCard: "Your AI-readiness survey",
    learningCard: "Your learning path",
    startSurvey: "Start the survey",
    page: (n: number) => `Page ${n} of 8`,
    next: "Save and continue",
    toReview: "Save and review your answers",
    submitSurvey: "Submit my answers",
    result: "Your result",
    resultTable: "Your score (0–100) and level per area",
    toLearning: "Go to your learning path",
    path: "My learning path",
    pathTable: "Your level and the target for your role in each competence",
    start: "Start the module",
    markRead: "Mark as read",
    isRead: "You have marked this lesson as read.",
    takeQuiz: "Take the quiz",
    question: "Question",
    submit: "Submit answers",
    failed: /Not passed yet/,
    passed: /Passed\. The module is completed\./,
    retry: "Try again",
    completed: "Completed",
    overview: (done: number, total: number) => `Overall: ${done} of ${total} modules completed.`,
    homeProgress: (done: number, total: number) => `${done} of ${total} modules completed.`,
  },
}

/** Dimension name -> the level cell's "n – name", read from a table whose row headers are the dimensions. */
async function levelsIn(page: Page, table: string, column: number) {
  const rows = page.getByRole("table", { name: table }).locator("tbody tr")
  await expect(rows).toHaveCount(6)
  const levels: Record<string, string> = {}
  for (const row of await rows.all()) {
    const dimension = ((await row.getByRole("rowheader").textContent()) ?? "").trim()
    const cell = ((await row.getByRole("cell").nth(column).textContent()) ?? "").trim()
    // "2 – Anvender" on the result page, "2 · Anvender" on the path: the same level, set the same way.
    levels[dimension] = cell.replace(/\s*[–·]\s*/, " – ")
  }
  return levels
}

/** Answers the questions the attempt drew, all right or all wrong; returns their ids in shown order. */
const answerQuiz = (page: Page, slug: string, lang: Lang, allRight: boolean) =>
  answerDrawnQuiz(page, readModule(slug).quiz.questions, lang, words[lang], allRight)

/** From the home page through every survey page to the result; returns the result table's levels. */
async function takeSurvey(page: Page, lang: Lang) {
  const w = words[lang]
  const card = page.getByRole("article", { name: w.surveyCard })
  await card.getByRole("link", { name: w.startSurvey }).click()
  await expect(page).toHaveURL(/\/survey$/)
  await page.getByRole("link", { name: w.startSurvey }).click()
  for (let n = 1; n <= 8; n++) {
    await expect(page.getByText(w.page(n))).toBeVisible()
    // The second option everywhere: "disagree", or a knowledge option that is mostly wrong, so the path has
    // modules to take. The last page (AI tools used) is a group of checkboxes.
    const radios = page.locator("fieldset.survey-item--likert, fieldset.survey-item--knowledge")
    for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).getByRole("radio").nth(1).check()
    if (n === 8) await page.getByRole("checkbox").first().check()
    await page.getByRole("button", { name: n === 8 ? w.toReview : w.next }).click()
  }
  await page.getByRole("button", { name: w.submitSurvey }).click()
  await expect(page.getByRole("heading", { level: 1, name: w.result })).toBeVisible()
  return levelsIn(page, w.resultTable, 1)
}

async function journey(page: Page, lang: Lang, email: string, { full }: { full: boolean }) {
  const w = words[lang]
  await login(page, email)
  await expect(page.getByRole("heading", { level: 1, name: w.hello })).toBeVisible()
  const resultLevels = await takeSurvey(page, lang)
  if (full) await expectAccessible(page)

  // The path is built from that result: the same level in every dimension.
  await page.getByRole("link", { name: w.toLearning }).click()
  await expect(page.getByRole("heading", { level: 1, name: w.path })).toBeVisible()
  await expect(page.getByText("Efterår 2026 / Autumn 2026", { exact: false }).first()).toBeVisible()
  expect(await levelsIn(page, w.pathTable, 0)).toEqual(resultLevels)
  const steps = page.locator(".path-steps > li")
  const total = await steps.count()
  expect(total).toBeGreaterThan(0)
  await expect(page.getByText(w.overview(0, total))).toBeVisible()
  if (full) await expectAccessible(page)

  // The first module on the path: start it, read a lesson, fail the quiz, retry and pass.
  const slug = (await steps.first().getByRole("link").getAttribute("href"))!.split("/").pop()!
  const module = readModule(slug)
  await steps.first().getByRole("link").click()
  await expect(page.getByRole("heading", { level: 1, name: module.title[lang] })).toBeVisible()
  await page.getByRole("button", { name: w.start }).click()
  await expect(page.getByRole("heading", { level: 1, name: module.lessons[0]!.title[lang] })).toBeVisible()
  await page.getByRole("button", { name: w.markRead }).click()
  await expect(page.getByText(w.isRead)).toBeVisible()
  await page.goto(`/learn/modules/${slug}`)
  await page.getByRole("link", { name: w.takeQuiz }).click()
  if (full) {
    await answerQuiz(page, slug, lang, false)
    await expect(page.getByRole("status").filter({ hasText: w.failed })).toBeVisible()
    await page.getByRole("link", { name: w.retry }).click()
  }
  await answerQuiz(page, slug, lang, true)
  await expect(page.getByRole("status").filter({ hasText: w.passed })).toBeVisible()

  // Completed on the path, and the progress moved there and on the home page.
  await page.goto("/learn")
  const step = page
    .locator(".path-steps > li")
    .filter({ has: page.getByRole("link", { name: module.title[lang] }) })
  await expect(step.getByText(w.completed, { exact: true })).toBeVisible()
  await expect(page.getByText(w.overview(1, total))).toBeVisible()
  await page.goto("/")
  await expect(page.getByRole("article", { name: w.learningCard })).toContainText(w.homeProgress(1, total))
}

test("a fresh employee takes the survey in Danish, gets a path with the result's levels and completes a module", async ({
  page,
  errors,
}) => {
  // The whole survey, an accessibility scan of each step and a module with a failed and a passed quiz.
  test.slow()
  const nurse = await createPerson({ jobFamily: "nurse", unit: "SKO-PAE", password: DEMO_PASSWORD })
  await journey(page, "da", nurse.email, { full: true })
  expect(errors).toEqual([])
})

test("the same journey in English, shorter: survey, path with the same levels, a module passed", async ({
  browser,
}) => {
  // The doctor's profile language is English: the pages follow it although the browser asks for Danish.
  const doctor = await createPerson({
    jobFamily: "doctor",
    unit: "SKO-INT",
    language: "en",
    password: DEMO_PASSWORD,
  })
  const context = await browser.newContext({ locale: "da-DK" })
  const page = await context.newPage()
  await journey(page, "en", doctor.email, { full: false })
  await context.close()
})
