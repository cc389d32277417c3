import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Page } from "@playwright/test"
import { parse } from "yaml"
import { createPerson, DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures"
import { answerDrawnQuiz } from "./quiz"

// Each journey's learner is a person of its own with a submitted spring result of the demo learners' levels (their
// path is built from it), so the journeys can run again on the same database.
// The texts come from the same module files the server reads, so the journey follows the content as written.
type Text = { da: string; en: string }
type ModuleFile = {
  title: Text
  lessons: { slug: string; title: Text }[]
  quiz: {
    questions: {
      id: string
      kind: string
      text: Text
      options: { id: string; text: Text }[]
      correct: string[]
    }[]
  }
}
const coursesDir = resolve(process.env.PARAT_COURSES_DIR ?? "courses")
const readModule = (slug: string): ModuleFile =>
  parse(readFileSync(join(coursesDir, "modules", slug, "module.yaml"), "utf8"))

type Lang = "da" | "en"
const words = {
  da: {
    path: "Min læringssti",
    level1: "Niveau 1: Grundlæggende",
    level2: "Niveau 2: Anvender",
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
    catalogue: "Kursuskatalog",
    add: "Læg på min sti",
    added: "Modulet er lagt på din sti.",
    explanation: "Forklaring:",
    reread: "Læs igen:",
    correctAnswer: "rigtigt svar",
  },
  en: {
    path: "My learning path",
    level1: "Level 1: Foundation",
    level2: "Level 2: Practitioner",
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
    catalogue: "Course catalogue",
    add: "Add to my path",
    added: "The module is on your path now.",
    explanation: "Explanation:",
    reread: "Reread:",
    correctAnswer: "correct answer",
  },
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Logs in and waits for the home page, so the session cookie is set before the next navigation. */
async function logIn(page: Page, email: string) {
  await login(page, email, DEMO_PASSWORD)
  await page.waitForURL((url) => url.pathname === "/")
}

/** Answers the questions the attempt drew, all right or all wrong; returns their ids in shown order. */
const answerQuiz = (page: Page, slug: string, lang: Lang, allRight: boolean) =>
  answerDrawnQuiz(page, readModule(slug).quiz.questions, lang, words[lang], allRight)

/** The module links under one level heading of the path, in order. */
async function modulesAtLevel(page: Page, heading: string) {
  const section = page.getByRole("region", { name: heading })
  return section.getByRole("heading", { level: 3 }).allInnerTexts()
}

async function journey(
  page: Page,
  lang: Lang,
  email: string,
  expected: { level1: string[]; level2: string[] },
  { scan = true } = {},
) {
  const w = words[lang]
  // axe runs as a script inside the page: the journey without JavaScript is scanned in the other journeys
  const expectAccessibleHere = scan ? expectAccessible : async (_page: Page) => {}
  const title = (slug: string) => readModule(slug).title[lang]
  await logIn(page, email)
  await page.goto("/learn")
  await expect(page.getByRole("heading", { level: 1, name: w.path })).toBeVisible()
  await expect(page.getByRole("table")).toBeVisible()
  expect(await modulesAtLevel(page, w.level1)).toEqual(expected.level1.map(title))
  expect(await modulesAtLevel(page, w.level2)).toEqual(expected.level2.map(title))
  const total = expected.level1.length + expected.level2.length
  await expect(page.getByText(w.overview(0, total))).toBeVisible()
  await expectAccessibleHere(page)

  // The first module on the path: start it and read its first lesson.
  const slug = expected.level1[0]!
  const module = readModule(slug)
  // the path's own Foundation step (the same module may also be listed as required for work or on a career role)
  await page
    .getByRole("region", { name: w.level1 })
    .getByRole("link", { name: title(slug) })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: title(slug) })).toBeVisible()
  await expectAccessibleHere(page)
  // Starting opens the first lesson.
  await page.getByRole("button", { name: w.start }).click()
  await expect(page.getByRole("heading", { level: 1, name: module.lessons[0]!.title[lang] })).toBeVisible()
  await expect(page.locator(".markdown-body h2").first()).toBeVisible()
  await expectAccessibleHere(page)
  await page.getByRole("button", { name: w.markRead }).click()
  await expect(page.getByText(w.isRead)).toBeVisible()
  if (module.lessons[1]) {
    await page
      .getByRole("link", {
        name: new RegExp(module.lessons[1].title[lang].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
      })
      .click()
    await expect(page.getByRole("heading", { level: 1, name: module.lessons[1].title[lang] })).toBeVisible()
  }

  // The quiz: fail, read the feedback, retry and pass.
  await page.goto(`/learn/modules/${slug}`)
  await page.getByRole("link", { name: w.takeQuiz }).click()
  await expectAccessibleHere(page)
  const first = await answerQuiz(page, slug, lang, false)
  expect(first).toHaveLength(5)
  await expect(page.getByRole("status").filter({ hasText: w.failed })).toBeVisible()
  // after a fail: what to reread, and neither the right option nor the explanation
  await expect(page.getByText(w.reread).first()).toBeVisible()
  await expect(page.getByText(w.explanation)).toHaveCount(0)
  await expect(page.getByText(w.correctAnswer)).toHaveCount(0)
  for (const q of module.quiz.questions.filter((x) => first.includes(x.id)))
    for (const key of q.correct)
      await expect(
        page.getByText(q.options.find((o) => o.id === key)!.text[lang], { exact: true }),
      ).toHaveCount(0)
  await expectAccessibleHere(page)
  await page.getByRole("link", { name: w.retry }).click()
  // the retry is another draw: none of the questions just answered
  const second = await answerQuiz(page, slug, lang, true)
  expect(second.filter((id) => first.includes(id))).toEqual([])
  await expect(page.getByRole("status").filter({ hasText: w.passed })).toBeVisible()
  await expectAccessibleHere(page)

  // The path shows the module completed and the progress moved.
  await page.goto("/learn")
  const step = page
    .getByRole("region", { name: w.level1 })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title(slug) }) })
  await expect(step.getByText(w.completed, { exact: true })).toBeVisible()
  await expect(page.getByText(w.overview(1, total))).toBeVisible()
  expect(await modulesAtLevel(page, w.level1)).toEqual(expected.level1.map(title))
}

test("the nurse learner follows their path in Danish: reads, fails the quiz, retries, passes", async ({
  page,
  errors,
}) => {
  // A spring result like Lone's: use 0, evaluation 1, data 0 against the nurse targets use 2, evaluation 2, data 1.
  const learner = await createPerson({
    jobFamily: "nurse",
    unit: "NOR-AKM",
    password: DEMO_PASSWORD,
    surveyLevels: { understanding: 1, use: 0, evaluation: 1, ethics_law: 2, data: 0, implementation: 1 },
  })
  await journey(page, "da", learner.email, {
    level1: ["use-foundation", "data-foundation"],
    level2: ["use-practitioner", "evaluation-practitioner"],
  })
  expect(errors).toEqual([])
})

test("the administrative learner follows their path in English, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" })
  const page = await context.newPage()
  // A spring result like Leo's: data 0, use 1, evaluation 0 against the administrative targets data 2, use 2,
  // evaluation 1; the profile is English.
  const learner = await createPerson({
    jobFamily: "administrative",
    unit: "SKO-ADM",
    language: "en",
    password: DEMO_PASSWORD,
    surveyLevels: { understanding: 1, use: 1, evaluation: 0, ethics_law: 1, data: 0, implementation: 2 },
  })
  await journey(
    page,
    "en",
    learner.email,
    {
      level1: ["data-foundation", "evaluation-foundation"],
      level2: ["data-practitioner", "use-practitioner"],
    },
    { scan: false },
  )
  await context.close()
})

test("the employee without a result sees the Foundation path and can add a module from the catalogue", async ({
  page,
  errors,
  signIn,
}) => {
  await signIn({ jobFamily: "nurse" })
  await page.goto("/")
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Min læring" }).click()
  await expect(page.getByText(/Grundlæggende-stien/).first()).toBeVisible()
  await expect(page.getByRole("region", { name: "Niveau 2: Anvender" })).toHaveCount(0)

  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Kursuskatalog" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: words.da.catalogue })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Niveau").selectOption("2")
  await page.getByRole("button", { name: "Vis" }).click()
  const title = readModule("use-practitioner").title.da
  await page
    .getByRole("button", { name: new RegExp(`^${words.da.add}\\s*: ${escapeRegExp(title)}$`) })
    .click()
  await expect(page.getByText(words.da.added)).toBeVisible()
  await page.goto("/learn")
  expect(await modulesAtLevel(page, "Niveau 2: Anvender")).toEqual([title])
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test("a lesson that does not exist is a clear 404 page, not an error", async ({ page, errors, signIn }) => {
  await signIn()
  const response = await page.goto("/learn/modules/use-foundation/lessons/no-such-lesson")
  expect(response?.status()).toBe(404)
  await expect(page.getByRole("heading", { level: 1, name: "Siden findes ikke" })).toBeVisible()
  expect(errors).toEqual([])
})

test("the learner pages in English pass the accessibility scan", async ({ page, errors, signIn }) => {
  // A person of this test's own whose profile is English.
  await signIn({ language: "en" })
  await page.goto("/")
  await expect(page.locator("html")).toHaveAttribute("lang", "en")
  await expect(page.getByRole("link", { name: "Go to your learning path" })).toBeVisible()
  const module = readModule("use-foundation")
  for (const [path, heading] of [
    ["/learn", "My learning path"],
    ["/learn/catalogue", "Course catalogue"],
    ["/learn/modules/use-foundation", module.title.en],
    [`/learn/modules/use-foundation/lessons/${module.lessons[0]!.slug}`, module.lessons[0]!.title.en],
    ["/learn/modules/use-foundation/quiz", `Quiz: ${module.title.en}`],
  ] as const) {
    await page.goto(path)
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible()
    await expectAccessible(page)
  }
  expect(errors).toEqual([])
})
