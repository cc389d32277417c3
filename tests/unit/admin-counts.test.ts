import { expect, test } from "vitest"
import { decideParticipationCounts, showCount, showShare } from "~/domain/admin-counts"

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

test("participation counts: a small group's invited-but-silent people cannot be read off parent minus siblings", () => {
  const units = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 1 },
  ]
  const counts = decideParticipationCounts(
    units,
    [
      { unitId: 2, family: "nurse", invited: 12, submitted: 10 },
      { unitId: 3, family: "nurse", invited: 9, submitted: 7 },
      { unitId: 4, family: "nurse", invited: 3, submitted: 0 }, // nobody of the 3 answered
    ],
    5,
  )
  expect(counts.get(4)).toEqual({ invited: { kind: "fewer", k: 5 }, submitted: { kind: "fewer", k: 5 } })
  // the whole (24 invited, 17 submitted) beside both large units would give the 3 away: one of them is withheld
  const isShown = (id: number, what: "invited" | "submitted") => counts.get(id)![what].kind === "count"
  for (const what of ["invited", "submitted"] as const)
    expect(isShown(1, what) && isShown(2, what) && isShown(3, what)).toBe(false)
  // a withheld count that is not small says so, rather than "fewer than k"
  const withheld = [1, 2, 3].map((id) => counts.get(id)!.submitted).find((c) => c.kind !== "count")
  expect(withheld).toEqual({ kind: "hidden" })
})
