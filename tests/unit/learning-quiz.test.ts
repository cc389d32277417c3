import { expect, test } from "vitest"
import { type QuizForScoring, quizAnswersFromForm, scoreQuiz } from "~/domain/quiz"

const quiz: QuizForScoring = {
  passMark: 0.8,
  questions: [
    { id: "q1", kind: "single", options: [{ id: "a" }, { id: "b" }, { id: "c" }], correct: ["b"] },
    {
      id: "q2",
      kind: "multiple",
      options: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
      correct: ["a", "c"],
    },
    { id: "q3", kind: "single", options: [{ id: "a" }, { id: "b" }], correct: ["a"] },
    { id: "q4", kind: "single", options: [{ id: "a" }, { id: "b" }], correct: ["b"] },
    { id: "q5", kind: "multiple", options: [{ id: "a" }, { id: "b" }], correct: ["b"] },
  ],
}
const allRight = { q1: ["b"], q2: ["c", "a"], q3: ["a"], q4: ["b"], q5: ["b"] }

test("all right: score 1, passed, every question marked right", () => {
  const outcome = scoreQuiz(quiz, allRight)
  expect(outcome).toMatchObject({ ok: true, score: 1, rightCount: 5, isPassed: true })
  if (outcome.ok) expect(outcome.questions.every((q) => q.isCorrect)).toBe(true)
})

test("exactly on the pass mark passes (4 of 5 with a pass mark of 0.8)", () => {
  expect(scoreQuiz(quiz, { ...allRight, q5: ["a"] })).toMatchObject({ ok: true, score: 0.8, isPassed: true })
})

test("just below the pass mark fails", () => {
  expect(scoreQuiz(quiz, { ...allRight, q4: ["a"], q5: ["a"] })).toMatchObject({
    score: 0.6,
    isPassed: false,
  })
})

test("a multiple-choice question is right only with exactly the correct options", () => {
  const partly = scoreQuiz(quiz, { ...allRight, q2: ["a"] })
  const tooMany = scoreQuiz(quiz, { ...allRight, q2: ["a", "b", "c"] })
  for (const outcome of [partly, tooMany]) {
    expect(outcome.ok && outcome.questions.find((q) => q.id === "q2")!.isCorrect).toBe(false)
  }
})

test("an unanswered question counts as wrong and reports no choice", () => {
  const outcome = scoreQuiz(quiz, { q1: ["b"] })
  expect(outcome).toMatchObject({ ok: true, rightCount: 1, score: 0.2, isPassed: false })
  if (outcome.ok)
    expect(outcome.questions[1]).toEqual({ id: "q2", chosen: [], correct: ["a", "c"], isCorrect: false })
})

test("an empty submission scores 0, not an error", () => {
  expect(scoreQuiz(quiz, {})).toMatchObject({ ok: true, score: 0, isPassed: false })
})

test("a forged question id rejects the attempt", () => {
  expect(scoreQuiz(quiz, { ...allRight, q99: ["a"] })).toEqual({ ok: false, reason: "unknown_question" })
})

test("a forged option id rejects the attempt", () => {
  expect(scoreQuiz(quiz, { ...allRight, q1: ["z"] })).toEqual({ ok: false, reason: "unknown_option" })
})

test("two options on a single-choice question reject the attempt", () => {
  expect(scoreQuiz(quiz, { ...allRight, q1: ["a", "b"] })).toEqual({ ok: false, reason: "too_many_options" })
})

test("the same option sent twice counts once", () => {
  expect(scoreQuiz(quiz, { ...allRight, q1: ["b", "b"] })).toMatchObject({ ok: true, score: 1 })
})

test("form fields named q.<id> become answers; other fields are ignored; oversized values are refused", () => {
  expect(
    quizAnswersFromForm([
      ["intent", "submit"],
      ["q.q1", "b"],
      ["q.q2", "a"],
      ["q.q2", "c"],
    ]),
  ).toEqual({ q1: ["b"], q2: ["a", "c"] })
  expect(quizAnswersFromForm([["q.q1", "x".repeat(101)]])).toBeNull()
  expect(quizAnswersFromForm([["q.", "a"]])).toBeNull()
})
