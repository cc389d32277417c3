// Taking a v2 cycle: the person's own form, stable on resume, the unscored pages, and the result with confidence.
import { eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import type { JobFamily } from "~/domain/content-schema"
import { formFor } from "~/domain/form"
import { DONT_KNOW } from "~/domain/scoring"
import { action as pageAction } from "~/routes/survey.$cycleId.page.$n"
import { loader as resultLoader } from "~/routes/survey.$cycleId.result"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getLatestResult } from "~/services/learning.server"
import {
  getCurrentInstrument,
  getInstrumentV1,
  getResultView,
  getReview,
  getSurveyPage,
  saveDraftPage,
  submitResponse,
} from "~/services/survey.server"
import type { Db } from "../../db/client"
import { people, resultScores, results, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { ensureCycle, inviteToCycle } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cycleId: number
let v1CycleId: number
let unitId: number
let passwordHash: string
const now = new Date()
const v2 = getCurrentInstrument()

beforeAll(async () => {
  db = testDb("demo")
  passwordHash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  const cycle = (name: string, hash: string, daysAgo: number) =>
    ensureCycle(db, {
      name,
      instrumentHash: hash,
      status: "open",
      opensOn: danishDay(new Date(now.getTime() - daysAgo * 86_400_000)),
      closesOn: danishDay(new Date(now.getTime() + 30 * 86_400_000)),
      minGroupSize: 5,
      unitIds: [unitId],
    })
  v1CycleId = cycle("v2 test: an older v1 cycle", ensureInstrumentVersion(db, getInstrumentV1()), 20)
  cycleId = cycle("v2 test: a v2 cycle", ensureInstrumentVersion(db, v2), 2)
})

let counter = 0
function newPerson(jobFamily: JobFamily = "nurse") {
  const email = `v2.person${++counter}.${process.pid}@parat.test`
  const id = ensurePerson(db, { email, name: `V2 ${counter}`, jobFamily, unitId, passwordHash, isDemo: true })
  inviteToCycle(db, cycleId)
  inviteToCycle(db, v1CycleId)
  return { user: { id, unitId }, email }
}

const formOf = (personId: number, jobFamily: JobFamily = "nurse") =>
  formFor(v2, { personId, cycleId, jobFamily })

/** Saves every page: knowledge as `knowledge` says, statements with `rating`, the first tool ticked. */
function answerAll(
  user: { id: number; unitId: number },
  knowledge: (item: { correct: string }) => string,
  rating: number,
  jobFamily: JobFamily = "nurse",
) {
  formOf(user.id, jobFamily).pages.forEach((page, i) => {
    const entries: [string, string][] = []
    for (const item of page.items) {
      if (item.kind === "knowledge") entries.push([item.id, knowledge(item)])
      else if (item.kind === "likert") entries.push([item.id, String(rating)])
    }
    if (page.kind === "tools") entries.push([page.items[0]!.id, "1"])
    expect(saveDraftPage(user, cycleId, i + 1, "next", entries, db, now)).toMatchObject({ kind: "saved" })
  })
}

test("a v2 page never sends the key to the browser, and the form has eight pages", () => {
  const { user } = newPerson()
  const page = getSurveyPage(user, cycleId, 1, db, now)!
  expect(page.pageCount).toBe(8)
  expect(page.dimension.kind).toBe("dimension")
  const knowledge = page.dimension.items.filter((i) => i.kind === "knowledge")
  expect(knowledge).toHaveLength(v2.blueprint.anchors + v2.blueprint.familyItems + v2.blueprint.draw)
  for (const item of knowledge) expect(item).not.toHaveProperty("correct")
})

test("the form and its option order are the same when the person comes back", () => {
  const { user } = newPerson()
  const first = getSurveyPage(user, cycleId, 2, db, now)!
  saveDraftPage(user, cycleId, 1, "next", [], db, now)
  const again = getSurveyPage(user, cycleId, 2, db, now)!
  expect(again.dimension.items).toEqual(first.dimension.items)
})

test("knowing every answer with modest self-ratings gives Expert, with the gap named", () => {
  const { user } = newPerson()
  answerAll(user, (item) => item.correct, 2)
  expect(submitResponse(user, cycleId, db, now)).toEqual({ kind: "submitted" })
  const outcome = getResultView(user, cycleId, db, now)
  if (outcome.kind !== "result") throw new Error(outcome.kind)
  expect(outcome.view.version).toBe(2)
  for (const d of outcome.view.dimensions)
    expect(d).toMatchObject({ score: 100, level: 4, confidence: 25, gap: "lower" })
})

test("agreeing with everything and answering don't know gives level 0 and 'higher than your answers show'", async () => {
  const { user, email } = newPerson("administrative")
  answerAll(user, () => DONT_KNOW, 5, "administrative")
  expect(submitResponse(user, cycleId, db, now)).toEqual({ kind: "submitted" })
  const result = db.select({ id: results.id }).from(results).where(eq(results.personId, user.id)).get()!
  const rows = db.select().from(resultScores).where(eq(resultScores.resultId, result.id)).all()
  expect(rows.map((r) => [r.score, r.level, r.confidence])).toEqual(Array(6).fill([0, 0, 100]))
  const cookie = await loginCookie(email)
  const request = makeRequest(`/survey/${cycleId}/result`, { cookie })
  const data = (await resultLoader({ request, params: { cycleId: String(cycleId) }, context: {} })) as {
    result: { dimensions: { gap: string }[] }
  }
  expect(data.result.dimensions.every((d) => d.gap === "higher")).toBe(true)
})

test("the tools page stores ticked tools and refuses a tool that is not on the list", async () => {
  const { user, email } = newPerson()
  const cookie = await loginCookie(email)
  const post = (form: Record<string, string>) =>
    pageAction({
      request: makeRequest(`/survey/${cycleId}/page/8`, { cookie, form }),
      params: { cycleId: String(cycleId), n: "8" },
      context: {},
    })
  const bad = (await post({ intent: "next", "tools.no_such_tool": "1" })) as { init: { status: number } }
  expect(bad.init.status).toBe(400)
  const saved = (await post({ intent: "next", "tools.speech": "1", "tools.translation": "1" })) as Response
  expect(saved.headers.get("Location")).toBe(`/survey/${cycleId}/review`)
  expect(getSurveyPage(user, cycleId, 8, db, now)!.answers).toEqual({
    "tools.speech": 1,
    "tools.translation": 1,
  })
})

test("submitting needs every knowledge, self-rating and attitude answer, but no tool", () => {
  const { user } = newPerson()
  answerAll(user, (item) => item.correct, 3)
  saveDraftPage(user, cycleId, 8, "next", [], db, now)
  expect(getReview(user, cycleId, db, now)!.missing).toEqual([])
  saveDraftPage(user, cycleId, 7, "next", [], db, now)
  expect(getReview(user, cycleId, db, now)!.missing.map((m) => m.page)).toEqual(Array(6).fill(7))
})

test("a v1 result stays as it was scored and says so", () => {
  const { user } = newPerson()
  const v1 = getInstrumentV1()
  v1.dimensions.forEach((d, i) => {
    const entries = d.items.map(
      (item) => [item.id, item.kind === "likert" ? "5" : item.correct] as [string, string],
    )
    saveDraftPage(user, v1CycleId, i + 1, "next", entries, db, now)
  })
  expect(submitResponse(user, v1CycleId, db, now)).toEqual({ kind: "submitted" })
  const outcome = getResultView(user, v1CycleId, db, now)
  if (outcome.kind !== "result") throw new Error(outcome.kind)
  expect(outcome.view.version).toBe(1)
  expect(outcome.view.dimensions.every((d) => d.confidence === null && d.gap === null)).toBe(true)
})

test("a person placed high by v1 keeps that result; their v2 cycle gives the levels the learning path uses", () => {
  const { user } = newPerson()
  getInstrumentV1().dimensions.forEach((d, i) => {
    const entries = d.items.map(
      (item) =>
        [item.id, item.kind === "likert" ? (item.reverse ? "1" : "5") : item.correct] as [string, string],
    )
    saveDraftPage(user, v1CycleId, i + 1, "next", entries, db, now)
  })
  expect(submitResponse(user, v1CycleId, db, now)).toEqual({ kind: "submitted" })
  const v1Levels = getLatestResult(user.id, db)!.scores.map((s) => s.level)
  expect(v1Levels).toEqual(Array(6).fill(4))

  const later = new Date(now.getTime() + 60_000)
  formOf(user.id).pages.forEach((page, i) => {
    const entries = page.items.flatMap((item): [string, string][] =>
      item.kind === "knowledge" ? [[item.id, DONT_KNOW]] : item.kind === "likert" ? [[item.id, "5"]] : [],
    )
    saveDraftPage(user, cycleId, i + 1, "next", entries, db, later)
  })
  expect(submitResponse(user, cycleId, db, later)).toEqual({ kind: "submitted" })
  expect(getLatestResult(user.id, db)!.scores.map((s) => s.level)).toEqual(Array(6).fill(0))
  // the v1 result is never rescored
  const v1 = getResultView(user, v1CycleId, db, later)
  if (v1.kind !== "result") throw new Error(v1.kind)
  expect(v1.view.dimensions.map((d) => d.level)).toEqual(Array(6).fill(4))
})
