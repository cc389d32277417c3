import { expect, test } from "vitest"
import { drawQuiz, MIN_PASS_MARK, scoreDrawnQuiz, shuffled } from "~/domain/quiz"
import { findQuizCues } from "~/domain/quiz-cues"

/** A deterministic pseudo-random source (mulberry32). */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pool = Array.from({ length: 10 }, (_, i) => ({
  id: `q${i + 1}`,
  kind: "single" as const,
  options: ["a", "b", "c", "d"].map((id) => ({ id })),
  correct: ["a"],
}))

test("a draw takes the asked number of distinct questions from the pool, each with all its options", () => {
  const draw = drawQuiz(pool, 5, [], seeded(1))
  expect(draw).toHaveLength(5)
  expect(new Set(draw.map((d) => d.id)).size).toBe(5)
  for (const d of draw) expect([...d.options].sort()).toEqual(["a", "b", "c", "d"])
})

test("a retry draws the questions the previous attempt did not show, when the pool is twice the draw", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const first = drawQuiz(pool, 5, [], seeded(seed))
    const second = drawQuiz(
      pool,
      5,
      first.map((d) => d.id),
      seeded(seed + 100),
    )
    expect(second.map((d) => d.id).filter((id) => first.some((d) => d.id === id))).toEqual([])
  }
})

test("options are shuffled: over many draws the key appears in every position", () => {
  const positions = new Set<number>()
  const random = seeded(7)
  for (let i = 0; i < 40; i++) positions.add(drawQuiz(pool, 1, [], random)[0]!.options.indexOf("a"))
  expect([...positions].sort()).toEqual([0, 1, 2, 3])
})

test("shuffling keeps every item exactly once", () => {
  expect(shuffled([1, 2, 3, 4, 5], seeded(3)).sort()).toEqual([1, 2, 3, 4, 5])
})

test("an attempt is scored on exactly the drawn questions; a question outside the quiz rejects it", () => {
  const quiz = { passMark: 0.8, questions: pool }
  const draw = drawQuiz(pool, 5, [], seeded(2))
  const allRight = Object.fromEntries(draw.map((d) => [d.id, ["a"]]))
  expect(scoreDrawnQuiz(quiz, draw, allRight)).toMatchObject({
    ok: true,
    rightCount: 5,
    score: 1,
    isPassed: true,
  })
  const fourRight = { ...allRight, [draw[0]!.id]: ["b"] }
  expect(scoreDrawnQuiz(quiz, draw, fourRight)).toMatchObject({ ok: true, rightCount: 4, isPassed: true })
  const threeRight = { ...fourRight, [draw[1]!.id]: [] }
  expect(scoreDrawnQuiz(quiz, draw, threeRight)).toMatchObject({ ok: true, rightCount: 3, isPassed: false })
  expect(scoreDrawnQuiz(quiz, [...draw, { id: "gone", options: ["a"] }], allRight)).toEqual({
    ok: false,
    reason: "unknown_question",
  })
})

test("the minimum pass mark rises with the level", () => {
  expect(MIN_PASS_MARK[4]).toBeGreaterThan(MIN_PASS_MARK[1])
  expect(MIN_PASS_MARK[1]).toBeLessThanOrEqual(MIN_PASS_MARK[2])
  expect(MIN_PASS_MARK[2]).toBeLessThanOrEqual(MIN_PASS_MARK[3])
  expect(MIN_PASS_MARK[3]).toBeLessThanOrEqual(MIN_PASS_MARK[4])
})

// ---------------------------------------------------------------- cues

const text = (s: string) => ({ da: s, en: s })
const question = (id: string, options: string[], key: number, kind: "single" | "multiple" = "single") => ({
  id,
  kind,
  options: options.map((o, i) => ({ id: "abcd"[i]!, text: text(o) })),
  correct: ["abcd"[key]!],
})

test("a quiz whose key is the longest option far more often than chance is flagged with the questions", () => {
  // keys spread over the four positions, but always the longest text
  const cued = Array.from({ length: 8 }, (_, i) => {
    const options = ["short", "brief", "tiny", "terse"]
    options[i % 4] = "a much longer and careful answer"
    return question(`q${i}`, options, i % 4)
  })
  const cues = findQuizCues(cued)
  expect(cues).toHaveLength(1)
  expect(cues[0]!.message).toContain("longest in 8 of 8")
  expect(cues[0]!.message).toContain("q0, q1")
})

test("keys spread over positions with balanced lengths pass", () => {
  const fair = Array.from({ length: 8 }, (_, i) =>
    question(`q${i}`, ["option one", "option two", "option 3", "option four"], i % 4),
  )
  expect(findQuizCues(fair)).toEqual([])
})

test("position bias, absolute words in distractors and 'all of the above' are flagged", () => {
  const sameSlot = Array.from({ length: 8 }, (_, i) =>
    question(`q${i}`, ["It is always right", "balanced answer", "It never works", "Only on Mondays"], 1),
  )
  const messages = findQuizCues(sameSlot).map((c) => c.message)
  expect(messages.some((m) => m.includes("option 2 in 8 of 8"))).toBe(true)
  expect(messages.some((m) => m.includes("absolute words"))).toBe(true)
  const above = findQuizCues([question("q1", ["one", "two", "Alle ovenstående"], 2)])
  expect(above).toContainEqual({
    questionId: "q1",
    message: expect.stringContaining("all/none of the above"),
  })
})
