import { resolve } from "node:path"
import { expect, test } from "vitest"
import { InstrumentV2 } from "~/domain/content-schema"
import {
  absoluteWordProblems,
  binomialLowerTail,
  binomialUpperTail,
  checkBank,
  lengthCueProblems,
} from "~/domain/instrument-check"
import { loadInstrumentV2 } from "~/services/content-loader.server"

const real = loadInstrumentV2(resolve("courses"), [])!
const { hash: _hash, ...content } = real
const copy = () => structuredClone(content) as InstrumentV2
const items = (bank: InstrumentV2) => bank.dimensions.flatMap((d) => d.knowledge)

test("the real bank has no cue, a source per item, a form for every family and Angoff thresholds", () => {
  expect(checkBank(copy())).toEqual([])
})

test("binomial tails", () => {
  expect(binomialUpperTail(4, 0.5, 0)).toBeCloseTo(1)
  expect(binomialUpperTail(4, 0.5, 4)).toBeCloseTo(1 / 16)
  expect(binomialLowerTail(3, 0.25, 0)).toBeCloseTo(0.421875)
})

test("keys made the longest option in every item are refused as a length cue", () => {
  const bank = copy()
  for (const item of items(bank)) {
    const key = item.options.find((o) => o.id === item.correct)!
    key.text = { da: `${key.text.da} og det er ganske vist`, en: `${key.text.en} and that is quite certain` }
  }
  const problems = lengthCueProblems(items(bank)).map((p) => p.message)
  expect(problems.some((m) => /the correct option is the longest \(da\)/.test(m))).toBe(true)
  expect(problems.some((m) => /the correct option is the longest \(en\)/.test(m))).toBe(true)
})

test("a few long keys, as chance would give, are not refused", () => {
  expect(lengthCueProblems(items(copy()))).toEqual([])
})

test("absolute words only in distractors are refused, and in keys too they are not", () => {
  const bank = copy()
  // neutral options first, so only the words added below can be absolute
  for (const item of items(bank))
    for (const o of item.options) o.text = { da: `${item.id} svar ${o.id}`, en: `${item.id} answer ${o.id}` }
  const some = items(bank).slice(0, 4)
  for (const item of some) {
    const distractor = item.options.find((o) => o.id !== item.correct)!
    distractor.text = { da: `${distractor.text.da}, altid`, en: `${distractor.text.en}, always` }
  }
  const problems = absoluteWordProblems(items(bank))
  expect(problems.map((p) => p.message).join()).toMatch(/appear in \d+ distractors but only 0 keys \(en\)/)
  expect(problems[0]!.itemId).toBe(some[0]!.id)
  for (const item of some.slice(0, 2)) {
    const key = item.options.find((o) => o.id === item.correct)!
    key.text = { da: `${key.text.da}, altid`, en: `${key.text.en}, always` }
  }
  expect(absoluteWordProblems(items(bank))).toEqual([])
})

test("an item without a source is refused by the schema", () => {
  const bank = copy() as unknown as { dimensions: { knowledge: Record<string, unknown>[] }[] }
  delete bank.dimensions[2]!.knowledge[3]!.source
  const result = InstrumentV2.safeParse(bank)
  expect(result.success).toBe(false)
  expect(result.error!.issues[0]!.path).toEqual(["dimensions", 2, "knowledge", 3, "source"])
})

test("a bank that cannot give some job family a form is refused", () => {
  const bank = copy()
  bank.dimensions[4]!.knowledge = bank.dimensions[4]!.knowledge.filter(
    (k) => !k.families?.includes("it_data"),
  )
  expect(checkBank(bank).map((p) => p.message)).toContain(
    'no form can be drawn in "data" for the it_data job-family group: the bank has 0 variants for it_data, the blueprint asks for 1',
  )
})

test("thresholds that do not follow from the standard setting are refused", () => {
  const bank = copy()
  bank.levels[0]!.min = 30
  expect(checkBank(bank).map((p) => p.message)).toContain(
    "levels must follow from the modified Angoff standard setting: 39, 63, 81, 88 (the file has 30, 63, 81, 88)",
  )
})
