import { expect, test } from "vitest"
import {
  ALL_FAMILIES,
  type Atom,
  cellKey,
  decidePublication,
  effectiveK,
  findDisclosures,
  type PublicationInput,
  PublicationModel,
  SLICES,
  type TreeUnit,
} from "~/domain/disclosure"
import type { JobFamily } from "~/domain/vocabulary"
import { seededRandom } from "../../scripts/seed/factories"
import { echelon, type Fraction, frac, isZero, reduceBy } from "../support/rational"

const K = 5

// ---------------------------------------------------------------- an attacker written apart from the module
// Exact rationals over bigint, dense rows over the atoms themselves (not subtree coordinates, not modular), and
// every candidate set of people tried one by one.

/** Every set of atoms of 1..k-1 people (some measure) that the published cells determine, as sorted keys. */
function attack(input: PublicationInput, visible: Set<string>): Set<string> {
  const atoms = input.atoms
  const parent = new Map(input.units.map((u) => [u.id, u.parentId]))
  const inSubtree = (unitId: number, top: number) => {
    for (let at: number | null | undefined = unitId; at != null; at = parent.get(at))
      if (at === top) return true
    return false
  }
  const found = new Set<string>()
  for (let m = 0; m < input.measures; m++) {
    const rows: Fraction[][] = []
    for (const u of input.units)
      for (const s of SLICES) {
        if (!visible.has(cellKey(u.id, s))) continue
        rows.push(
          atoms.map((a) =>
            frac(inSubtree(a.unitId, u.id) && (s === ALL_FAMILIES || s === a.family) ? 1n : 0n),
          ),
        )
      }
    atoms.forEach((a, i) => {
      if (a.counts[m] === 0) rows.push(atoms.map((_, j) => frac(i === j ? 1n : 0n)))
    })
    const basis = echelon(rows)
    const small = atoms
      .map((a, i) => [a, i] as const)
      .filter(([a]) => a.counts[m]! > 0 && a.counts[m]! < input.k)
    const trySets = (from: number, chosen: number[], people: number) => {
      if (chosen.length > 0) {
        const vector = atoms.map((_, i) => frac(chosen.includes(i) ? 1n : 0n))
        if (reduceBy(basis, vector).every(isZero)) found.add(keyOf(chosen.map((i) => atoms[i]!)))
      }
      for (let j = from; j < small.length; j++) {
        const [a, i] = small[j]!
        if (people + a.counts[m]! < input.k) trySets(j + 1, [...chosen, i], people + a.counts[m]!)
      }
    }
    trySets(0, [], 0)
  }
  return found
}
/** The sets with no smaller determined set inside them. */
function minimal(sets: Set<string>, determined: Set<string>) {
  const isMinimal = (key: string) => {
    const parts = key.split("+")
    for (let mask = 1; mask < (1 << parts.length) - 1; mask++) {
      const subset = parts.filter((_, i) => mask & (1 << i)).join("+")
      if (determined.has(subset)) return false
    }
    return true
  }
  return new Set([...sets].filter(isMinimal))
}
const keyOf = (atoms: Atom[]) =>
  atoms
    .map((a) => `${a.unitId}/${a.family}`)
    .sort()
    .join("+")

// ---------------------------------------------------------------- random organisations

const FAMILIES: JobFamily[] = ["doctor", "nurse", "administrative"]

/** A random tree of 3..10 units, with direct members in inner units, small and empty groups, three measures. */
function randomOrganisation(seed: number): PublicationInput {
  const random = seededRandom(seed)
  const units: TreeUnit[] = [{ id: 1, parentId: null }]
  const size = 3 + Math.floor(random() * 8)
  for (let id = 2; id <= size; id++)
    units.push({ id, parentId: units[Math.floor(random() * units.length)]!.id })
  const hasChildren = new Set(units.map((u) => u.parentId))
  const atoms: Atom[] = []
  for (const u of units) {
    // leaves hold most people; inner units sometimes a few direct members (a manager, an assistant)
    const isInner = hasChildren.has(u.id)
    for (const family of FAMILIES) {
      const roll = random()
      const invited = isInner
        ? roll < 0.75
          ? 0
          : 1 + Math.floor(random() * 3)
        : roll < 0.25
          ? 0
          : roll < 0.6
            ? 1 + Math.floor(random() * 4)
            : 5 + Math.floor(random() * 12)
      if (invited === 0) continue
      const submitted = Math.max(0, invited - Math.floor(random() * 3))
      const scored = Math.max(0, submitted - (random() < 0.15 ? 1 : 0))
      atoms.push({ unitId: u.id, family, counts: [invited, submitted, scored] })
    }
  }
  return { units, atoms, measures: 3, k: K }
}

test("the audit finds exactly the small groups the independent attacker finds, on random published sets", () => {
  let withDisclosures = 0
  for (let seed = 1; seed <= 150; seed++) {
    const input = randomOrganisation(seed)
    const model = new PublicationModel(input)
    // a random choice of published cells, small ones included, so that many leaks exist
    const random = seededRandom(seed * 7919)
    const visible = new Set([...model.cellCounts.keys()].filter(() => random() < 0.55))
    const expected = attack(input, visible)
    const actual = new Set(findDisclosures(model, visible, 100_000).map((d) => keyOf(d.atoms)))
    // Everything the audit reports is a real disclosure...
    for (const key of actual) expect(expected.has(key), `seed ${seed}: ${key}`).toBe(true)
    // ...and it finds every minimal one (a larger one is a union of minimal ones, so hiding those closes it).
    expect([...minimal(actual, expected)].sort(), `seed ${seed}`).toEqual(
      [...minimal(expected, expected)].sort(),
    )
    if (expected.size > 0) withDisclosures++
  }
  expect(withDisclosures).toBeGreaterThan(50)
})

test("what a cycle publishes leaves the independent attacker nothing, on random organisations", () => {
  let hiddenByAudit = 0
  for (let seed = 1000; seed < 1250; seed++) {
    const input = randomOrganisation(seed)
    const decision = decidePublication(input)
    expect([...attack(input, decision.visible)], `seed ${seed}`).toEqual([])
    // nothing below k is ever shown
    const model = new PublicationModel(input)
    for (const key of decision.visible) expect(model.cellCounts.get(key)!.every((n) => n >= K)).toBe(true)
    hiddenByAudit += decision.hiddenByAudit
  }
  expect(hiddenByAudit).toBeGreaterThan(0)
})

/** The cells among `keys` whose figures (some measure) the published cells and the empty atoms determine. */
function determinedCells(input: PublicationInput, visible: Set<string>, keys: string[]): string[] {
  const parent = new Map(input.units.map((u) => [u.id, u.parentId]))
  const inCell = (a: Atom, key: string) => {
    const [unit, slice] = key.split(":")
    for (let at: number | null | undefined = a.unitId; at != null; at = parent.get(at))
      if (at === Number(unit)) return slice === ALL_FAMILIES || slice === a.family
    return false
  }
  const found = new Set<string>()
  for (let m = 0; m < input.measures; m++) {
    const atoms = input.atoms.filter((a) => a.counts[m]! > 0)
    const rows = [...visible].map((key) => atoms.map((a) => frac(inCell(a, key) ? 1n : 0n)))
    const basis = echelon(rows)
    for (const key of keys) {
      const vector = atoms.map((a) => frac(inCell(a, key) ? 1n : 0n))
      if (vector.some((v) => !isZero(v)) && reduceBy(basis, vector).every(isZero)) found.add(key)
    }
  }
  return [...found]
}

test("a cell hidden by the cohort rule cannot be worked out from the cells shown, on random organisations", () => {
  let protectedCells = 0
  for (let seed = 2000; seed < 2150; seed++) {
    const input = randomOrganisation(seed)
    const model = new PublicationModel(input)
    // some cells of k or more, hidden for another reason (as the cohort rule hides them)
    const random = seededRandom(seed * 31)
    const extra = [...model.initiallyVisible()].filter(() => random() < 0.2)
    const decision = decidePublication(input, new Set(extra), new Set(extra))
    for (const key of extra) expect(decision.visible.has(key)).toBe(false)
    expect(determinedCells(input, decision.visible, extra), `seed ${seed}`).toEqual([])
    expect([...attack(input, decision.visible)], `seed ${seed}`).toEqual([])
    protectedCells += extra.length
  }
  expect(protectedCells).toBeGreaterThan(100)
})

// ---------------------------------------------------------------- the attacks of issue 11, by hand

/** A hospital (1) with two sections (2, 3): each with 4 nurses, 3 doctors and 1 administrative employee. */
const hospital: PublicationInput = {
  units: [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
  ],
  atoms: [
    { unitId: 2, family: "nurse", counts: [4] },
    { unitId: 2, family: "doctor", counts: [3] },
    { unitId: 2, family: "administrative", counts: [1] },
    { unitId: 3, family: "nurse", counts: [4] },
    { unitId: 3, family: "doctor", counts: [3] },
    { unitId: 3, family: "administrative", counts: [1] },
  ],
  measures: 1,
  k: K,
}

test("two section totals minus the hospital's nurse and doctor rows: caught, and closed", () => {
  const model = new PublicationModel(hospital)
  const visible = model.initiallyVisible()
  // the rule by size alone shows both sections and the hospital's nurse and doctor rows...
  for (const key of ["2:all", "3:all", "1:nurse", "1:doctor"]) expect(visible.has(key)).toBe(true)
  // ...from which the two administrative staff can be summed
  expect(findDisclosures(model, visible).map((d) => keyOf(d.atoms))).toContain(
    "2/administrative+3/administrative",
  )
  const decision = decidePublication(hospital)
  expect(attack(hospital, decision.visible).size).toBe(0)
  expect(decision.hiddenByAudit).toBeGreaterThan(0)
})

test("a small group that none of its 3 people answered cannot be read off invited minus submitted", () => {
  const input: PublicationInput = {
    units: [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 4, parentId: 1 },
    ],
    atoms: [
      { unitId: 2, family: "nurse", counts: [12, 10] },
      { unitId: 3, family: "nurse", counts: [9, 7] },
      { unitId: 4, family: "nurse", counts: [3, 0] }, // invited 3, nobody answered
    ],
    measures: 2,
    k: K,
  }
  const model = new PublicationModel(input)
  const disclosures = findDisclosures(model, model.initiallyVisible())
  expect(disclosures.some((d) => d.measure === 0 && keyOf(d.atoms) === "4/nurse")).toBe(true)
  const decision = decidePublication(input)
  expect(attack(input, decision.visible).size).toBe(0)
})

test("people placed directly in the region are protected by hiding the region's total, not a hospital", () => {
  const input: PublicationInput = {
    units: [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
    ],
    atoms: [
      { unitId: 1, family: "administrative", counts: [2] }, // the regional manager and an assistant
      { unitId: 2, family: "nurse", counts: [40] },
      { unitId: 2, family: "administrative", counts: [10] },
      { unitId: 3, family: "nurse", counts: [30] },
      { unitId: 3, family: "administrative", counts: [8] },
    ],
    measures: 1,
    k: K,
  }
  const decision = decidePublication(input)
  expect(attack(input, decision.visible).size).toBe(0)
  for (const key of ["2:all", "3:all", "2:nurse", "3:nurse"]) expect(decision.visible.has(key)).toBe(true)
  expect(decision.visible.has("1:administrative") && decision.visible.has("1:all")).toBe(false)
})

test("k is the stored k, never below 3, and 5 when unknown", () => {
  expect(effectiveK(5)).toBe(5)
  expect(effectiveK(8)).toBe(8)
  expect(effectiveK(2)).toBe(3)
  expect(effectiveK(0)).toBe(3)
  expect(effectiveK(-10)).toBe(3)
  expect(effectiveK(null)).toBe(5)
  expect(effectiveK(undefined)).toBe(5)
  expect(effectiveK(Number.NaN)).toBe(5)
})
