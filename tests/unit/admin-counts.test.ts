import { expect, test } from "vitest"
import { showCount, showShare } from "~/domain/admin-counts"

test("a count of at least k is shown", () => {
  expect(showCount(5, 5)).toEqual({ kind: "count", n: 5 })
  expect(showCount(120, 5)).toEqual({ kind: "count", n: 120 })
})

test("a count below k, zero included, is shown only as fewer than k", () => {
  expect(showCount(4, 5)).toEqual({ kind: "fewer", k: 5 })
  expect(showCount(1, 5)).toEqual({ kind: "fewer", k: 5 })
  expect(showCount(0, 3)).toEqual({ kind: "fewer", k: 3 })
})

test("a share is given only when both counts reach k", () => {
  expect(showShare(10, 20, 5)).toBe(50)
  expect(showShare(4, 20, 5)).toBeNull()
  expect(showShare(5, 4, 5)).toBeNull()
  expect(showShare(0, 0, 5)).toBeNull()
})
