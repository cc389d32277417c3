// Seeded simulations of instrument v2 as it is in courses/: nothing pays but knowing.
import { resolve } from "node:path"
import { expect, test } from "vitest"
import { DIMENSIONS, JOB_FAMILIES, type JobFamily } from "~/domain/content-schema"
import { formFor, type SurveyForm, seededRandom } from "~/domain/form"
import { type Answers, DONT_KNOW, scoreForm } from "~/domain/scoring"
import { loadInstrumentV2 } from "~/services/content-loader.server"

const instrument = loadInstrumentV2(resolve("courses"), [])!
const PEOPLE = 2000

type Strategy = (form: SurveyForm, random: () => number) => Answers

/** Simulates PEOPLE respondents (any job family, two cycles) and returns, per dimension, the share at each level. */
function simulate(strategy: Strategy, seed: string) {
  const random = seededRandom(seed)
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, [0, 0, 0, 0, 0]])) as Record<string, number[]>
  for (let i = 0; i < PEOPLE; i++) {
    const jobFamily = JOB_FAMILIES[i % JOB_FAMILIES.length] as JobFamily
    const form = formFor(instrument, { personId: 1000 + i, cycleId: 1 + (i % 2), jobFamily })
    const scored = scoreForm(instrument, form, strategy(form, random))
    for (const d of scored.dimensions) counts[d.dimension]![d.level ?? 0]!++
  }
  return Object.fromEntries(DIMENSIONS.map((d) => [d, counts[d]!.map((n) => n / PEOPLE)]))
}

function answerEach(
  form: SurveyForm,
  pick: (item: SurveyForm["pages"][number]["items"][number]) => Answers[string],
) {
  const answers: Answers = {}
  for (const page of form.pages)
    for (const item of page.items) if (item.kind !== "tool") answers[item.id] = pick(item)
  return answers
}

const randomAnswers: Strategy = (form, random) =>
  answerEach(form, (item) =>
    item.kind === "likert"
      ? 1 + Math.floor(random() * 5)
      : item.kind === "knowledge"
        ? item.options[Math.floor(random() * item.options.length)]!.id
        : 1,
  )

test("random answering reaches Foundation or above in at most 10 % per dimension", () => {
  const shares = simulate(randomAnswers, "random")
  for (const dimension of DIMENSIONS) {
    const atFoundationOrAbove = 1 - shares[dimension]![0]!
    expect(atFoundationOrAbove, dimension).toBeLessThanOrEqual(0.1)
  }
})

test("random answering with some don't-knows earns nothing more", () => {
  const shares = simulate(
    (form, random) =>
      answerEach(form, (item) => (item.kind === "knowledge" && random() < 0.3 ? DONT_KNOW : 3)),
    "dont-know",
  )
  for (const dimension of DIMENSIONS) expect(1 - shares[dimension]![0]!, dimension).toBeLessThanOrEqual(0.1)
})

test("agreeing with every statement and picking the longest option reaches at most Foundation", () => {
  for (const lang of ["da", "en"] as const) {
    const shares = simulate(
      (form) =>
        answerEach(form, (item) =>
          item.kind === "knowledge"
            ? [...item.options].sort((a, b) => b.text[lang].length - a.text[lang].length)[0]!.id
            : 5,
        ),
      `longest-${lang}`,
    )
    for (const dimension of DIMENSIONS) {
      const abovePractitionerOrMore = shares[dimension]!.slice(2).reduce((a, b) => a + b, 0)
      expect(abovePractitionerOrMore, `${dimension} (${lang})`).toBe(0)
    }
  }
})

test("someone who knows every answer but rates themselves modestly reaches Advanced or above", () => {
  const shares = simulate(
    (form) => answerEach(form, (item) => (item.kind === "knowledge" ? item.correct : 2)),
    "expert",
  )
  for (const dimension of DIMENSIONS) {
    const advancedOrAbove = shares[dimension]![3]! + shares[dimension]![4]!
    expect(advancedOrAbove, dimension).toBe(1)
  }
})
