import { afterAll, beforeEach, expect, test } from "vitest"
import { getContentStatus } from "~/services/admin-content.server"
import { syncContent } from "~/services/content-sync.server"
import { makeFullCoursesDir, TWO_DIMENSION_MODULES, useCoursesDir } from "../fixtures/learning-content"
import { testDb } from "./db"

// use-foundation's law was checked well over a year ago, use-practitioner's recently, use-advanced has no date.
const courses = makeFullCoursesDir(
  TWO_DIMENSION_MODULES.map((m) =>
    m.slug === "use-foundation"
      ? { ...m, lawAsOf: "2025-06-01" }
      : m.slug === "use-practitioner"
        ? { ...m, lawAsOf: "2026-10-01" }
        : m,
  ),
)
afterAll(() => courses.cleanup())
beforeEach(() => {
  useCoursesDir(courses.root)
})

test("the content page flags a module whose law is more than a year old, and one without a date", () => {
  const db = testDb()
  syncContent(db)
  const status = getContentStatus(db, courses.root, new Date("2026-11-25T12:00:00Z"))
  const bySlug = new Map(status.modules.map((m) => [m.slug, m]))
  expect(bySlug.get("use-foundation")).toMatchObject({ lawAsOf: "2025-06-01", lawReview: "outdated" })
  expect(bySlug.get("use-practitioner")).toMatchObject({ lawAsOf: "2026-10-01", lawReview: "current" })
  expect(bySlug.get("use-advanced")).toMatchObject({ lawAsOf: null, lawReview: "unstated" })
})
