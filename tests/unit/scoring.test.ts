import { expect, test } from "vitest"
import type { Instrument } from "~/domain/content-schema"
import { DONT_KNOW, levelForScore, scoreResponse } from "~/domain/scoring"

const t = { da: "x", en: "x" }
const opts = [
  { id: "a" as const, text: t },
  { id: "b" as const, text: t },
  { id: "c" as const, text: t },
]
const instrument: Pick<Instrument, "dimensions" | "levels" | "minAnsweredShare"> = {
  levels: [
    { level: 1, min: 40 },
    { level: 2, min: 60 },
    { level: 3, min: 75 },
    { level: 4, min: 90 },
  ],
  minAnsweredShare: 0.6,
  dimensions: [
    {
      key: "understanding",
      name: t,
      description: t,
      items: [
        { id: "understanding.s1", kind: "likert", reverse: false, text: t },
        { id: "understanding.s2", kind: "likert", reverse: true, text: t },
        { id: "understanding.s3", kind: "likert", reverse: false, text: t },
        { id: "understanding.k1", kind: "knowledge", text: t, options: opts, correct: "b" },
        { id: "understanding.k2", kind: "knowledge", text: t, options: opts, correct: "c" },
      ],
    },
  ],
}
const dim = (answers: Record<string, number | string>) => scoreResponse(instrument, answers).dimensions[0]!

test("all lowest answers score 0 and level 0", () => {
  expect(
    dim({
      "understanding.s1": 1,
      "understanding.s2": 5,
      "understanding.s3": 1,
      "understanding.k1": "a",
      "understanding.k2": "a",
    }),
  ).toMatchObject({ score: 0, level: 0, isComplete: true })
})

test("all highest answers score 100 and level 4", () => {
  expect(
    dim({
      "understanding.s1": 5,
      "understanding.s2": 1,
      "understanding.s3": 5,
      "understanding.k1": "b",
      "understanding.k2": "c",
    }),
  ).toMatchObject({ score: 100, level: 4 })
})

test("a reverse-keyed item counts agreement as lower competence", () => {
  const agree = dim({ "understanding.s1": 3, "understanding.s2": 5, "understanding.s3": 3 })
  const disagree = dim({ "understanding.s1": 3, "understanding.s2": 1, "understanding.s3": 3 })
  expect(agree.score).toBeCloseTo(33.3, 1)
  expect(disagree.score).toBeCloseTo(66.7, 1)
})

test("don't know counts as not known, never as an error", () => {
  const d = dim({
    "understanding.s1": 5,
    "understanding.s2": 1,
    "understanding.s3": 5,
    "understanding.k1": DONT_KNOW,
    "understanding.k2": DONT_KNOW,
  })
  expect(d).toMatchObject({ score: 60, level: 2, answered: 5 })
})

test("too few answered items make the dimension incomplete instead of guessing", () => {
  expect(dim({ "understanding.s1": 5, "understanding.k1": "b" })).toMatchObject({
    score: null,
    level: null,
    answered: 2,
    isComplete: false,
  })
  expect(scoreResponse(instrument, {}).minLevel).toBe(0)
})

test("exactly the minimum share answered is enough", () => {
  expect(dim({ "understanding.s1": 5, "understanding.s3": 5, "understanding.k1": "b" })).toMatchObject({
    score: 100,
    isComplete: true,
  })
})

test("forged item ids and impossible values are ignored, not scored", () => {
  const d = dim({
    "understanding.s1": 9,
    "understanding.s2": "b",
    "understanding.k1": "z",
    "other.s1": 5,
    "understanding.s3": 2.5,
  })
  expect(d).toMatchObject({ answered: 0, isComplete: false })
})

test("a score exactly on a threshold reaches that level; just below does not", () => {
  expect(levelForScore(40, instrument.levels)).toBe(1)
  expect(levelForScore(39.9, instrument.levels)).toBe(0)
  expect(levelForScore(60, instrument.levels)).toBe(2)
  expect(levelForScore(74.9, instrument.levels)).toBe(2)
  expect(levelForScore(75, instrument.levels)).toBe(3)
  expect(levelForScore(90, instrument.levels)).toBe(4)
  expect(levelForScore(0, instrument.levels)).toBe(0)
})

test("a wrong knowledge answer gives 0 points and a middle likert answer half", () => {
  const d = dim({
    "understanding.s1": 3,
    "understanding.s2": 3,
    "understanding.s3": 3,
    "understanding.k1": "a",
  })
  expect(d).toMatchObject({ score: 37.5, level: 0, answered: 4 })
})

test("scores are rounded to one decimal", () => {
  // (1 + 0.75 + 0.75) / 3 = 0.8333...
  expect(dim({ "understanding.s1": 5, "understanding.s2": 2, "understanding.s3": 4 }).score).toBe(83.3)
})

test("minLevel is the lowest level over all dimensions, and 0 when any dimension is incomplete", () => {
  const second = { ...instrument.dimensions[0]!, key: "use" as const }
  second.items = second.items.map((item) => ({ ...item, id: item.id.replace("understanding", "use") }))
  const two = { ...instrument, dimensions: [instrument.dimensions[0]!, second] }
  const high = {
    "understanding.s1": 5,
    "understanding.s2": 1,
    "understanding.s3": 5,
    "understanding.k1": "b",
    "understanding.k2": "c",
  }
  const mid = { "use.s1": 4, "use.s2": 2, "use.s3": 4, "use.k1": "b", "use.k2": "a" } // 0.75*3 + 1 = 3.25/5 = 65
  expect(scoreResponse(two, { ...high, ...mid })).toMatchObject({ minLevel: 2 })
  expect(scoreResponse(two, { ...high, "use.s1": 5 })).toMatchObject({ minLevel: 0 })
})

test("a dimension without items is incomplete, never a division by zero", () => {
  const empty = { ...instrument, dimensions: [{ ...instrument.dimensions[0]!, items: [] }] }
  expect(scoreResponse(empty, {}).dimensions[0]).toMatchObject({
    score: null,
    level: null,
    isComplete: false,
  })
})
