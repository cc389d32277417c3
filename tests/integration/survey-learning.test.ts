import { and, count, eq, inArray, like, or } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import type { Dimension, Level } from "~/domain/content-schema"
import { getContent } from "~/services/content-loader.server"
import {
  getLearningSummary,
  getMyPath,
  getQuizPage,
  markLessonRead,
  submitQuiz,
} from "~/services/learning.server"
import { getInstrumentV1, getResultView, saveDraftPage, submitResponse } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { cycleInvitations, cycles, enrolments, people, units } from "../../db/schema"
import { JOURNEY_PEOPLE, seedJourneys } from "../../scripts/seed/journeys"
import { answersForLevels } from "../../scripts/seed/learners"
import { isExcludedFromSeededResults } from "../../scripts/seed/reports"
import { ensureCycle, seedSurvey } from "../../scripts/seed/survey"
import { testDb } from "./db"

// The seam between the survey and the learning path: a result submitted through the survey becomes the path, and
// a newer result in a later cycle rebuilds it while completed modules stay completed. Real content, real services.
let db: Db
let cycleA: number
let learner: { id: number; unitId: number; jobFamily: "nurse" }
const instrument = getInstrumentV1()
const start = new Date()
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000)

beforeEach(async () => {
  db = testDb()
  cycleA = seedSurvey(db, instrument, { passwordHash: "x", now: start })
  seedJourneys(db, "x")
  const row = db
    .select({ id: people.id, unitId: people.unitId, jobFamily: people.jobFamily })
    .from(people)
    .where(eq(people.email, "journey.one@parat.test"))
    .get()!
  expect(row.jobFamily).toBe("nurse")
  learner = { id: row.id, unitId: row.unitId, jobFamily: "nurse" }
})

/** Takes a whole cycle through the survey's own save and submit, with answers that give exactly these levels. */
function takeSurvey(cycleId: number, levels: Record<Dimension, Level>, now: Date) {
  const answers = answersForLevels(instrument, levels)
  instrument.dimensions.forEach((dimension, i) => {
    const entries = dimension.items.map((item) => [item.id, String(answers[item.id])] as [string, string])
    expect(saveDraftPage(learner, cycleId, i + 1, "next", entries, db, now).kind).toBe("saved")
  })
  expect(submitResponse(learner, cycleId, db, now)).toEqual({ kind: "submitted" })
}

function resultLevels(cycleId: number) {
  const view = getResultView(learner, cycleId, db, later(600))
  if (view.kind !== "result") throw new Error("expected a result")
  return Object.fromEntries(view.view.dimensions.map((d) => [d.key, d.level]))
}

const slugsOf = (path: ReturnType<typeof getMyPath>) => path.groups.flatMap((g) => g.steps.map((s) => s.slug))

test("the journey logins are seeded once, fresh, and invited to the current cycle", () => {
  const journeyPeople = () =>
    db
      .select({ id: people.id })
      .from(people)
      .where(or(like(people.email, "journey.%"), like(people.email, "cycle.%")))
      .all()
  const before = journeyPeople()
  expect(before).toHaveLength(JOURNEY_PEOPLE.length)
  seedJourneys(db, "x")
  expect(journeyPeople()).toEqual(before)
  const invited = db
    .select({ n: count() })
    .from(cycleInvitations)
    .where(
      and(
        eq(cycleInvitations.cycleId, cycleA),
        inArray(
          cycleInvitations.personId,
          before.map((p) => p.id),
        ),
      ),
    )
    .get()!.n
  expect(invited).toBe(JOURNEY_PEOPLE.length)
  expect(JOURNEY_PEOPLE.every((p) => isExcludedFromSeededResults(p.email))).toBe(true)
})

test("before any result the fresh journey learner follows the Foundation path", () => {
  const path = getMyPath(learner, "da", db)
  expect(path.basis).toBe("foundation")
  expect(path.result).toBeNull()
})

// Nurse targets: understanding 1, use 2, evaluation 2, ethics_law 1, data 1, implementation 1.
const levelsA = {
  understanding: 0,
  use: 0,
  evaluation: 1,
  ethics_law: 1,
  data: 1,
  implementation: 1,
} as const

/** The learner reads every lesson of use-foundation, fails its quiz once and passes the retry. */
function completeUseFoundation() {
  const module = getContent().modules.find((m) => m.slug === "use-foundation")!
  for (const lesson of module.lessons)
    expect(markLessonRead(learner, module.slug, lesson.slug, db).ok).toBe(true)
  // answers to the questions this attempt drew, all wrong, then all right
  const drawn = () =>
    getQuizPage(learner, module.slug, "da", null, db)!.questions.map(
      (shown) => module.quiz.questions.find((q) => q.id === shown.id)!,
    )
  const wrong = Object.fromEntries(
    drawn().map((q) => [q.id, [q.options.find((o) => !q.correct.includes(o.id))!.id]]),
  )
  expect(submitQuiz(learner, module.slug, wrong, 0, db)).toMatchObject({ ok: true, isPassed: false })
  expect(getLearningSummary(learner, db)).toMatchObject({ completed: 0 })
  const right = Object.fromEntries(drawn().map((q) => [q.id, q.correct]))
  expect(submitQuiz(learner, module.slug, right, 1, db)).toMatchObject({ ok: true, isPassed: true })
}

test("result A becomes the path: the path's levels are the result page's levels", () => {
  takeSurvey(cycleA, levelsA, later(1))
  expect(resultLevels(cycleA)).toEqual(levelsA)

  const path = getMyPath(learner, "da", db)
  expect(path.basis).toBe("assessed")
  expect(path.result?.cycleName).toBe("Efterår 2026 / Autumn 2026")
  expect(Object.fromEntries(path.dimensions.map((d) => [d.dimension, d.level]))).toEqual(levelsA)
  expect(new Set(slugsOf(path))).toEqual(
    new Set(["understanding-foundation", "use-foundation", "use-practitioner", "evaluation-practitioner"]),
  )
  expect(getLearningSummary(learner, db)).toMatchObject({ basis: "assessed", total: 4, completed: 0 })
})

test("a failed quiz leaves the module open; a passed retry completes it", () => {
  takeSurvey(cycleA, levelsA, later(1))
  completeUseFoundation()
  expect(getLearningSummary(learner, db)).toMatchObject({ total: 4, completed: 1 })
})

test("a newer result B in a later cycle rebuilds the path and keeps the completed module", () => {
  takeSurvey(cycleA, levelsA, later(1))
  completeUseFoundation()
  db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, cycleA)).run()
  const region = db.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()!
  const cycleB = ensureCycle(db, {
    name: "Forår 2027 / Spring 2027",
    instrumentHash: instrument.hash,
    status: "open",
    opensOn: danishDay(later(2)),
    closesOn: danishDay(later(60 * 24 * 30)),
    minGroupSize: 5,
    unitIds: [region.id],
  })
  const levelsB = {
    understanding: 1,
    use: 1,
    evaluation: 2,
    ethics_law: 1,
    data: 1,
    implementation: 1,
  } as const
  takeSurvey(cycleB, levelsB, later(5))
  expect(resultLevels(cycleB)).toEqual(levelsB)

  const path = getMyPath(learner, "da", db)
  expect(path.result?.cycleName).toBe("Forår 2027 / Spring 2027")
  expect(Object.fromEntries(path.dimensions.map((d) => [d.dimension, d.level]))).toEqual(levelsB)
  // Only use is still below target; the completed Foundation module of use stays, marked completed.
  expect(slugsOf(path)).toEqual(["use-foundation", "use-practitioner"])
  const steps = path.groups.flatMap((g) => g.steps)
  expect(steps.find((s) => s.slug === "use-foundation")).toMatchObject({
    isCompleted: true,
    status: "completed",
  })
  expect(path.totals).toMatchObject({ modules: 2, completed: 1, remaining: 1 })
  const stored = db
    .select({ completedAt: enrolments.completedAt })
    .from(enrolments)
    .where(and(eq(enrolments.personId, learner.id), eq(enrolments.moduleSlug, "use-foundation")))
    .get()
  expect(stored?.completedAt).toBeInstanceOf(Date)
})
