import { expect, test } from "vitest"
import { CycleParams, IdParams, idParam, LessonParams, parseParams, TokenParams } from "~/utils/route-params"

async function statusOf(run: () => unknown) {
  try {
    run()
    return 200
  } catch (error) {
    return (error as Response).status
  }
}

test("a well-formed id is parsed to a number", () => {
  expect(parseParams({ id: "42" }, IdParams)).toEqual({ id: 42 })
  expect(parseParams({ cycleId: "7" }, CycleParams)).toEqual({ cycleId: 7 })
  expect(parseParams({ unitId: "3" }, { unitId: idParam })).toEqual({ unitId: 3 })
})

test("a path that cannot name anything is a 404: letters, zero, negatives, fractions, overflow, missing", async () => {
  for (const id of ["abc", "0", "-1", "1.5", "2147483648", "1e3x", "", undefined]) {
    expect({ id, status: await statusOf(() => parseParams({ id }, IdParams)) }).toEqual({ id, status: 404 })
  }
})

test("content slugs are lower-case words joined by hyphens; anything else is a 404", async () => {
  expect(parseParams({ slug: "ai-basics", lesson: "lesson-1" }, LessonParams)).toEqual({
    slug: "ai-basics",
    lesson: "lesson-1",
  })
  for (const slug of ["AI", "a--b", "-a", "a/b", "x".repeat(101)]) {
    expect(await statusOf(() => parseParams({ slug, lesson: "a" }, LessonParams))).toBe(404)
  }
})

test("a token is any text of sane length; an overlong one is a 404", async () => {
  expect(parseParams({ token: "abc_DEF-123" }, TokenParams)).toEqual({ token: "abc_DEF-123" })
  expect(await statusOf(() => parseParams({ token: "x".repeat(201) }, TokenParams))).toBe(404)
})
