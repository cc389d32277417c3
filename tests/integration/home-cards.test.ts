import { count, eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { loader as homeLoader } from "~/routes/_index"
import { getContent } from "~/services/content-loader.server"
import { getInstrumentV1 } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { people } from "../../db/schema"
import { seedLearning } from "../../scripts/seed/learning"
import { REPORT_CYCLES, seedReports } from "../../scripts/seed/reports"
import { CURRENT_CYCLE_NAME, seedSurvey } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

// The home page joins every feature: each role's cards carry true figures from the survey, learning, reports and
// administration, read from the same services as the features' own pages.
let db: Db
type Home = Awaited<ReturnType<typeof homeLoader>>

beforeAll(async () => {
  db = testDb()
  const hash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  seedSurvey(db, getInstrumentV1(), { passwordHash: hash })
  seedReports(db, getContent())
  seedLearning(db, hash)
})

async function homeOf(email: string) {
  const cookie = await loginCookie(email)
  return (await homeLoader({ request: makeRequest("/", { cookie }), params: {}, context: {} })) as Home
}

test("a visitor who is not logged in gets the public page and no figures", async () => {
  const home = (await homeLoader({ request: makeRequest("/"), params: {}, context: {} })) as Home
  expect(home).toEqual({ user: null, summary: null, survey: null, learning: null })
})

test("an employee sees the open cycle and their learning path; no reports or admin figures", async () => {
  const home = await homeOf("learner.one@parat.test")
  expect(home.survey).toMatchObject({ state: "not_started", cycleName: CURRENT_CYCLE_NAME })
  // Lone's spring result gives her an assessed path of four modules (learning seed).
  expect(home.learning).toMatchObject({ basis: "assessed", total: 4, completed: 0 })
  expect(home.summary).toMatchObject({ scopeCount: 0, reportCycle: null, peopleCount: 0, openCycleCount: 0 })
})

test("a hospital manager's home names their scope and the cycle the reports open on", async () => {
  const home = await homeOf("manager.nor@parat.test")
  expect(home.user).toMatchObject({ role: "manager" })
  expect(home.summary).toMatchObject({ scopeCount: 1, reportCycle: REPORT_CYCLES.at(-1)!.name })
  expect(home.survey).toMatchObject({ state: "not_started" })
  expect(home.learning).toMatchObject({ basis: "foundation" })
})

test("the admin's home counts active people, units and the cycles taking answers now", async () => {
  const home = await homeOf("admin@parat.test")
  const active = db.select({ n: count() }).from(people).where(eq(people.isActive, true)).get()!.n
  expect(home.summary).toMatchObject({ peopleCount: active, openCycleCount: 1, scopeCount: 0 })
  expect(home.summary!.unitCount).toBeGreaterThan(20)
})
