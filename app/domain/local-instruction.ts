// Local instructions: what the hospital itself tells staff about one of its AI systems (how the sepsis alert is
// set up here, whom to call). Written in the admin UI as Markdown in Danish and English, versioned, with a short
// check quiz scored on the server. Pure: the schema of an instruction and the scoring, no I/O.
import { z } from "zod"

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !v.includes("\u0000"))
const bilingual = (max: number) => z.strictObject({ da: text(max), en: text(max) })

export const InstructionQuestion = z.strictObject({
  prompt: bilingual(500),
  /** two to four options; exactly one is right */
  options: z.array(bilingual(300)).min(2).max(4),
  correct: z.number().int().min(0).max(3),
})
export type InstructionQuestion = z.infer<typeof InstructionQuestion>

export const InstructionQuiz = z
  .strictObject({
    questions: z.array(InstructionQuestion).min(1).max(10),
    /** share of questions to answer right, 0..1 */
    passMark: z.number().min(0.5).max(1),
  })
  .refine((q) => q.questions.every((x) => x.correct < x.options.length), {
    message: "correct",
  })
export type InstructionQuiz = z.infer<typeof InstructionQuiz>

export const InstructionContent = z.strictObject({
  title: bilingual(160),
  body: bilingual(20_000),
  quiz: InstructionQuiz,
})
export type InstructionContent = z.infer<typeof InstructionContent>

/** The quiz as the learner sees it: no answer key. */
export function publicQuiz(quiz: InstructionQuiz, lang: "da" | "en") {
  return quiz.questions.map((q, i) => ({
    index: i,
    prompt: q.prompt[lang],
    options: q.options.map((o, j) => ({ value: j, text: o[lang] })),
  }))
}

export type InstructionScore = {
  correct: number
  total: number
  /** correct / total, 0..1 */
  score: number
  isPassed: boolean
  /** the questions answered wrong or not at all, by index */
  missed: number[]
}

/**
 * Scores answers (question index -> option index) against the key. A missing or out-of-range answer is wrong.
 * Passing needs the share of right answers to reach the pass mark.
 */
export function scoreInstructionQuiz(
  quiz: InstructionQuiz,
  answers: ReadonlyMap<number, number>,
): InstructionScore {
  const missed: number[] = []
  quiz.questions.forEach((q, i) => {
    if (answers.get(i) !== q.correct) missed.push(i)
  })
  const total = quiz.questions.length
  const correct = total - missed.length
  const score = total === 0 ? 0 : correct / total
  return { correct, total, score, isPassed: score >= quiz.passMark - 1e-9, missed }
}

/** The content key training requirements and records use: a module's slug, or "instruction:<id>". */
export function contentKeyOf(item: { moduleSlug: string | null; instructionId: number | null }): string {
  if (item.instructionId !== null) return `instruction:${item.instructionId}`
  return item.moduleSlug ?? ""
}

/** The version a record of an instruction carries: "i<version>" so it never looks like a module's. */
export const instructionVersionLabel = (version: number) => `i${version}`
