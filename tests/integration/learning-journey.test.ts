import { and, count, eq } from "drizzle-orm"
import { afterAll, beforeEach, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import type { Dimension, Level } from "~/domain/content-schema"
import { scoreResponse } from "~/domain/scoring"
import { loader as pathLoader } from "~/routes/learn._index"
import { action as catalogueAction, loader as catalogueLoader } from "~/routes/learn.catalogue"
import { action as moduleAction, loader as moduleLoader } from "~/routes/learn.modules.$slug._index"
import { action as lessonAction, loader as lessonLoader } from "~/routes/learn.modules.$slug.lessons.$lesson"
import { action as quizAction, loader as quizLoader } from "~/routes/learn.modules.$slug.quiz"
import { getContent } from "~/services/content-loader.server"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getQuizPage, markLessonRead, startModule, submitQuiz } from "~/services/learning.server"
import { recordResult } from "~/services/results.server"
import type { Db } from "../../db/client"
import { cycles, enrolments, lessonProgress, people, quizAttempts, responses } from "../../db/schema"
import { answersForLevels } from "../../scripts/seed/learners"
import {
  fixtureAnswers,
  fixtureKey,
  makeFullCoursesDir,
  TWO_DIMENSION_MODULES,
  useCoursesDir,
} from "../fixtures/learning-content"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cookie: string
let otherCookie: string
let personId: number
const courses = makeFullCoursesDir(TWO_DIMENSION_MODULES)
afterAll(() => courses.cleanup())
beforeEach(async () => {
  db = testDb()
  useCoursesDir(courses.root, db)
  cookie = await loginCookie("employee@parat.test")
  otherCookie = await loginCookie("manager@parat.test")
  personId = db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.email, "employee@parat.test"))
    .get()!.id
})

/** Runs a loader or action and gives back what it returned or threw (redirects and errors are thrown). */
async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
const get = (path: string, c = cookie) => makeRequest(path, { cookie: `${c}; parat_lang=en` })
const post = (path: string, form: Record<string, string>, c = cookie) =>
  makeRequest(path, { cookie: `${c}; parat_lang=en`, form })
const ctx = { context: {} }

let cycleCounter = 0
/**
 * A submitted survey result with exactly these levels (others at 4), as the survey's submit would write it.
 * Returns the name of the (closed) cycle it belongs to.
 */
function giveResult(levels: Partial<Record<Dimension, Level>>, submittedAt: Date) {
  const instrument = getContent().instrument
  const hash = ensureInstrumentVersion(db, instrument)
  const all = Object.fromEntries(instrument.dimensions.map((d) => [d.key, levels[d.key] ?? 4])) as Record<
    Dimension,
    Level
  >
  const answers = answersForLevels(instrument, all)
  cycleCounter++
  const cycle = db
    .insert(cycles)
    .values({
      name: `Test ${cycleCounter}`,
      instrumentHash: hash,
      status: "closed",
      opensOn: danishDay(submittedAt),
      closesOn: danishDay(submittedAt),
    })
    .returning()
    .get()
  const response = db
    .insert(responses)
    .values({
      cycleId: cycle.id,
      personId,
      status: "submitted",
      answers,
      updatedAt: submittedAt,
      submittedAt,
    })
    .returning()
    .get()
  recordResult(db, {
    responseId: response.id,
    cycleId: cycle.id,
    personId,
    unitId: db.select().from(people).where(eq(people.id, personId)).get()!.unitId,
    jobFamily: "nurse",
    submittedAt,
    scored: scoreResponse(instrument, answers),
  })
  return cycle.name
}

const learner = () => ({ id: personId, jobFamily: "nurse" as const })
/** The learner starts use-foundation by reading its first lesson. */
const startFoundation = () => {
  startModule(learner(), "use-foundation", db)
  markLessonRead(learner(), "use-foundation", "first", db)
}
/** The question ids drawn for the learner's next attempt at use-foundation (drawing them if needed). */
const drawnIds = () => getQuizPage(learner(), "use-foundation", "en", null, db)!.questions.map((q) => q.id)
/** The learner fails use-foundation's quiz once (attempt 0). */
const failFoundation = () => {
  startFoundation()
  const answers = fixtureAnswers(drawnIds(), false)
  expect(submitQuiz(learner(), "use-foundation", answers, 0, db)).toMatchObject({ isPassed: false })
}
/** The learner passes use-foundation's quiz at the first attempt. */
const passFoundation = () => {
  startFoundation()
  const answers = fixtureAnswers(drawnIds(), true)
  expect(submitQuiz(learner(), "use-foundation", answers, 0, db)).toMatchObject({ isPassed: true })
}
type PathData = Awaited<ReturnType<typeof pathLoader>>
const pathSlugs = (data: PathData) => data.path.groups.flatMap((g) => g.steps.map((s) => s.slug))
const attempts = () =>
  db.select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.personId, personId)).get()!.n

test("every learner page sends a visitor who is not logged in to the login page", async () => {
  const visits = [
    () => pathLoader({ request: makeRequest("/learn"), params: {}, ...ctx }),
    () => catalogueLoader({ request: makeRequest("/learn/catalogue"), params: {}, ...ctx }),
    () =>
      moduleLoader({
        request: makeRequest("/learn/modules/use-foundation"),
        params: { slug: "use-foundation" },
        ...ctx,
      }),
  ]
  for (const visit of visits) {
    const response = await run<unknown>(visit)
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/)
  }
})

test("with no result the learner gets the Foundation path for their job family", async () => {
  const data = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(data.path.basis).toBe("foundation")
  expect(pathSlugs(data)).toEqual(["use-foundation", "data-foundation"])
  // minutes are computed: each fixture module has a few words of lessons and a quiz drawing 5 questions (5 minutes)
  expect(data.path.totals).toEqual({ modules: 2, completed: 0, remaining: 2, minutesLeft: 10 })
})

test("a submitted result turns the path into the modules between the assessed levels and the nurse targets", async () => {
  // Nurse targets: use 2, data 1. Use at 0 -> use levels 1-2; data at 0 -> data level 1.
  const cycleName = giveResult({ use: 0, data: 0 }, new Date("2026-03-10T10:00:00Z"))
  const data = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(data.path.basis).toBe("assessed")
  expect(data.path.result?.cycleName).toBe(cycleName)
  expect(pathSlugs(data)).toEqual(["use-foundation", "data-foundation", "use-practitioner"])
  expect(data.path.groups.map((g) => g.level)).toEqual([1, 2])
  expect(data.path.dimensions.slice(0, 2)).toEqual([
    { dimension: "use", level: 0, target: 2, gap: 2 },
    { dimension: "data", level: 0, target: 1, gap: 1 },
  ])
})

test("a lesson renders its Markdown, with previous and next", async () => {
  const data = await lessonLoader({
    request: get("/learn/modules/use-foundation/lessons/second"),
    params: { slug: "use-foundation", lesson: "second" },
    ...ctx,
  })
  expect(data.page.html).toContain("<h2>second en</h2>")
  expect(data.page.previous?.slug).toBe("first")
  expect(data.page.next).toBeNull()
  expect(data.page.isRead).toBe(false)
})

test("a lesson slug that does not exist is a 404, and marking it read changes nothing", async () => {
  const params = { slug: "use-foundation", lesson: "no-such-lesson" }
  const viewed = await run(() =>
    lessonLoader({ request: get("/learn/modules/use-foundation/lessons/x"), params, ...ctx }),
  )
  expect((viewed as Response).status).toBe(404)
  const posted = await run(() =>
    lessonAction({
      request: post("/learn/modules/use-foundation/lessons/x", { intent: "read" }),
      params,
      ...ctx,
    }),
  )
  expect((posted as Response).status).toBe(404)
  const odd = await run(() =>
    lessonLoader({ request: get("/learn/modules/x"), params: { slug: "../etc", lesson: "passwd" }, ...ctx }),
  )
  expect((odd as Response).status).toBe(404)
  expect(db.select().from(lessonProgress).all()).toEqual([])
})

test("answering a quiz for a module not started is refused with a clear message, and nothing is stored", async () => {
  const response = asResponse(
    await quizAction({
      request: post("/learn/modules/use-foundation/quiz", {
        intent: "submit",
        attemptNumber: "0",
        "q.q1": "b",
      }),
      params: { slug: "use-foundation" },
      ...ctx,
    }),
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ formError: "errors.notStarted" })
  expect(attempts()).toBe(0)
})

test("marking a lesson read starts the module and shows on the module page and the path", async () => {
  const response = await run(() =>
    lessonAction({
      request: post("/learn/modules/use-foundation/lessons/first", { intent: "read" }),
      params: { slug: "use-foundation", lesson: "first" },
      ...ctx,
    }),
  )
  expect((response as Response).status).toBe(302)
  // marking twice is harmless
  await run(() =>
    lessonAction({
      request: post("/learn/modules/use-foundation/lessons/first", { intent: "read" }),
      params: { slug: "use-foundation", lesson: "first" },
      ...ctx,
    }),
  )
  const module = await moduleLoader({
    request: get("/learn/modules/use-foundation"),
    params: { slug: "use-foundation" },
    ...ctx,
  })
  expect(module.module.isStarted).toBe(true)
  expect(module.module.lessons.map((l) => l.isRead)).toEqual([true, false])
  const path = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(path.path.groups[0]!.steps[0]).toMatchObject({
    slug: "use-foundation",
    status: "in_progress",
    lessonsRead: 1,
  })
})

test("forged question or option ids, answers to questions not drawn and an unknown intent are refused; nothing is stored", async () => {
  startFoundation()
  const params = { slug: "use-foundation" }
  const drawn = drawnIds()
  const single = drawn.find((id) => id !== "q2")!
  const notDrawn = ["q1", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"].find((id) => !drawn.includes(id))!
  const forms: Record<string, string>[] = [
    { intent: "submit", attemptNumber: "0", [`q.${single}`]: fixtureKey(single)[0]!, [`q.${notDrawn}`]: "a" },
    { intent: "submit", attemptNumber: "0", [`q.${single}`]: "z" },
    { intent: "submit", attemptNumber: "0", [`q.${single}`]: "a", [`q.${single} `]: "b" },
    { intent: "submit", attemptNumber: "0", "q.q99": "a" },
    { intent: "delete", attemptNumber: "0" },
    { intent: "submit", attemptNumber: "-1" },
  ]
  for (const form of forms) {
    const response = asResponse(
      await quizAction({
        request: post("/learn/modules/use-foundation/quiz", form),
        params,
        ...ctx,
      }),
    )
    expect(response.status, JSON.stringify(form)).toBe(400)
  }
  const twoOnSingle = new URLSearchParams([
    ["intent", "submit"],
    ["attemptNumber", "0"],
    [`q.${single}`, "a"],
    [`q.${single}`, "b"],
  ])
  const response = asResponse(
    await quizAction({
      request: makeRequest("/learn/modules/use-foundation/quiz", {
        method: "POST",
        body: twoOnSingle,
        cookie,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
      }),
      params,
      ...ctx,
    }),
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ formError: "errors.forged" })
  expect(attempts()).toBe(0)
})

test("a failed quiz points to the lesson to reread, never to the right option; the retry draws other questions", async () => {
  startFoundation()
  const params = { slug: "use-foundation" }
  const form = await quizLoader({ request: get("/learn/modules/use-foundation/quiz"), params, ...ctx })
  expect(form.quiz.attemptNumber).toBe(0)
  const first = form.quiz.questions.map((q) => q.id)
  expect(first).toHaveLength(5)
  expect(new Set(first).size).toBe(5)
  // the form never carries the right answers
  expect(JSON.stringify(form)).not.toContain("correct")
  expect(JSON.stringify(form)).not.toContain("is right")
  // reloading shows the same questions with the options in the same order
  const again = await quizLoader({ request: get("/learn/modules/use-foundation/quiz"), params, ...ctx })
  expect(again.quiz.questions).toEqual(form.quiz.questions)

  const wrong = fixtureAnswers(first, false)
  const response = (await run(() =>
    quizAction({
      request: post("/learn/modules/use-foundation/quiz", {
        intent: "submit",
        attemptNumber: "0",
        ...Object.fromEntries(Object.entries(wrong).map(([id, [option]]) => [`q.${id}`, option!])),
      }),
      params,
      ...ctx,
    }),
  )) as Response
  expect(response.status).toBe(302)
  const location = response.headers.get("Location")!
  expect(location).toMatch(/^\/learn\/modules\/use-foundation\/quiz\?attempt=\d+$/)

  const review = await quizLoader({ request: get(location), params, ...ctx })
  expect(review.quiz.review).toMatchObject({ score: 0, isPassed: false })
  expect(review.quiz.review?.questions).toEqual(
    first.map((id) => ({
      id,
      chosen: wrong[id],
      correct: [],
      isCorrect: false,
      explanation: null,
      reread: { lessonSlug: "first", lessonTitle: "Lesson first (en)", section: "First section" },
    })),
  )
  // neither the key nor the explanations (which name it) reach the page after a fail
  expect(JSON.stringify(review)).not.toContain("is right")
  const enrolment = db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.personId, personId), eq(enrolments.moduleSlug, "use-foundation")))
    .get()
  expect(enrolment?.completedAt).toBeNull()

  // the retry: five other questions from the pool of ten
  const retry = await quizLoader({ request: get("/learn/modules/use-foundation/quiz"), params, ...ctx })
  expect(retry.quiz.attemptNumber).toBe(1)
  const second = retry.quiz.questions.map((q) => q.id)
  expect(second).toHaveLength(5)
  expect(second.filter((id) => first.includes(id))).toEqual([])
  // an answer to a question of the first draw is refused for the retry
  const stale = asResponse(
    await quizAction({
      request: post("/learn/modules/use-foundation/quiz", {
        intent: "submit",
        attemptNumber: "1",
        [`q.${first[0]}`]: fixtureKey(first[0]!)[0]!,
      }),
      params,
      ...ctx,
    }),
  )
  expect(stale.status).toBe(400)
})

test("a double submit of the same form shows the first result and stores nothing more", async () => {
  failFoundation()
  const before = attempts()
  const response = (await run(() =>
    quizAction({
      request: post("/learn/modules/use-foundation/quiz", {
        intent: "submit",
        attemptNumber: "0",
        "q.q1": "b",
      }),
      params: { slug: "use-foundation" },
      ...ctx,
    }),
  )) as Response
  expect(response.status).toBe(302)
  expect(response.headers.get("Location")).toMatch(/\?attempt=\d+&notice=alreadySubmitted$/)
  expect(attempts()).toBe(before)
})

test("someone else's attempt is not found", async () => {
  failFoundation()
  const mine = db.select().from(quizAttempts).where(eq(quizAttempts.personId, personId)).get()!
  const response = await run(() =>
    quizLoader({
      request: get(`/learn/modules/use-foundation/quiz?attempt=${mine.id}`, otherCookie),
      params: { slug: "use-foundation" },
      ...ctx,
    }),
  )
  expect((response as Response).status).toBe(404)
  const bad = await run(() =>
    quizLoader({
      request: get("/learn/modules/use-foundation/quiz?attempt=abc"),
      params: { slug: "use-foundation" },
      ...ctx,
    }),
  )
  expect((bad as Response).status).toBe(400)
})

test("a retry that passes completes the module and the path's progress moves", async () => {
  giveResult({ use: 0, data: 0 }, new Date("2026-03-10T10:00:00Z"))
  failFoundation()
  const params = { slug: "use-foundation" }
  const form = await quizLoader({ request: get("/learn/modules/use-foundation/quiz"), params, ...ctx })
  expect(form.quiz.attemptNumber).toBe(1)
  const right = fixtureAnswers(
    form.quiz.questions.map((q) => q.id),
    true,
  )
  const body = new URLSearchParams([
    ["intent", "submit"],
    ["attemptNumber", "1"],
    ...Object.entries(right).flatMap(([id, options]) => options.map((o) => [`q.${id}`, o])),
  ])
  const response = (await run(() =>
    quizAction({
      request: makeRequest("/learn/modules/use-foundation/quiz", {
        method: "POST",
        body,
        cookie,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
      }),
      params,
      ...ctx,
    }),
  )) as Response
  const review = await quizLoader({ request: get(response.headers.get("Location")!), params, ...ctx })
  expect(review.quiz.review).toMatchObject({ score: 1, isPassed: true })
  // after a pass the right options and the explanations are shown
  expect(review.quiz.review?.questions?.[0]).toMatchObject({
    isCorrect: true,
    explanation: expect.stringContaining("is right"),
  })
  const path = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(path.path.groups[0]!.steps[0]).toMatchObject({ slug: "use-foundation", status: "completed" })
  expect(path.path.totals).toMatchObject({ modules: 3, completed: 1, remaining: 2 })
})

test("a new survey result rebuilds the path and keeps the completed module", async () => {
  giveResult({ use: 0, data: 0 }, new Date("2026-03-10T10:00:00Z"))
  passFoundation()
  // Now use is at 1 and data at 1: only use-practitioner is still needed.
  const cycleName = giveResult({ use: 1, data: 1 }, new Date("2026-09-10T10:00:00Z"))
  const data = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(data.path.result?.cycleName).toBe(cycleName)
  // the completed prerequisite stays ahead of its dependant
  expect(pathSlugs(data)).toEqual(["use-foundation", "use-practitioner"])
  expect(data.path.groups.flatMap((g) => g.steps).find((s) => s.slug === "use-foundation")).toMatchObject({
    isCompleted: true,
    reason: "completed",
  })
})

test("at target the path says plainly that there is nothing to do", async () => {
  giveResult({ use: 2, data: 1 }, new Date("2026-10-10T10:00:00Z"))
  const data = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  expect(data.path.isAtTarget).toBe(true)
  expect(data.path.totals.remaining).toBe(0)
})

test("the catalogue filters by dimension and level, and adding a module puts it on the path", async () => {
  // At target, with use-foundation completed on the way there.
  giveResult({ use: 0, data: 0 }, new Date("2026-03-10T10:00:00Z"))
  passFoundation()
  giveResult({ use: 2, data: 1 }, new Date("2026-10-10T10:00:00Z"))
  const filtered = await catalogueLoader({
    request: get("/learn/catalogue?dimension=data&level=3"),
    params: {},
    ...ctx,
  })
  expect(filtered.modules.map((m) => m.slug)).toEqual(["data-advanced"])
  const all = await catalogueLoader({
    request: get("/learn/catalogue?dimension=&level="),
    params: {},
    ...ctx,
  })
  expect(all.modules).toHaveLength(6)
  const bad = await run(() =>
    catalogueLoader({ request: get("/learn/catalogue?level=9"), params: {}, ...ctx }),
  )
  expect((bad as Response).status).toBe(400)

  const added = (await run(() =>
    catalogueAction({
      request: post("/learn/catalogue", { intent: "add", slug: "data-advanced" }),
      params: {},
      ...ctx,
    }),
  )) as Response
  expect(added.headers.get("Location")).toBe("/learn/catalogue?added=data-advanced")
  const data = (await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData
  // data-advanced needs data-practitioner, which the learner has not reached
  expect(pathSlugs(data)).toEqual(["use-foundation", "data-practitioner", "data-advanced"])
  const after = await catalogueLoader({ request: get("/learn/catalogue?dimension=data"), params: {}, ...ctx })
  expect(after.modules.find((m) => m.slug === "data-advanced")?.isOnPath).toBe(true)

  const missing = await run(() =>
    catalogueAction({
      request: post("/learn/catalogue", { intent: "add", slug: "no-such-module" }),
      params: {},
      ...ctx,
    }),
  )
  expect((missing as Response).status).toBe(404)
  const unknown = asResponse(
    await catalogueAction({
      request: post("/learn/catalogue", { intent: "remove", slug: "data-advanced" }),
      params: {},
      ...ctx,
    }),
  )
  expect(unknown.status).toBe(400)
})

test("starting a module from its page, and an unknown module, behave", async () => {
  const started = (await run(() =>
    moduleAction({
      request: post("/learn/modules/use-advanced", { intent: "start" }),
      params: { slug: "use-advanced" },
      ...ctx,
    }),
  )) as Response
  // Starting opens the first lesson (the module is in progress once a lesson is read).
  expect(started.headers.get("Location")).toBe("/learn/modules/use-advanced/lessons/first")
  const missing = await run(() =>
    moduleLoader({ request: get("/learn/modules/nothing-here"), params: { slug: "nothing-here" }, ...ctx }),
  )
  expect((missing as Response).status).toBe(404)
  const wrong = asResponse(
    await moduleAction({
      request: post("/learn/modules/use-advanced", { intent: "explode" }),
      params: { slug: "use-advanced" },
      ...ctx,
    }),
  )
  expect(wrong.status).toBe(400)
})

test("a cross-site post is refused", async () => {
  const request = makeRequest("/learn/catalogue", {
    method: "POST",
    body: new URLSearchParams({ intent: "add", slug: "data-foundation" }),
    cookie,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
  })
  const response = await run(() => catalogueAction({ request, params: {}, ...ctx }))
  expect((response as Response).status).toBe(403)
})
