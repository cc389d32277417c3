import { and, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import { loader as homeLoader } from "~/routes/_index"
import { loader as startLoader } from "~/routes/survey._index"
import { action as pageAction } from "~/routes/survey.$cycleId.page.$n"
import { action as reviewAction } from "~/routes/survey.$cycleId.review"
import { getCycleDetail, listCycles } from "~/services/admin-cycles.server"
import { getPerson } from "~/services/admin-people.server"
import { openCyclesForPerson } from "~/services/cycle-eligibility.server"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import {
  getInstrumentV1,
  getSurveyHomeCard,
  listSurveyCycles,
  saveDraftPage,
  submitResponse,
} from "~/services/survey.server"
import type { Db } from "../../db/client"
import { cycles, people, responses, results, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { ensureCycle } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

// One rule decides which cycles a person may take; the survey pages, the home card and the admin's person page
// all ask it. These tests use their own cycles and people, not the seeded autumn cycle.
let db: Db
let hash: string
const instrument = getInstrumentV1()
const DAY = 86_400_000
const unitId = (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
const personOf = (email: string) =>
  db.select({ id: people.id, unitId: people.unitId }).from(people).where(eq(people.email, email)).get()!

beforeEach(async () => {
  db = testDb()
  hash = ensureInstrumentVersion(db, instrument)
  // Nobody else's cycle in the way: only the cycles made here exist.
  db.update(cycles).set({ status: "closed" }).run()
  const passwordHash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  for (const [email, code] of [
    ["eligible.nor@parat.test", "NOR-AKM"],
    ["eligible.sko@parat.test", "SKO-INT"],
  ] as const) {
    ensurePerson(db, { email, name: email, jobFamily: "nurse", unitId: unitId(code), passwordHash })
  }
})

function pageForm(page: number) {
  const form: Record<string, string> = { intent: "next" }
  for (const item of instrument.dimensions[page - 1]!.items)
    form[item.id] = item.kind === "likert" ? "4" : item.correct
  return form
}

function makeCycle(name: string, opensAt: Date, closesAt: Date, codes = ["NOR"]) {
  return ensureCycle(db, {
    name,
    instrumentHash: hash,
    status: "open",
    opensOn: danishDay(opensAt),
    closesOn: danishDay(closesAt),
    minGroupSize: 5,
    unitIds: codes.map(unitId),
  })
}

test("an open cycle within its dates is offered to its hospital's people only, the same by every caller", async () => {
  const now = new Date()
  const id = makeCycle("Nordhavn nu", new Date(now.getTime() - DAY), new Date(now.getTime() + DAY))
  const nor = personOf("eligible.nor@parat.test")
  const sko = personOf("eligible.sko@parat.test")

  expect(openCyclesForPerson(nor.id).map((c) => c.id)).toEqual([id])
  expect(listSurveyCycles(nor).map((c) => [c.id, c.state])).toEqual([[id, "not_started"]])
  expect(getSurveyHomeCard(nor)).toMatchObject({ state: "not_started", cycleId: id })
  expect(getPerson(nor.id)!.openCycles).toEqual([{ id, name: "Nordhavn nu" }])

  expect(openCyclesForPerson(sko.id)).toEqual([])
  expect(listSurveyCycles(sko)).toEqual([])
  expect(getSurveyHomeCard(sko)).toEqual({ state: "none" })
  expect(getPerson(sko.id)!.openCycles).toEqual([])

  db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, id)).run()
})

test("a cycle still marked open but past its closing date is not offered and cannot be answered or submitted", async () => {
  const now = new Date()
  const id = makeCycle("Nordhavn udløbet", new Date(now.getTime() - 10 * DAY), new Date(now.getTime() - DAY))
  const nor = personOf("eligible.nor@parat.test")
  expect(db.select({ s: cycles.status }).from(cycles).where(eq(cycles.id, id)).get()!.s).toBe("open")

  // Not offered anywhere: survey list, home card, admin's person page, the rule itself.
  expect(openCyclesForPerson(nor.id)).toEqual([])
  expect(listSurveyCycles(nor)).toEqual([])
  expect(getSurveyHomeCard(nor)).toEqual({ state: "none" })
  expect(getPerson(nor.id)!.openCycles).toEqual([])
  const cookie = await loginCookie("eligible.nor@parat.test")
  const home = (await homeLoader({ request: makeRequest("/", { cookie }), params: {}, context: {} })) as {
    survey: unknown
  }
  expect(home.survey).toEqual({ state: "none" })
  const start = await startLoader({ request: makeRequest("/survey", { cookie }), params: {}, context: {} })
  expect(start.cycles).toEqual([])

  // Cannot start it: the page action is a 404, and nothing is stored.
  await expect(
    pageAction({
      request: makeRequest(`/survey/${id}/page/1`, { cookie, form: pageForm(1) }),
      params: { cycleId: String(id), n: "1" },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 404 })
  expect(saveDraftPage(nor, id, 1, "next", Object.entries(pageForm(1)))).toEqual({ kind: "not_found" })

  // A draft saved while the cycle was open cannot be submitted after it closed.
  const whileOpen = new Date(now.getTime() - 5 * DAY)
  for (let page = 1; page <= instrument.dimensions.length; page++)
    expect(saveDraftPage(nor, id, page, "next", Object.entries(pageForm(page)), db, whileOpen).kind).toBe(
      "saved",
    )
  expect(submitResponse(nor, id)).toEqual({ kind: "closed" })
  const refused = (await reviewAction({
    request: makeRequest(`/survey/${id}/review`, { cookie, form: { intent: "submit" } }),
    params: { cycleId: String(id) },
    context: {},
  })) as { init: { status: number } }
  expect(refused.init.status).toBe(400)
  const stored = db
    .select({ status: responses.status })
    .from(responses)
    .where(and(eq(responses.cycleId, id), eq(responses.personId, nor.id)))
    .get()
  expect(stored).toEqual({ status: "draft" })
  expect(db.select().from(results).where(eq(results.cycleId, id)).all()).toEqual([])
  // And the draft of a closed cycle is not shown as something to continue.
  expect(listSurveyCycles(nor)).toEqual([])
  // The admin sees the same: opened, but past its closing date.
  expect(listCycles().find((c) => c.id === id)?.phase).toBe("past_closing")
  expect(getCycleDetail(id)?.cycle.phase).toBe("past_closing")
})

test("a cycle that opens tomorrow is not offered yet; the day it opens, it is", () => {
  const now = new Date()
  const id = makeCycle("Nordhavn i morgen", new Date(now.getTime() + DAY), new Date(now.getTime() + 30 * DAY))
  const nor = personOf("eligible.nor@parat.test")
  expect(openCyclesForPerson(nor.id, db, now)).toEqual([])
  expect(saveDraftPage(nor, id, 1, "next", Object.entries(pageForm(1)), db, now)).toEqual({
    kind: "not_found",
  })
  const later = new Date(now.getTime() + 2 * DAY)
  expect(openCyclesForPerson(nor.id, db, later).map((c) => c.id)).toEqual([id])
  expect(listSurveyCycles(nor, db, later).map((c) => c.id)).toEqual([id])
})

test("a department as target reaches the department's people, not the rest of the hospital", () => {
  const now = new Date()
  const id = makeCycle("Kun Intern Medicin", new Date(now.getTime() - DAY), new Date(now.getTime() + DAY), [
    "SKO-INT",
  ])
  expect(openCyclesForPerson(personOf("eligible.sko@parat.test").id).map((c) => c.id)).toContain(id)
  expect(openCyclesForPerson(personOf("eligible.nor@parat.test").id).map((c) => c.id)).not.toContain(id)
})
