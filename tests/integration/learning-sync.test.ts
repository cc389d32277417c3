import { eq } from "drizzle-orm"
import { afterEach, beforeEach, expect, test } from "vitest"
import { getContent } from "~/services/content-loader.server"
import { getMyPath, getQuizPage, markLessonRead, startModule, submitQuiz } from "~/services/learning.server"
import { syncContentModules } from "~/services/learning-sync.server"
import type { Db } from "../../db/client"
import { enrolments, lessonProgress, modules, people, quizAttempts } from "../../db/schema"
import {
  fixtureAnswers,
  makeFullCoursesDir,
  TWO_DIMENSION_MODULES,
  useCoursesDir,
} from "../fixtures/learning-content"
import { testDb } from "./db"

let db: Db
let courses: ReturnType<typeof makeFullCoursesDir>
beforeEach(() => {
  courses = makeFullCoursesDir(TWO_DIMENSION_MODULES)
  useCoursesDir(courses.root)
  db = testDb()
})
afterEach(() => courses.cleanup())

const reload = () => {
  useCoursesDir(courses.root)
  return getContent().modules
}
const rowOf = (slug: string) => db.select().from(modules).where(eq(modules.slug, slug)).get()
const learner = () => {
  const p = db.select().from(people).where(eq(people.email, "employee@parat.test")).get()!
  return { id: p.id, jobFamily: p.jobFamily }
}
/** The learner reads one lesson of use-foundation and passes its quiz. */
const completeFoundation = (user: ReturnType<typeof learner>) => {
  startModule(user, "use-foundation", db)
  markLessonRead(user, "use-foundation", "first", db)
  const drawn = getQuizPage(user, "use-foundation", "en", null, db)!.questions.map((q) => q.id)
  expect(submitQuiz(user, "use-foundation", fixtureAnswers(drawn, true), 0, db)).toMatchObject({
    ok: true,
    isPassed: true,
  })
}
/** use-foundation leaves the content; its dependant no longer asks for it, or the content would not load. */
const removeFoundation = () => {
  courses.removeModule("use-foundation")
  courses.writeModule({ slug: "use-practitioner", dimension: "use", level: 2 })
}

test("syncing the same content twice adds the modules once and changes nothing the second time", () => {
  db = testDb("empty")
  const first = syncContentModules(db, reload(), new Date("2026-01-01"))
  expect(first).toEqual({ added: 6, updated: 0, unchanged: 0, removed: 0 })
  const before = db.select().from(modules).all()
  const second = syncContentModules(db, reload(), new Date("2026-01-02"))
  expect(second).toEqual({ added: 0, updated: 0, unchanged: 6, removed: 0 })
  expect(db.select().from(modules).all()).toEqual(before)
})

test("editing a module updates its row by slug and keeps the learner's progress", () => {
  syncContentModules(db, reload(), new Date("2026-01-01"))
  const user = learner()
  completeFoundation(user)
  const hashBefore = rowOf("use-foundation")!.contentHash

  courses.writeModule({ slug: "use-foundation", dimension: "use", level: 1, title: "Renamed" })
  const summary = syncContentModules(db, reload(), new Date("2026-02-01"))
  expect(summary).toMatchObject({ updated: 1, unchanged: 5 })
  const row = rowOf("use-foundation")!
  expect(row.title.en).toBe("Renamed (en)")
  expect(row.contentHash).not.toBe(hashBefore)
  expect(db.select().from(lessonProgress).where(eq(lessonProgress.personId, user.id)).all()).toHaveLength(1)
  expect(
    db.select().from(enrolments).where(eq(enrolments.personId, user.id)).get()?.completedAt,
  ).toBeInstanceOf(Date)
  const path = getMyPath(user, "en", db)
  const step = path.groups.flatMap((g) => g.steps).find((s) => s.slug === "use-foundation")!
  expect(step).toMatchObject({ title: "Renamed (en)", isCompleted: true, lessonsRead: 1 })
})

test("removing a module marks it removed, never deletes it, and keeps its completion history", () => {
  syncContentModules(db, reload(), new Date("2026-01-01"))
  const user = learner()
  completeFoundation(user)
  removeFoundation()
  const summary = syncContentModules(db, reload(), new Date("2026-03-01"))
  expect(summary).toMatchObject({ removed: 1, updated: 1, unchanged: 4 })
  expect(rowOf("use-foundation")!.removedAt).toEqual(new Date("2026-03-01"))
  expect(
    db.select().from(quizAttempts).where(eq(quizAttempts.moduleSlug, "use-foundation")).all(),
  ).toHaveLength(1)
  expect(db.select().from(enrolments).where(eq(enrolments.moduleSlug, "use-foundation")).all()).toHaveLength(
    1,
  )

  const path = getMyPath(user, "en", db)
  expect(path.groups.flatMap((g) => g.steps).map((s) => s.slug)).not.toContain("use-foundation")
  expect(path.history).toEqual([
    { slug: "use-foundation", title: "use-foundation (en)", completedAt: expect.any(Date) },
  ])

  // A second sync keeps the first removal date.
  syncContentModules(db, reload(), new Date("2026-04-01"))
  expect(rowOf("use-foundation")!.removedAt).toEqual(new Date("2026-03-01"))
})

test("a module that comes back is live again, with its history in place", () => {
  syncContentModules(db, reload(), new Date("2026-01-01"))
  const user = learner()
  completeFoundation(user)
  removeFoundation()
  syncContentModules(db, reload(), new Date("2026-03-01"))
  expect(getMyPath(user, "en", db).history).toHaveLength(1)

  courses.writeModule({ slug: "use-foundation", dimension: "use", level: 1, title: "Back again" })
  const summary = syncContentModules(db, reload(), new Date("2026-05-01"))
  expect(summary).toMatchObject({ updated: 1 })
  expect(rowOf("use-foundation")!.removedAt).toBeNull()
  const path = getMyPath(user, "en", db)
  expect(path.history).toEqual([])
  expect(path.groups.flatMap((g) => g.steps).find((s) => s.slug === "use-foundation")).toMatchObject({
    title: "Back again (en)",
    isCompleted: true,
  })
})
