import { expect, test } from "vitest"
import { computeLix, markdownToPlainText } from "~/domain/lix"

test("LIX is words per sentence plus the percentage of words longer than six letters", () => {
  // 11 words, 2 sentences, 2 long words (sygehuset, hjælper) -> 11/2 + 200/11 = 23.7
  const result = computeLix("Jeg går til lægen i dag. Lægen på sygehuset hjælper mig.")
  expect(result).toEqual({ lix: 23.7, words: 11, sentences: 2, longWords: 2 })
})

test("an empty text has LIX 0 instead of dividing by zero", () => {
  expect(computeLix("  \n ")).toEqual({ lix: 0, words: 0, sentences: 0, longWords: 0 })
})

test("headings and list items count as sentences, and link targets are not words", () => {
  const result = computeLix(
    "## Dine rettigheder\n- Du kan klage\n- Du kan [spørge](https://example.org/meget-lang-adresse)",
  )
  expect(result.sentences).toBe(3)
  expect(result.words).toBe(8)
})

test("markdown markup is stripped but the words stay", () => {
  expect(markdownToPlainText("**Fed** og [et link](wiki:x)").trim()).toBe("Fed   og et link")
})
