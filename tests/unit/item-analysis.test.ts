import { expect, test } from "vitest"
import {
  type AnalysedItem,
  analyseItems,
  correlation,
  cronbachAlpha,
  MIN_RESPONSES,
  shareNearThresholds,
  variance,
} from "~/domain/item-analysis"
import { DONT_KNOW } from "~/domain/scoring"

const opts = [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }]
const item = (id: string, isAnchor = false): AnalysedItem => ({
  id,
  dimension: "use",
  options: opts,
  correct: "a",
  isAnchor,
})
const zeroOne = (i: AnalysedItem, answer: number | string | undefined) =>
  answer === undefined ? null : answer === i.correct ? 1 : 0
const toScore = (m: number) => Math.max(0, m) * 100

test("variance and correlation: sample variance, perfect and undefined correlations", () => {
  expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3)
  expect(variance([7])).toBe(0)
  expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1)
  expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1)
  expect(correlation([1, 1, 1], [1, 2, 3])).toBeNull()
})

test("Cronbach's alpha matches the textbook formula on complete data", () => {
  const rows = [
    [1, 1, 1],
    [1, 1, 0],
    [0, 1, 0],
    [0, 0, 0],
    [1, 0, 1],
  ]
  const k = 3
  const itemVar = [0, 1, 2].map((j) => variance(rows.map((r) => r[j]!)))
  const totalVar = variance(rows.map((r) => r.reduce((a, b) => a + b, 0)))
  const textbook = (k / (k - 1)) * (1 - itemVar.reduce((a, b) => a + b, 0) / totalVar)
  expect(cronbachAlpha(rows, k)).toBeCloseTo(textbook, 10)
})

test("Cronbach's alpha uses pairs answered together when forms differ", () => {
  const rows = [
    [1, 1, null],
    [0, 0, null],
    [null, 1, 1],
    [null, 0, 0],
    [1, null, 1],
    [0, null, 0],
  ]
  expect(cronbachAlpha(rows, 2)).toBeCloseTo(1)
  expect(cronbachAlpha([[1], [0]], 1)).toBeNull()
})

test("the share near a threshold counts scores less than one SEM away", () => {
  expect(shareNearThresholds([10, 35, 45, 90], [40, 60], 6)).toBe(0.5)
  expect(shareNearThresholds([], [40], 6)).toBeNull()
})

/** n respondents: the first `good` answer every item right, the rest wrong (b), the last three don't know. */
function responses(n: number, good: number, ids: string[]) {
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(ids.map((id) => [id, r < good ? "a" : r >= n - 3 ? DONT_KNOW : "b"])),
  )
}

test("item statistics: share correct, distractor shares, item-rest correlation and flags", () => {
  const items = [item("use.k1", true), item("use.k2"), item("use.k3")]
  const answers = responses(40, 20, ["use.k1", "use.k2", "use.k3"])
  answers[0]!["use.k3"] = "b"
  answers[25]!["use.k3"] = "a"
  const { items: stats, dimensions } = analyseItems(items, answers, zeroOne, toScore, [40, 60])
  const k1 = stats.find((s) => s.id === "use.k1")!
  expect(k1).toMatchObject({ n: 40, isAnchor: true, shareCorrect: 0.5, shareDontKnow: 3 / 40 })
  expect(k1.optionShares).toEqual({ a: 0.5, b: 17 / 40, c: 0, d: 0 })
  expect(k1.itemRest).toBeGreaterThan(0.9)
  expect(k1.flags).toEqual(["unused_distractor"])
  expect(stats.find((s) => s.id === "use.k3")!.itemRest!).toBeLessThan(k1.itemRest!)
  expect(dimensions[0]).toMatchObject({ dimension: "use", n: 40, formLength: 3 })
  expect(dimensions[0]!.alpha!).toBeGreaterThan(0.9)
  expect(dimensions[0]!.sem!).toBeGreaterThan(0)
  expect(dimensions[0]!.shareWithinSemOfThreshold).not.toBeNull()
})

test("an item that the better respondents get wrong is flagged for its key", () => {
  const items = [item("use.k1"), item("use.k2"), item("use.k3")]
  const answers = responses(40, 20, ["use.k1", "use.k2"]).map((a, r) => ({
    ...a,
    "use.k3": r < 20 ? "c" : "a",
  }))
  const k3 = analyseItems(items, answers, zeroOne, toScore, [40]).items.find((s) => s.id === "use.k3")!
  expect(k3.flags).toContain("negative_discrimination")
})

test("an item seen by fewer than the minimum gets no statistics", () => {
  const items = [item("use.k1"), item("use.k9")]
  const answers = responses(MIN_RESPONSES + 5, 10, ["use.k1"])
  answers[0]!["use.k9"] = "a"
  const k9 = analyseItems(items, answers, zeroOne, toScore, [40]).items.find((s) => s.id === "use.k9")!
  expect(k9).toMatchObject({ n: 1, shareCorrect: null, optionShares: null, flags: ["too_few"] })
})

test("too easy and too hard items are flagged", () => {
  const items = [item("use.k1"), item("use.k2")]
  const easy = analyseItems(items, responses(40, 40, ["use.k1", "use.k2"]), zeroOne, toScore, [40])
  expect(easy.items[0]!.flags).toContain("too_easy")
  const hard = analyseItems(items, responses(40, 2, ["use.k1", "use.k2"]), zeroOne, toScore, [40])
  expect(hard.items[0]!.flags).toContain("too_hard")
})
