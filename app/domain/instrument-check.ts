// Checks of a v2 item bank that a schema cannot express: cues that point to the key, forms that cannot be drawn,
// thresholds that do not follow from the standard setting. Pure; content:check reports the problems with lines.
import { FAMILY_GROUPS, type InstrumentV2 } from "./content-schema"
import { formProblems } from "./form"
import { angoffThresholds } from "./standard-setting"
import type { Language } from "./vocabulary"
import { LANGUAGES } from "./vocabulary"

export type BankProblem = { itemId?: string; message: string }

/** Words that make an option sound wrong to a test-wise reader: they must not sit only in distractors. */
export const ABSOLUTE_WORDS = {
  da: [
    "altid",
    "aldrig",
    "kun",
    "alle",
    "ingen",
    "intet",
    "ingenting",
    "ingensinde",
    "fuldstændig",
    "garanteret",
  ],
  en: ["always", "never", "only", "all", "none", "nothing", "nobody", "every", "completely", "guaranteed"],
} as const

const ALPHA = 0.05

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialUpperTail(n: number, p: number, k: number) {
  let sum = 0
  for (let x = Math.max(0, k); x <= n; x++) sum += binomialPmf(n, p, x)
  return Math.min(1, sum)
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialLowerTail(n: number, p: number, k: number) {
  let sum = 0
  for (let x = 0; x <= Math.min(n, k); x++) sum += binomialPmf(n, p, x)
  return Math.min(1, sum)
}

function binomialPmf(n: number, p: number, x: number) {
  let logC = 0
  for (let i = 1; i <= x; i++) logC += Math.log(n - x + i) - Math.log(i)
  if (p === 0) return x === 0 ? 1 : 0
  if (p === 1) return x === n ? 1 : 0
  return Math.exp(logC + x * Math.log(p) + (n - x) * Math.log(1 - p))
}

type Item = InstrumentV2["dimensions"][number]["knowledge"][number]

function containsAbsolute(text: string, lang: Language) {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? []
  return words.some((w) => (ABSOLUTE_WORDS[lang] as readonly string[]).includes(w))
}

/**
 * The key is the longest (or the shortest) option more often than chance allows. With m options a key is the
 * strictly longest in at most 1/m of the items if length is no cue; a share whose binomial tail is below 5 %
 * means the writers systematically lengthened (or trimmed) the keys.
 */
export function lengthCueProblems(items: Item[]): BankProblem[] {
  const problems: BankProblem[] = []
  for (const lang of LANGUAGES) {
    for (const extreme of ["longest", "shortest"] as const) {
      let hits = 0
      let chance = 0
      for (const item of items) {
        const key = item.options.find((o) => o.id === item.correct)!.text[lang].length
        const others = item.options.filter((o) => o.id !== item.correct).map((o) => o.text[lang].length)
        if (extreme === "longest" ? others.every((l) => l < key) : others.every((l) => l > key)) hits++
        chance += 1 / item.options.length
      }
      const p = items.length > 0 ? chance / items.length : 0
      if (items.length > 0 && binomialUpperTail(items.length, p, hits) < ALPHA)
        problems.push({
          message: `the correct option is the ${extreme} (${lang}) in ${hits} of ${items.length} items, more than chance (${Math.round(chance)}) allows: vary the length of keys and distractors`,
        })
    }
  }
  return problems
}

/**
 * Absolute words ("always", "only", "never") sit only, or nearly only, in distractors. Each option carrying such
 * a word should be the key about 1 time in m; far fewer, and the word itself gives the distractor away.
 */
export function absoluteWordProblems(items: Item[]): BankProblem[] {
  const problems: BankProblem[] = []
  for (const lang of LANGUAGES) {
    let inKeys = 0
    let inDistractors = 0
    const flagged: string[] = []
    for (const item of items) {
      for (const option of item.options) {
        if (!containsAbsolute(option.text[lang], lang)) continue
        if (option.id === item.correct) inKeys++
        else {
          inDistractors++
          flagged.push(item.id)
        }
      }
    }
    const n = inKeys + inDistractors
    const isOnlyInDistractors = inKeys === 0 && inDistractors >= 3
    if (n > 0 && (isOnlyInDistractors || binomialLowerTail(n, 0.25, inKeys) < ALPHA))
      problems.push({
        itemId: flagged[0],
        message: `absolute words (${ABSOLUTE_WORDS[lang].slice(0, 5).join(", ")}, …) appear in ${inDistractors} distractors but only ${inKeys} keys (${lang}): ${[...new Set(flagged)].join(", ")}`,
      })
  }
  return problems
}

/** Every check of a v2 instrument beyond its schema. */
export function checkBank(instrument: InstrumentV2): BankProblem[] {
  const problems: BankProblem[] = []
  const items = instrument.dimensions.flatMap((d) => d.knowledge)
  problems.push(...lengthCueProblems(items), ...absoluteWordProblems(items))
  for (const item of items) {
    if (item.source.trim().length < 5)
      problems.push({ itemId: item.id, message: `item ${item.id} needs a source for its key` })
    const texts = new Set(item.options.map((o) => o.text.en.trim().toLowerCase()))
    if (texts.size < item.options.length)
      problems.push({ itemId: item.id, message: `item ${item.id} has two options with the same text` })
  }
  for (const dimension of instrument.dimensions) {
    for (const group of FAMILY_GROUPS) {
      for (const problem of formProblems(dimension, instrument.blueprint, group))
        problems.push({
          message: `no form can be drawn in "${dimension.key}" for the ${group} job-family group: the bank ${problem}`,
        })
    }
  }
  const expected = angoffThresholds(instrument)
  if (expected.some((l, i) => l.min !== instrument.levels[i]?.min))
    problems.push({
      message: `levels must follow from the modified Angoff standard setting: ${expected.map((l) => l.min).join(", ")} (the file has ${instrument.levels.map((l) => l.min).join(", ")})`,
    })
  return problems
}
