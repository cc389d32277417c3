// Thresholds by the modified Angoff method (docs/decisions/011-instrument-v2-standard-setting.md). Pure.
//
// For each level L, judges picture the borderline person: someone just good enough for L. Each knowledge item
// carries the judgement `level` (the lowest level whose borderline person is expected to know it), and the
// instrument's `knowProbability` turns it into the chance that the borderline person at L knows the item. Under
// formula scoring a person who knows a share p of their form and answers "don't know" (or guesses blindly) on
// the rest scores p in expectation, so the threshold for L is 100 x the expected p over a form drawn by the
// blueprint, averaged over the dimensions and job-family groups. The blueprint fixes the form's make-up, so the
// forms stay close to one another in difficulty.
import { FAMILY_GROUPS, type InstrumentV2 } from "./content-schema"
import { bankParts } from "./form"

type KnowProbability = InstrumentV2["standardSetting"]["knowProbability"]

/** The chance that a person just at `level` knows an item judged to be of `itemLevel`. */
export function knowProbability(p: KnowProbability, level: number, itemLevel: number) {
  if (itemLevel < level) return p.below
  if (itemLevel === level) return p.at
  if (itemLevel === level + 1) return p.oneAbove
  return p.further
}

type Bank = Pick<InstrumentV2, "blueprint" | "standardSetting"> & {
  dimensions: Pick<InstrumentV2["dimensions"][number], "knowledge">[]
}

/** The expected share known by the borderline person at `level` over a drawn form, 0..1. */
export function expectedKnown(instrument: Bank, level: number) {
  const { blueprint } = instrument
  const p = instrument.standardSetting.knowProbability
  const shares: number[] = []
  for (const group of FAMILY_GROUPS) {
    for (const dimension of instrument.dimensions) {
      const { anchors, variants, pool } = bankParts(dimension, group)
      const weighted = [
        ...anchors.map((k) => [1, k.level] as const),
        ...variants.map((k) => [blueprint.familyItems / variants.length, k.level] as const),
        ...pool.map((k) => [blueprint.draw / pool.length, k.level] as const),
      ]
      const weight = weighted.reduce((sum, [w]) => sum + w, 0)
      if (weight === 0) continue
      shares.push(weighted.reduce((sum, [w, d]) => sum + w * knowProbability(p, level, d), 0) / weight)
    }
  }
  return shares.length > 0 ? shares.reduce((a, b) => a + b, 0) / shares.length : 0
}

/** The four thresholds (whole points) that the method gives for the bank. */
export function angoffThresholds(instrument: Bank): { level: 1 | 2 | 3 | 4; min: number }[] {
  return ([1, 2, 3, 4] as const).map((level) => ({
    level,
    min: Math.round(expectedKnown(instrument, level) * 100),
  }))
}
