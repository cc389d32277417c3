import { expect, test } from "vitest"
import { lawReview } from "~/domain/law-date"

test("the law of a module is current for a year after its date, then due for review", () => {
  expect(lawReview("2025-11-25", new Date("2026-11-25T00:00:00Z"))).toBe("current")
  expect(lawReview("2025-11-25", new Date("2026-11-25T00:00:01Z"))).toBe("outdated")
  expect(lawReview("2026-07-27", new Date("2026-11-25T12:00:00Z"))).toBe("current")
  expect(lawReview("2024-02-29", new Date("2025-03-02T00:00:00Z"))).toBe("outdated")
})

test("a module without a date is flagged as unstated", () => {
  expect(lawReview(undefined, new Date())).toBe("unstated")
  expect(lawReview(null, new Date())).toBe("unstated")
})
