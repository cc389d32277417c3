import { count, eq } from "drizzle-orm"
import { afterAll, beforeEach, expect, test } from "vitest"
import { getLatestResult, getMyPath } from "~/services/learning.server"
import type { Db } from "../../db/client"
import { cycles, enrolments, people, results } from "../../db/schema"
import { DEMO_LEARNERS, LEARNING_CYCLE_NAME } from "../../scripts/seed/learners"
import { seedLearning } from "../../scripts/seed/learning"
import { makeFullCoursesDir, TWO_DIMENSION_MODULES, useCoursesDir } from "../fixtures/learning-content"
import { testDb } from "./db"

let db: Db
const courses = makeFullCoursesDir(TWO_DIMENSION_MODULES)
afterAll(() => courses.cleanup())
beforeEach(() => {
  useCoursesDir(courses.root)
  db = testDb()
  seedLearning(db, "hash")
})
const personOf = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!

test("the learning seed gives each demo learner exactly the levels it promises", () => {
  for (const learner of DEMO_LEARNERS) {
    const result = getLatestResult(personOf(learner.email).id, db)!
    expect(result.cycleName).toBe(LEARNING_CYCLE_NAME)
    expect(Object.fromEntries(result.scores.map((s) => [s.dimension, s.level]))).toEqual(learner.levels)
  }
})

test("seeding again adds no cycle, result or person, and reuses a cycle of the same name", () => {
  const before = {
    cycles: db.select({ n: count() }).from(cycles).get()!.n,
    results: db.select({ n: count() }).from(results).get()!.n,
    people: db.select({ n: count() }).from(people).get()!.n,
  }
  seedLearning(db, "hash")
  expect({
    cycles: db.select({ n: count() }).from(cycles).get()!.n,
    results: db.select({ n: count() }).from(results).get()!.n,
    people: db.select({ n: count() }).from(people).get()!.n,
  }).toEqual(before)
  expect(before.cycles).toBe(1)
})

test("the demo employee gets no result and no progress: the Foundation path, untouched", () => {
  const employee = personOf("employee@parat.test")
  expect(getLatestResult(employee.id, db)).toBeNull()
  expect(db.select().from(enrolments).all()).toEqual([])
  const path = getMyPath(employee, "da", db)
  expect(path.basis).toBe("foundation")
})

test("the nurse learner's path follows the largest gap first", () => {
  const path = getMyPath(personOf("learner.one@parat.test"), "da", db)
  expect(path.basis).toBe("assessed")
  expect(path.dimensions.filter((d) => d.gap > 0).map((d) => [d.dimension, d.gap])).toEqual([
    ["use", 2],
    ["evaluation", 1],
    ["data", 1],
  ])
  expect(path.groups.map((g) => [g.level, g.steps.map((s) => s.slug)])).toEqual([
    [1, ["use-foundation", "data-foundation"]],
    [2, ["use-practitioner"]],
  ])
})
