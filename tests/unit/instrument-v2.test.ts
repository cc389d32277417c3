import { resolve } from "node:path"
import { expect, test } from "vitest"
import { FAMILY_GROUPS, type InstrumentItem } from "~/domain/content-schema"
import { drawKnowledge, formFor, formProblems, toolChoices } from "~/domain/form"
import { confidenceGap, DONT_KNOW, knowledgePoints, scoreFormDimension } from "~/domain/scoring"
import { angoffThresholds, knowProbability } from "~/domain/standard-setting"
import { loadInstrumentV2 } from "~/services/content-loader.server"

const instrument = loadInstrumentV2(resolve("courses"), [])!
const nurse = { personId: 41, cycleId: 7, jobFamily: "nurse" as const }

test("the v2 file loads with a bank of at least 10 knowledge items and 4-6 self-ratings per dimension", () => {
  const errors: unknown[] = []
  expect(loadInstrumentV2(resolve("courses"), errors as never)).not.toBeNull()
  expect(errors).toEqual([])
  for (const d of instrument.dimensions) {
    expect(d.knowledge.length).toBeGreaterThanOrEqual(10)
    expect(d.selfRatings.length).toBeGreaterThanOrEqual(4)
    expect(d.selfRatings.length).toBeLessThanOrEqual(6)
  }
})

test("a form is the same on every visit (stable on resume), option order included", () => {
  expect(formFor(instrument, nurse)).toEqual(formFor(instrument, nurse))
})

test("different people and cycles get different forms, with the anchors on every form", () => {
  const ids = (personId: number, cycleId: number) =>
    formFor(instrument, { ...nurse, personId, cycleId }).pages[0]!.items.map((i) => i.id)
  const forms = [ids(1, 1), ids(2, 1), ids(3, 1), ids(1, 2), ids(1, 3)]
  expect(new Set(forms.map((f) => [...f].sort().join())).size).toBeGreaterThan(1)
  const anchors = instrument.dimensions[0]!.knowledge.filter((k) => k.anchor).map((k) => k.id)
  for (const form of forms) for (const a of anchors) expect(form).toContain(a)
})

test("every form has the blueprint's length for every job family", () => {
  const { anchors, familyItems, draw } = instrument.blueprint
  for (const jobFamily of [
    "doctor",
    "nurse",
    "other_clinical",
    "administrative",
    "it_data",
    "management",
  ] as const) {
    for (const d of instrument.dimensions) {
      expect(drawKnowledge(d, instrument.blueprint, { ...nurse, jobFamily })).toHaveLength(
        anchors + familyItems + draw,
      )
    }
  }
})

test("a job family gets its own variant and never another family's", () => {
  const dimension = instrument.dimensions[0]!
  const items = drawKnowledge(dimension, instrument.blueprint, { ...nurse, jobFamily: "it_data" })
  const variants = items.filter((k) => k.families)
  expect(variants).toHaveLength(1)
  expect(variants[0]!.families).toContain("it_data")
})

test("options are shuffled per person and keep their ids and key", () => {
  const orders = new Set<string>()
  for (let personId = 1; personId <= 20; personId++) {
    const item = formFor(instrument, { ...nurse, personId }).pages[0]!.items.find(
      (i) => i.id === "understanding.k1",
    )
    if (item?.kind !== "knowledge") throw new Error("anchor missing")
    expect(item.correct).toBe("c")
    expect(item.options.map((o) => o.id).sort()).toEqual(["a", "b", "c", "d"])
    orders.add(item.options.map((o) => o.id).join(""))
  }
  expect(orders.size).toBeGreaterThan(5)
})

test("a v2 form ends with the unscored attitudes and tools pages", () => {
  const pages = formFor(instrument, nurse).pages
  expect(pages.map((p) => p.kind)).toEqual([...Array(6).fill("dimension"), "attitudes", "tools"])
  expect(pages[7]!.items.every((i) => i.kind === "tool")).toBe(true)
})

test("the tools list is the register's systems where one is given, the short list otherwise", () => {
  expect(toolChoices(instrument)).toBe(instrument.tools.items)
  expect(toolChoices(instrument, [{ id: "x_ray_triage", name: { da: "Røntgen", en: "X-ray" } }])).toEqual([
    { id: "tools.x_ray_triage", text: { da: "Røntgen", en: "X-ray" } },
  ])
})

test("a bank without a variant for a group cannot give that group a form", () => {
  const dimension = {
    knowledge: instrument.dimensions[0]!.knowledge.filter((k) => !k.families?.includes("management")),
  }
  expect(formProblems(dimension, instrument.blueprint, "management")[0]).toMatch(/0 variants for management/)
  for (const group of FAMILY_GROUPS.filter((g) => g !== "management"))
    expect(formProblems(dimension, instrument.blueprint, group)).toEqual([])
})

const t = { da: "x", en: "x" }
const opts4 = (["a", "b", "c", "d"] as const).map((id) => ({ id, text: t }))
const k = (id: string): InstrumentItem => ({ id, kind: "knowledge", text: t, options: opts4, correct: "a" })
const s = (id: string): InstrumentItem => ({ id, kind: "likert", reverse: false, text: t })
const rules = {
  levels: instrument.levels,
  minAnsweredShare: 0.6,
}
const page = {
  key: "use",
  items: [k("use.k1"), k("use.k2"), k("use.k3"), k("use.k4"), s("use.s1"), s("use.s2")],
}

test("formula scoring: right 1, wrong -1/3 on four options, don't know 0, unknown values left out", () => {
  expect(knowledgePoints(k("x.k1"), "a")).toBe(1)
  expect(knowledgePoints(k("x.k1"), "b")).toBeCloseTo(-1 / 3)
  expect(knowledgePoints(k("x.k1"), DONT_KNOW)).toBe(0)
  expect(knowledgePoints(k("x.k1"), "e")).toBeNull()
  expect(knowledgePoints(s("x.s1"), 5)).toBeNull()
})

test("the score floors at 0 and self-ratings never move it", () => {
  const allWrong = { "use.k1": "b", "use.k2": "c", "use.k3": "d", "use.k4": "b", "use.s1": 5, "use.s2": 5 }
  expect(scoreFormDimension(page, allWrong, rules)).toMatchObject({ score: 0, level: 0, confidence: 100 })
  const half = {
    "use.k1": "a",
    "use.k2": "a",
    "use.k3": DONT_KNOW,
    "use.k4": DONT_KNOW,
    "use.s1": 1,
    "use.s2": 1,
  }
  expect(scoreFormDimension(page, half, rules)).toMatchObject({ score: 50, level: 1, confidence: 0 })
})

test("a dimension with too few knowledge answers is incomplete", () => {
  expect(scoreFormDimension(page, { "use.k1": "a", "use.s1": 3 }, rules)).toMatchObject({
    score: null,
    level: null,
    isComplete: false,
    confidence: 50,
  })
})

test("the confidence gap is named only beyond the margin", () => {
  expect(confidenceGap(40, 75, 20)).toBe("higher")
  expect(confidenceGap(80, 50, 20)).toBe("lower")
  expect(confidenceGap(60, 80, 20)).toBe("aligned")
  expect(confidenceGap(null, 80, 20)).toBeNull()
  expect(confidenceGap(60, null, 20)).toBeNull()
})

test("the Angoff probabilities follow the item level relative to the borderline level", () => {
  const p = instrument.standardSetting.knowProbability
  expect([1, 2, 3, 4].map((d) => knowProbability(p, 2, d))).toEqual([p.below, p.at, p.oneAbove, p.further])
})

test("the file's thresholds are the ones the modified Angoff method gives for the bank", () => {
  expect(angoffThresholds(instrument)).toEqual(instrument.levels)
})
