// How long a module takes, computed rather than claimed: reading time of its lessons in one language (about 180
// words a minute) plus its activities (a decision case about 3 minutes, an exercise its own minutes, the quiz about
// 1 minute per drawn question). Pure.

export const WORDS_PER_MINUTE = 180
export const MINUTES_PER_CASE = 3
export const MINUTES_PER_QUIZ_QUESTION = 1

/** The words a reader reads in a Markdown text: link targets, markup and numbers-only punctuation do not count. */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
  return text.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

export type MinutesInput = {
  /** the lesson texts of one language */
  lessonTexts: string[]
  cases: number
  exerciseMinutes: number[]
  quizDraw: number
}

export type MinutesBreakdown = {
  reading: number
  cases: number
  exercises: number
  quiz: number
  total: number
}

/** The parts and the total in minutes; the total is rounded to whole minutes and at least 1. */
export function moduleMinutes(input: MinutesInput): MinutesBreakdown {
  const words = input.lessonTexts.reduce((sum, text) => sum + countWords(text), 0)
  const reading = words / WORDS_PER_MINUTE
  const cases = input.cases * MINUTES_PER_CASE
  const exercises = input.exerciseMinutes.reduce((sum, m) => sum + m, 0)
  const quiz = input.quizDraw * MINUTES_PER_QUIZ_QUESTION
  return {
    reading,
    cases,
    exercises,
    quiz,
    total: Math.max(1, Math.round(reading + cases + exercises + quiz)),
  }
}
