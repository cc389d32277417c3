// Scoring one quiz attempt. Pure: the quiz and the submitted answers in, per-question feedback out.
// A question is right only when exactly its correct options are chosen; an unanswered question is wrong.
// Answers that the form could not have produced (unknown question or option ids, two options on a
// single-choice question) reject the whole attempt, so a forged request changes nothing.

export type QuizForScoring = {
  passMark: number
  questions: { id: string; kind: "single" | "multiple"; options: { id: string }[]; correct: string[] }[]
}

/** question id -> chosen option ids */
export type QuizAnswers = Record<string, string[]>

export type QuestionOutcome = { id: string; chosen: string[]; correct: string[]; isCorrect: boolean }

export type QuizOutcome =
  | { ok: true; questions: QuestionOutcome[]; rightCount: number; score: number; isPassed: boolean }
  | { ok: false; reason: "unknown_question" | "unknown_option" | "too_many_options" }

// Shares are fractions such as 4/5; a tiny tolerance keeps 0.8 from failing a pass mark of 0.8.
const EPSILON = 1e-9

export function scoreQuiz(quiz: QuizForScoring, answers: QuizAnswers): QuizOutcome {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]))
  for (const [questionId, chosen] of Object.entries(answers)) {
    const question = byId.get(questionId)
    if (!question) return { ok: false, reason: "unknown_question" }
    const optionIds = new Set(question.options.map((o) => o.id))
    if (chosen.some((id) => !optionIds.has(id))) return { ok: false, reason: "unknown_option" }
    if (question.kind === "single" && new Set(chosen).size > 1)
      return { ok: false, reason: "too_many_options" }
  }
  const questions = quiz.questions.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])].sort()
    const correct = [...q.correct].sort()
    const isCorrect = chosen.length === correct.length && chosen.every((id, i) => id === correct[i])
    return { id: q.id, chosen, correct, isCorrect }
  })
  const rightCount = questions.filter((q) => q.isCorrect).length
  const score = questions.length === 0 ? 0 : rightCount / questions.length
  return { ok: true, questions, rightCount, score, isPassed: score + EPSILON >= quiz.passMark }
}

/** Reads quiz answers from submitted form fields named `q.<question id>` (a field may repeat). */
export function quizAnswersFromForm(entries: Iterable<[string, FormDataEntryValue]>): QuizAnswers | null {
  // A Map, so a forged name such as q.__proto__ is just an unknown question, never the object's prototype.
  const answers = new Map<string, string[]>()
  for (const [key, value] of entries) {
    if (!key.startsWith("q.")) continue
    if (typeof value !== "string" || value.length > 100) return null
    const id = key.slice(2)
    if (id.length === 0 || id.length > 100) return null
    answers.set(id, [...(answers.get(id) ?? []), value])
  }
  return Object.fromEntries(answers)
}

// ---------------------------------------------------------------- pools, draws and pass marks

/** The lowest pass mark a quiz may set at each level: the expert quiz asks more than the foundation one. */
export const MIN_PASS_MARK: Record<1 | 2 | 3 | 4, number> = { 1: 0.6, 2: 0.7, 3: 0.75, 4: 0.8 }

/** One attempt's questions in the order shown, each with its option ids in the order shown. */
export type QuizDraw = { id: string; options: string[] }[]

/** Fisher-Yates shuffle of a copy, with `random` returning numbers in [0, 1). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/**
 * Draws `count` questions from the pool for one attempt and shuffles each question's options. Questions the
 * learner did not see in the previous attempt come first, so a retry after a fail is a different quiz whenever
 * the pool holds at least twice as many questions as an attempt draws.
 */
export function drawQuiz(
  pool: readonly { id: string; options: readonly { id: string }[] }[],
  count: number,
  previous: readonly string[],
  random: () => number,
): QuizDraw {
  const seen = new Set(previous)
  const fresh = shuffled(
    pool.filter((q) => !seen.has(q.id)),
    random,
  )
  const again = shuffled(
    pool.filter((q) => seen.has(q.id)),
    random,
  )
  return [...fresh, ...again].slice(0, count).map((q) => ({
    id: q.id,
    options: shuffled(
      q.options.map((o) => o.id),
      random,
    ),
  }))
}

/** Scores an attempt on exactly the questions it drew; a question no longer in the quiz rejects the attempt. */
export function scoreDrawnQuiz(quiz: QuizForScoring, draw: QuizDraw, answers: QuizAnswers): QuizOutcome {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]))
  const questions = draw.map((d) => byId.get(d.id))
  if (questions.some((q) => q === undefined)) return { ok: false, reason: "unknown_question" }
  return scoreQuiz({ passMark: quiz.passMark, questions: questions as QuizForScoring["questions"] }, answers)
}
