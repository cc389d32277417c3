import { and, count, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import { DONT_KNOW } from "~/domain/scoring"
import { loader as homeLoader } from "~/routes/_index"
import { action as startAction, loader as startLoader } from "~/routes/survey._index"
import { loader as csvLoader } from "~/routes/survey.$cycleId.export[.]csv"
import { loader as jsonLoader } from "~/routes/survey.$cycleId.export[.]json"
import { action as pageAction, loader as pageLoader } from "~/routes/survey.$cycleId.page.$n"
import { loader as resultLoader } from "~/routes/survey.$cycleId.result"
import { action as reviewAction, loader as reviewLoader } from "~/routes/survey.$cycleId.review"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import {
  getInstrumentV1,
  getResultView,
  getSurveyHomeCard,
  listSurveyCycles,
  saveDraftPage,
  submitResponse,
} from "~/services/survey.server"
import type { Db } from "../../db/client"
import {
  cycleInvitations,
  cycles,
  participationAggregates,
  people,
  responses,
  resultAggregates,
  results,
  units,
} from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { CURRENT_CYCLE_NAME, ensureCycle, SURVEY_TESTERS, seedSurvey } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cycleId: number
const instrument = getInstrumentV1()
const now = new Date()

beforeEach(async () => {
  db = testDb()
  const hash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  cycleId = seedSurvey(db, instrument, { passwordHash: hash, now })
})

const personOf = (email: string) =>
  db.select({ id: people.id, unitId: people.unitId }).from(people).where(eq(people.email, email)).get()!
const responseOf = (personId: number, cycle = cycleId) =>
  db
    .select()
    .from(responses)
    .where(and(eq(responses.personId, personId), eq(responses.cycleId, cycle)))
    .get()

/** A form for one page: each item answered with the highest value (or the right option). */
function pageForm(page: number, intent = "next", override: Record<string, string> = {}) {
  const form: Record<string, string> = { intent }
  for (const item of instrument.dimensions[page - 1]!.items)
    form[item.id] = item.kind === "likert" ? (item.reverse ? "1" : "5") : item.correct
  return { ...form, ...override }
}

async function callPage(cookie: string, page: number, form: Record<string, string>, cycle = cycleId) {
  const request = makeRequest(`/survey/${cycle}/page/${page}`, { cookie, form })
  return pageAction({ request, params: { cycleId: String(cycle), n: String(page) }, context: {} })
}

/** Answers pages 1 to `pages` with "next", as the person would; the draft then stands on the page after. */
async function answerPages(cookie: string, pages: number) {
  for (let page = 1; page <= pages; page++) await callPage(cookie, page, pageForm(page))
}

/** The person answers every page and submits: one result, as the review page's submit makes it. */
async function submitAll(email: string) {
  const cookie = await loginCookie(email)
  await answerPages(cookie, instrument.dimensions.length)
  const request = makeRequest(`/survey/${cycleId}/review`, { cookie, form: { intent: "submit" } })
  const response = await reviewAction({ request, params: { cycleId: String(cycleId) }, context: {} })
  expect(location(response)).toBe(`/survey/${cycleId}/result`)
}

type DataResult = { data: Record<string, unknown>; init: { status: number } }
const asData = (value: unknown) => value as DataResult
const location = (value: unknown) => (value as Response).headers.get("Location")

test("the seed opens one cycle for the whole region, invites every active person and is idempotent", () => {
  const all = db.select().from(cycles).all()
  expect(all.map((c) => [c.name, c.status, c.minGroupSize])).toEqual([[CURRENT_CYCLE_NAME, "open", 5]])
  const active = db.select({ n: count() }).from(people).where(eq(people.isActive, true)).get()!.n
  const invited = db.select({ n: count() }).from(cycleInvitations).get()!.n
  expect(invited).toBe(active)
  expect(seedSurvey(db, instrument, { passwordHash: "x", now })).toBe(cycleId)
  expect(db.select({ n: count() }).from(cycles).get()!.n).toBe(1)
  expect(db.select({ n: count() }).from(cycleInvitations).get()!.n).toBe(invited)
  expect(db.select({ n: count() }).from(responses).get()!.n).toBe(0)
})

test("the employee's home page shows the open cycle as not started", async () => {
  const cookie = await loginCookie("employee@parat.test")
  const home = (await homeLoader({ request: makeRequest("/", { cookie }), params: {}, context: {} })) as {
    survey: unknown
  }
  expect(home.survey).toMatchObject({ state: "not_started", cycleId, cycleName: CURRENT_CYCLE_NAME })
  const start = await startLoader({ request: makeRequest("/survey", { cookie }), params: {}, context: {} })
  expect(start.cycles).toEqual([
    expect.objectContaining({ id: cycleId, state: "not_started", resumePage: 1 }),
  ])
  expect(start.intro.minutes).toBe(instrument.minutes)
})

test("each page saves a draft on next, and a returning person resumes where they left", async () => {
  const email = SURVEY_TESTERS[0]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  expect(location(await callPage(cookie, 1, pageForm(1)))).toBe(`/survey/${cycleId}/page/2`)
  expect(location(await callPage(cookie, 2, pageForm(2)))).toBe(`/survey/${cycleId}/page/3`)
  const draft = responseOf(person.id)!
  expect(draft.status).toBe("draft")
  expect(draft.page).toBe(3)
  expect(Object.keys(draft.answers)).toHaveLength(
    instrument.dimensions[0]!.items.length + instrument.dimensions[1]!.items.length,
  )

  // A new session (closed browser) finds the draft in progress and page 1's answers filled in.
  const again = await loginCookie(email)
  expect(getSurveyHomeCard(person)).toMatchObject({ state: "in_progress", resumePage: 3 })
  const page1 = await pageLoader({
    request: makeRequest(`/survey/${cycleId}/page/1`, { cookie: again }),
    params: { cycleId: String(cycleId), n: "1" },
    context: {},
  })
  expect(page1.page.answers).toEqual(
    Object.fromEntries(Object.entries(draft.answers).filter(([id]) => id.startsWith("understanding."))),
  )

  // Back saves too and goes to the previous page; back from page 1 goes to the start page.
  expect(location(await callPage(again, 3, pageForm(3, "back")))).toBe(`/survey/${cycleId}/page/2`)
  expect(location(await callPage(again, 1, pageForm(1, "back")))).toBe("/survey")
})

test("bad input gets a 400 with a message and leaves the stored draft as it was", async () => {
  const email = SURVEY_TESTERS[0]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  await answerPages(cookie, 2)
  const before = responseOf(person.id)!
  const other = personOf(SURVEY_TESTERS[1])
  const bad: Record<string, string>[] = [
    pageForm(1, "next", { "understanding.s99": "3" }), // forged item id
    pageForm(1, "next", { "use.s1": "3" }), // an item of another page
    pageForm(1, "next", { "understanding.s1": "9" }), // out of range
    pageForm(1, "next", { "understanding.s1": "2.5" }),
    pageForm(1, "next", { "understanding.k1": "z" }),
    pageForm(1, "next", { responseId: String(before.id + 1), personId: String(other.id) }),
  ]
  for (const form of bad) {
    const result = asData(await callPage(cookie, 1, form))
    expect(result.init.status).toBe(400)
    expect((result.data.errors as unknown[]).length).toBeGreaterThan(0)
  }
  const unknownIntent = asData(await callPage(cookie, 1, pageForm(1, "jump")))
  expect(unknownIntent.init.status).toBe(400)
  expect(unknownIntent.data.formError).toBe("errors.badIntent")
  expect(responseOf(person.id)).toEqual(before)
  expect(responseOf(other.id)).toBeUndefined()
})

test("a page number or cycle id that does not exist is a 404, not a 500", async () => {
  const cookie = await loginCookie(SURVEY_TESTERS[0])
  for (const [cycle, n] of [
    [String(cycleId), "7"],
    [String(cycleId), "0"],
    [String(cycleId), "abc"],
    ["999", "1"],
    ["-1", "1"],
  ] as const) {
    const request = makeRequest(`/survey/${cycle}/page/${n}`, { cookie })
    await expect(pageLoader({ request, params: { cycleId: cycle, n }, context: {} })).rejects.toMatchObject({
      status: 404,
    })
  }
})

test("submit refuses missing answers and lists them, keeping the draft", async () => {
  const email = SURVEY_TESTERS[0]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  await answerPages(cookie, 3)
  const before = responseOf(person.id)!
  const request = makeRequest(`/survey/${cycleId}/review`, { cookie, form: { intent: "submit" } })
  const result = asData(await reviewAction({ request, params: { cycleId: String(cycleId) }, context: {} }))
  expect(result.init.status).toBe(400)
  // Pages 1 to 3 are saved, 4 to 6 not.
  expect(result.data).toMatchObject({ formError: "errors.missing", count: 18 })
  const review = await reviewLoader({
    request: makeRequest(`/survey/${cycleId}/review`, { cookie }),
    params: { cycleId: String(cycleId) },
    context: {},
  })
  expect(review.review.missing).toHaveLength(18)
  expect(review.review.missing[0]).toMatchObject({ page: 4 })
  expect(responseOf(person.id)).toEqual(before)
})

test("submitting is final and idempotent: a resend or double click makes one result", async () => {
  const email = SURVEY_TESTERS[0]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  for (let page = 1; page <= 6; page++) await callPage(cookie, page, pageForm(page))
  expect(responseOf(person.id)!.page).toBe(7)
  const submit = () =>
    reviewAction({
      request: makeRequest(`/survey/${cycleId}/review`, { cookie, form: { intent: "submit" } }),
      params: { cycleId: String(cycleId) },
      context: {},
    })
  expect(location(await submit())).toBe(`/survey/${cycleId}/result`)
  expect(location(await submit())).toBe(`/survey/${cycleId}/result`)
  expect(submitResponse(person, cycleId)).toEqual({ kind: "already_submitted" })
  expect(db.select({ n: count() }).from(results).where(eq(results.personId, person.id)).get()!.n).toBe(1)
  const participation = db.select().from(participationAggregates).all()
  expect(participation.reduce((sum, row) => sum + row.submitted, 0)).toBe(1)
  const aggregates = db.select().from(resultAggregates).all()
  expect(aggregates).toHaveLength(6)
  expect(aggregates.every((a) => a.n === 1 && a.scoreSum === 100 && a.level4 === 1)).toBe(true)

  // After submitting, a page save changes nothing and sends the person to the result.
  const before = responseOf(person.id)!
  expect(location(await callPage(cookie, 1, pageForm(1, "next", { "understanding.s1": "1" })))).toBe(
    `/survey/${cycleId}/result`,
  )
  expect(responseOf(person.id)).toEqual(before)

  const view = await resultLoader({
    request: makeRequest(`/survey/${cycleId}/result`, { cookie }),
    params: { cycleId: String(cycleId) },
    context: {},
  })
  expect(view.result.dimensions.map((d) => [d.key, d.score, d.level])).toEqual(
    instrument.dimensions.map((d) => [d.key, 100, 4]),
  )
  expect(view.result.previousCycle).toBeNull()
})

test("the result stores the person's unit and job family at the time of submitting", async () => {
  await submitAll(SURVEY_TESTERS[0])
  const person = personOf(SURVEY_TESTERS[0])
  const row = db.select().from(results).where(eq(results.personId, person.id)).get()!
  expect(row.unitId).toBe(person.unitId)
  expect(row.jobFamily).toBe("nurse")
})

test("the export holds the person's own answers and scores, as JSON and as CSV", async () => {
  await submitAll(SURVEY_TESTERS[0])
  const cookie = await loginCookie(SURVEY_TESTERS[0])
  const params = { cycleId: String(cycleId) }
  const json = (await jsonLoader({
    request: makeRequest(`/survey/${cycleId}/export.json`, { cookie }),
    params,
    context: {},
  })) as Response
  expect(json.headers.get("Content-Disposition")).toMatch(/attachment/)
  const body = await json.json()
  expect(body.status).toBe("submitted")
  expect(body.instrument.hash).toBe(instrument.hash)
  expect(body.answers).toHaveLength(36)
  expect(body.answers[0]).toMatchObject({ itemId: "understanding.s1", answer: 5, answerText: "Helt enig" })
  expect(body.scores).toHaveLength(6)
  const csv = (await csvLoader({
    request: makeRequest(`/survey/${cycleId}/export.csv`, { cookie, headers: { "Accept-Language": "en" } }),
    params,
    context: {},
  })) as Response
  const bytes = new Uint8Array(await csv.clone().arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM that makes Excel read UTF-8
  const text = await csv.text()
  const lines = text.split("\r\n").filter(Boolean)
  expect(lines[0]).toBe("Type;Area;Item id;Question;Value;Answer text;Score;Level;Own rating")
  expect(lines).toHaveLength(1 + 36 + 6)
  // Areas and levels by name, as on the result page, not by internal keys.
  expect(lines[1]!.split(";")[1]).toBe("Understanding AI")
  expect(lines.at(-1)).toMatch(
    /^Score;Implementation and procurement;;;;;\d+(,\d+)?;(Not yet foundation|Foundation|Practitioner|Advanced|Expert and leader);[^;]*$/,
  )
})

test("a person who has not answered has nothing to export; a stranger's cycle is a 404", async () => {
  const cookie = await loginCookie(SURVEY_TESTERS[2])
  await expect(
    jsonLoader({
      request: makeRequest(`/survey/${cycleId}/export.json`, { cookie }),
      params: { cycleId: String(cycleId) },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 404 })
})

test("a submit or save to a closed cycle gets a clear message and keeps the draft", async () => {
  const email = SURVEY_TESTERS[1]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  for (let page = 1; page <= 6; page++) await callPage(cookie, page, pageForm(page))
  db.update(cycles)
    .set({ closesOn: danishDay(new Date(Date.now() - 86_400_000)) })
    .where(eq(cycles.id, cycleId))
    .run()
  try {
    const before = responseOf(person.id)!
    const saved = asData(await callPage(cookie, 1, pageForm(1)))
    expect(saved.init.status).toBe(400)
    expect(saved.data.formError).toBe("errors.closed")
    const submitted = asData(
      await reviewAction({
        request: makeRequest(`/survey/${cycleId}/review`, { cookie, form: { intent: "submit" } }),
        params: { cycleId: String(cycleId) },
        context: {},
      }),
    )
    expect(submitted.init.status).toBe(400)
    expect(submitted.data.formError).toBe("errors.closed")
    expect(responseOf(person.id)).toEqual(before)
    expect(listSurveyCycles(person)).toEqual([])
  } finally {
    db.update(cycles)
      .set({ closesOn: danishDay(new Date(Date.now() + 30 * 86_400_000)) })
      .where(eq(cycles.id, cycleId))
      .run()
  }
})

test("a draft can be deleted; a submitted response cannot", async () => {
  const email = SURVEY_TESTERS[1]
  const cookie = await loginCookie(email)
  const person = personOf(email)
  await answerPages(cookie, 1)
  await submitAll(SURVEY_TESTERS[0])
  const del = () =>
    startAction({
      request: makeRequest("/survey", { cookie, form: { intent: "deleteDraft", cycleId: String(cycleId) } }),
      params: {},
      context: {},
    })
  expect(location(await del())).toBe("/survey?notice=draftDeleted")
  expect(responseOf(person.id)).toBeUndefined()
  expect(location(await del())).toBe("/survey?notice=noDraft")

  const submitted = await loginCookie(SURVEY_TESTERS[0])
  const refused = asData(
    await startAction({
      request: makeRequest("/survey", {
        cookie: submitted,
        form: { intent: "deleteDraft", cycleId: String(cycleId) },
      }),
      params: {},
      context: {},
    }),
  )
  expect(refused.init.status).toBe(400)
  expect(responseOf(personOf(SURVEY_TESTERS[0]).id)!.status).toBe("submitted")
})

test("a cycle for another hospital is invisible: its pages are a 404", async () => {
  const sko = db.select({ id: units.id }).from(units).where(eq(units.code, "SKO")).get()!
  const other = ensureCycle(db, {
    name: "Kun Skovbrynet",
    instrumentHash: instrument.hash,
    status: "open",
    opensOn: danishDay(new Date()),
    closesOn: danishDay(new Date(Date.now() + 86_400_000)),
    minGroupSize: 5,
    unitIds: [sko.id],
  })
  const person = personOf("employee@parat.test")
  expect(listSurveyCycles(person).map((c) => c.id)).not.toContain(other)
  expect(saveDraftPage(person, other, 1, "next", Object.entries(pageForm(1)))).toEqual({ kind: "not_found" })
  const cookie = await loginCookie("employee@parat.test")
  await expect(
    reviewLoader({
      request: makeRequest(`/survey/${other}/review`, { cookie }),
      params: { cycleId: String(other) },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 404 })
})

test("an old cycle's result stays readable with its own instrument version, beside the newer one", () => {
  // A past cycle on an older version of the instrument, whose first dimension had another name.
  const old = structuredClone(instrument)
  old.version = 0
  old.dimensions[0]!.name = { da: "Gammel forståelse", en: "Old understanding" }
  const oldHash = ensureInstrumentVersion(db, { ...old, hash: "oldversion000001" })
  const region = db.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()!
  const past = ensureCycle(db, {
    name: "Forår 2026 / Spring 2026",
    instrumentHash: oldHash,
    status: "open",
    opensOn: "2026-03-01",
    closesOn: "2026-03-31",
    minGroupSize: 5,
    unitIds: [region.id],
  })
  const id = ensurePerson(db, {
    email: "survey.history@parat.test",
    name: "Hanne Historik",
    jobFamily: "doctor",
    unitId: personOf(SURVEY_TESTERS[0]).unitId,
  })
  const person = personOf("survey.history@parat.test")
  const answers: Record<string, number | string> = {}
  for (const d of old.dimensions)
    for (const item of d.items) answers[item.id] = item.kind === "likert" ? 3 : DONT_KNOW
  const { id: responseId } = db
    .insert(responses)
    .values({ cycleId: past, personId: id, status: "draft", answers, page: 7, updatedAt: new Date() })
    .returning({ id: responses.id })
    .get()
  // Submitted while the old cycle was open.
  expect(submitResponse(person, past, db, new Date(Date.UTC(2026, 2, 15)))).toEqual({ kind: "submitted" })
  expect(responseId).toBeGreaterThan(0)
  db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, past)).run()

  const pastView = getResultView(person, past)
  expect(pastView.kind).toBe("result")
  if (pastView.kind !== "result") return
  expect(pastView.view.dimensions[0]).toMatchObject({ name: old.dimensions[0]!.name })

  // Then the current cycle: its result shows the old one beside it.
  for (let page = 1; page <= 6; page++)
    saveDraftPage(person, cycleId, page, "next", Object.entries(pageForm(page)))
  expect(submitResponse(person, cycleId)).toEqual({ kind: "submitted" })
  const view = getResultView(person, cycleId)
  if (view.kind !== "result") throw new Error("expected a result")
  expect(view.view.previousCycle).toEqual({ id: past, name: "Forår 2026 / Spring 2026" })
  expect(view.view.dimensions[0]).toMatchObject({ score: 100, previous: { score: 25, level: 0 } })
  expect(view.view.dimensions[0]!.name).toEqual(instrument.dimensions[0]!.name)
  // The closed old cycle still lists as submitted; the current one too.
  expect(listSurveyCycles(person).map((c) => [c.id, c.state])).toEqual([
    [cycleId, "submitted"],
    [past, "submitted"],
  ])
})
