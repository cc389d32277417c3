import { expect, test } from "vitest"
import { countWords, moduleMinutes } from "~/domain/course-minutes"

test("words are counted as a reader reads them: link targets and markup do not count", () => {
  expect(countWords("## En overskrift\n\nAI-systemet er *ikke* en [læge](wiki:doctor).")).toBe(7)
  expect(countWords("AUC 0,85 betyder 85 procent")).toBe(5)
  expect(countWords("")).toBe(0)
})

test("minutes are reading time at 180 words a minute plus cases, exercises and quiz questions", () => {
  const text = Array.from({ length: 900 }, () => "ord").join(" ")
  const m = moduleMinutes({ lessonTexts: [text, text], cases: 2, exerciseMinutes: [10, 5], quizDraw: 6 })
  expect(m.reading).toBe(10)
  expect(m).toEqual({ reading: 10, cases: 6, exercises: 15, quiz: 6, total: 37 })
})

test("the total is rounded to whole minutes and never below one", () => {
  const words = (n: number) => Array.from({ length: n }, () => "w").join(" ")
  const reading = (texts: string[]) =>
    moduleMinutes({ lessonTexts: texts, cases: 0, exerciseMinutes: [], quizDraw: 0 }).total
  expect(reading([words(100)])).toBe(1)
  expect(reading([words(450)])).toBe(3)
  expect(reading([])).toBe(1)
})
