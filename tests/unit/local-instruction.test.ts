import { expect, test } from "vitest"
import {
  contentKeyOf,
  InstructionContent,
  type InstructionQuiz,
  publicQuiz,
  scoreInstructionQuiz,
} from "~/domain/local-instruction"

const b = (s: string) => ({ da: `${s} (da)`, en: s })
const quiz = (passMark = 1): InstructionQuiz => ({
  passMark,
  questions: [
    { prompt: b("Who answers the alert?"), options: [b("The nurse"), b("Nobody")], correct: 0 },
    {
      prompt: b("Whom to call at night?"),
      options: [b("IT"), b("The on-call doctor"), b("Nobody")],
      correct: 1,
    },
  ],
})

test("all answers right passes with score 1; one wrong fails a pass mark of 100 %", () => {
  expect(
    scoreInstructionQuiz(
      quiz(),
      new Map([
        [0, 0],
        [1, 1],
      ]),
    ),
  ).toEqual({
    correct: 2,
    total: 2,
    score: 1,
    isPassed: true,
    missed: [],
  })
  expect(
    scoreInstructionQuiz(
      quiz(),
      new Map([
        [0, 0],
        [1, 2],
      ]),
    ),
  ).toMatchObject({
    correct: 1,
    isPassed: false,
    missed: [1],
  })
})

test("a pass mark of 50 % passes with half right; unanswered and out-of-range answers count as wrong", () => {
  expect(scoreInstructionQuiz(quiz(0.5), new Map([[1, 1]]))).toMatchObject({ isPassed: true, missed: [0] })
  expect(
    scoreInstructionQuiz(
      quiz(0.5),
      new Map([
        [0, 7],
        [1, 9],
      ]),
    ),
  ).toMatchObject({
    isPassed: false,
    missed: [0, 1],
  })
})

test("the learner's quiz carries no answer key", () => {
  const shown = publicQuiz(quiz(), "da")
  expect(JSON.stringify(shown)).not.toContain("correct")
  expect(shown[1]).toEqual({
    index: 1,
    prompt: "Whom to call at night? (da)",
    options: [
      { value: 0, text: "IT (da)" },
      { value: 1, text: "The on-call doctor (da)" },
      { value: 2, text: "Nobody (da)" },
    ],
  })
})

test("an instruction needs both languages and a right answer among its options", () => {
  const ok = { title: b("Sepsis alert"), body: b("# Read me"), quiz: quiz() }
  expect(InstructionContent.safeParse(ok).success).toBe(true)
  expect(InstructionContent.safeParse({ ...ok, title: { da: "x", en: " " } }).success).toBe(false)
  const badKey = { ...ok, quiz: { ...quiz(), questions: [{ ...quiz().questions[0]!, correct: 2 }] } }
  expect(InstructionContent.safeParse(badKey).success).toBe(false)
})

test("content keys keep modules by slug and instructions apart", () => {
  expect(contentKeyOf({ moduleSlug: "use-foundation", instructionId: null })).toBe("use-foundation")
  expect(contentKeyOf({ moduleSlug: null, instructionId: 4 })).toBe("instruction:4")
})
