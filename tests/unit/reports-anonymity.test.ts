import { expect, test } from "vitest"
import {
  ALL,
  type CellState,
  decideLevel,
  decideTop,
  effectiveK,
  type GroupCounts,
  type Relation,
  type Slice,
  selectTrendPoints,
  suppressCells,
} from "~/domain/anonymity"
import type { JobFamily } from "~/domain/content-schema"

const K = 5
const FAMILIES: JobFamily[] = ["doctor", "nurse", "other_clinical"]
const shown: CellState = { isVisible: true, isKnown: true }
const hidden: CellState = { isVisible: false, isKnown: false }
const allShown = Object.fromEntries([ALL, ...FAMILIES].map((s) => [s, shown])) as Record<Slice, CellState>

/** Sums a parent from its children and direct members, so the tests cannot state impossible numbers. */
function level(children: Record<number, GroupCounts>, direct: GroupCounts = {}, parent = allShown) {
  const parentCounts: GroupCounts = { ...direct }
  for (const counts of Object.values(children))
    for (const [f, n] of Object.entries(counts))
      parentCounts[f as JobFamily] = (parentCounts[f as JobFamily] ?? 0) + (n ?? 0)
  const decision = decideLevel({
    parent,
    parentCounts,
    children: new Map(Object.entries(children).map(([key, counts]) => [Number(key), counts])),
    direct,
    families: FAMILIES,
    k: K,
  })
  return (key: number, slice: Slice = ALL) => decision.get(key)![slice].isVisible
}

/**
 * What a reader can work out from the shown cells by subtraction, as an attacker would: repeated single-unknown
 * elimination over every relation (the same algebra, written independently of the module under test).
 */
function derivable(counts: Map<string, number>, shownIds: Set<string>, relations: Relation[]) {
  const known = new Set([...shownIds, ...[...counts].filter(([, n]) => n === 0).map(([id]) => id)])
  let isChanged = true
  while (isChanged) {
    isChanged = false
    for (const r of relations) {
      const unknown = [r.total, ...r.parts].filter((id) => !known.has(id))
      if (unknown.length === 1) {
        known.add(unknown[0]!)
        isChanged = true
      }
    }
  }
  return known
}

test("k is the cycle's k, never below 3, and 5 when unknown", () => {
  expect(effectiveK(5)).toBe(5)
  expect(effectiveK(8)).toBe(8)
  expect(effectiveK(2)).toBe(3)
  expect(effectiveK(0)).toBe(3)
  expect(effectiveK(-10)).toBe(3)
  expect(effectiveK(null)).toBe(5)
  expect(effectiveK(undefined)).toBe(5)
  expect(effectiveK(Number.NaN)).toBe(5)
})

test("a department of 4 beside one of 30: the 4 is hidden and so is the 30, else parent minus 30 gives the 4", () => {
  const isShown = level({ 1: { nurse: 4 }, 2: { nurse: 30 } })
  expect(isShown(1)).toBe(false)
  expect(isShown(2)).toBe(false)
})

test("a department of 4 beside 30 and 20: the next smallest (20) is hidden, the 30 stays", () => {
  const isShown = level({ 1: { nurse: 4 }, 2: { nurse: 30 }, 3: { nurse: 20 } })
  expect([isShown(1), isShown(2), isShown(3)]).toEqual([false, true, false])
})

test("a parent of 12 with children 7, 5 and 0: everything can be shown, nobody is hidden", () => {
  const isShown = level({ 1: { doctor: 7 }, 2: { doctor: 5 }, 3: {} })
  expect(isShown(1)).toBe(true)
  expect(isShown(2)).toBe(true)
  expect(isShown(3)).toBe(false) // an empty group has no mean to show
})

test("a parent of 12 with children 7, 3 and 2: the hidden 3 + 2 make a group of 5, so the 7 may stay", () => {
  const isShown = level({ 1: { doctor: 7 }, 2: { doctor: 3 }, 3: { doctor: 2 } })
  expect([isShown(1), isShown(2), isShown(3)]).toEqual([true, false, false])
})

test("a parent of 11 with children 7 and 3 and one person placed directly in the parent: the 7 is hidden", () => {
  const isShown = level({ 1: { doctor: 7 }, 2: { doctor: 3 } }, { doctor: 1 })
  expect([isShown(1), isShown(2)]).toEqual([false, false])
})

test("children 7 and 4 and one person placed directly: the hidden 4 + 1 make a group of 5, the 7 stays", () => {
  const isShown = level({ 1: { doctor: 7 }, 2: { doctor: 4 } }, { doctor: 1 })
  expect([isShown(1), isShown(2)]).toEqual([true, false])
})

test("two people placed directly in the parent beside children of 10 and 8: the 8 is hidden with them", () => {
  const isShown = level({ 1: { nurse: 10 }, 2: { nurse: 8 } }, { nurse: 2 })
  expect([isShown(1), isShown(2)]).toEqual([true, false])
})

test("a job-family filter that leaves 2: the 2 is hidden, and so is the 28 nurses of that unit", () => {
  const isShown = level({ 1: { nurse: 28, doctor: 2 }, 2: { nurse: 20, doctor: 10 } })
  expect(isShown(1, "doctor")).toBe(false)
  // unit 1 minus its nurses would be the two doctors
  expect(isShown(1, "nurse")).toBe(false)
  // the whole unit stays visible: it is 30 people
  expect(isShown(1)).toBe(true)
})

test("a filtered sibling cannot be worked out from the filtered parent and then subtracted from its unit", () => {
  // Nurses: parent 41 = unit 1 (28) + unit 2 (13). If unit 2's nurses were shown, parent - unit 2 = 28 nurses of
  // unit 1, and unit 1 (30) - 28 = its 2 doctors.
  const isShown = level({ 1: { nurse: 28, doctor: 2 }, 2: { nurse: 13, doctor: 10 } })
  expect(isShown(1, "nurse")).toBe(false)
  expect(isShown(2, "nurse")).toBe(false)
  expect(isShown(1, "doctor")).toBe(false)
})

test("the whole region per job family: a family of 2 and its complement are hidden, the region stays", () => {
  const top = decideTop({ nurse: 40, doctor: 2, other_clinical: 30 }, FAMILIES, K)
  expect(top.all.isVisible).toBe(true)
  expect(top.doctor.isVisible).toBe(false)
  expect(top.other_clinical.isVisible).toBe(false) // the smaller of the two the doctors could hide behind
  expect(top.nurse.isVisible).toBe(true)
})

test("a unit hidden one level up stays underivable below: its children cannot all be shown", () => {
  const parent = { ...allShown, all: hidden, nurse: hidden }
  const isShown = level({ 1: { nurse: 12 }, 2: { nurse: 8 } }, {}, parent)
  expect(isShown(1) && isShown(2)).toBe(false)
  expect(isShown(1) || isShown(2)).toBe(true)
})

test("the module's result survives an independent attacker: no group of 1..k-1 is ever derivable", () => {
  // a small randomised search over trees with families and direct members
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  for (let trial = 0; trial < 300; trial++) {
    const children: Record<number, GroupCounts> = {}
    const nChildren = 1 + Math.floor(random() * 5)
    for (let c = 1; c <= nChildren; c++) {
      children[c] = {}
      for (const f of FAMILIES) if (random() < 0.7) children[c]![f] = Math.floor(random() * 14)
    }
    const direct: GroupCounts = random() < 0.3 ? { nurse: Math.floor(random() * 4) } : {}
    const parentCounts: GroupCounts = { ...direct }
    for (const counts of Object.values(children))
      for (const [f, n] of Object.entries(counts))
        parentCounts[f as JobFamily] = (parentCounts[f as JobFamily] ?? 0) + (n ?? 0)
    const top = decideTop(parentCounts, FAMILIES, K)
    const decision = decideLevel({
      parent: top,
      parentCounts,
      children: new Map(Object.entries(children).map(([key, counts]) => [Number(key), counts])),
      direct,
      families: FAMILIES,
      k: K,
    })

    const counts = new Map<string, number>()
    const shownIds = new Set<string>()
    const relations: Relation[] = []
    const slices: Slice[] = [ALL, ...FAMILIES]
    const sum = (g: GroupCounts, s: Slice) =>
      s === ALL ? Object.values(g).reduce<number>((a, b) => a + (b ?? 0), 0) : (g[s] ?? 0)
    const groups: [string, GroupCounts, Record<Slice, CellState> | null][] = [
      ["p", parentCounts, top],
      ["d", direct, null],
      ...Object.entries(children).map(
        ([key, g]) =>
          [`c${key}`, g, decision.get(Number(key))!] as [string, GroupCounts, Record<Slice, CellState>],
      ),
    ]
    for (const [name, g, states] of groups) {
      for (const s of slices) {
        counts.set(`${name}:${s}`, sum(g, s))
        if (states?.[s].isVisible) shownIds.add(`${name}:${s}`)
      }
      relations.push({ total: `${name}:${ALL}`, parts: FAMILIES.map((f) => `${name}:${f}`) })
    }
    for (const s of slices)
      relations.push({
        total: `p:${s}`,
        parts: ["d", ...Object.keys(children).map((k) => `c${k}`)].map((g) => `${g}:${s}`),
      })

    for (const id of shownIds) expect(counts.get(id)!).toBeGreaterThanOrEqual(K)
    const known = derivable(counts, shownIds, relations)
    for (const id of known) {
      const n = counts.get(id)!
      expect({ trial, id, n, isSmall: n > 0 && n < K }).toMatchObject({ isSmall: false })
    }
    for (const r of relations) {
      if (!known.has(r.total)) continue
      const hiddenMass = r.parts.filter((id) => !known.has(id)).reduce((a, id) => a + counts.get(id)!, 0)
      expect({ trial, r, hiddenMass, isSmall: hiddenMass > 0 && hiddenMass < K }).toMatchObject({
        isSmall: false,
      })
    }
  }
})

test("suppressCells shows a big group and hides a small one with no relation between them", () => {
  const states = suppressCells(
    [
      { id: "a", n: 9 },
      { id: "b", n: 2 },
    ],
    [],
    K,
  )
  expect(states.get("a")).toEqual({ isVisible: true, isKnown: true })
  expect(states.get("b")).toEqual({ isVisible: false, isKnown: false })
})

test("two cycles whose difference is 1 person: a mean over 6 and then over the same people minus one is not shown", () => {
  // cycle 1: six people; cycle 2: five of the same six. The second mean beside the first would show the sixth.
  const change = () => ({ onlyInA: 0, onlyInB: 1 })
  const points = selectTrendPoints(
    [
      { cycleId: 1, isVisible: true },
      { cycleId: 2, isVisible: true },
    ],
    change,
    K,
  )
  expect([...points]).toEqual([1])
})

test("two cycles with the same people, or with k or more new people, both stay on the trend", () => {
  const same = selectTrendPoints(
    [
      { cycleId: 1, isVisible: true },
      { cycleId: 2, isVisible: true },
    ],
    () => ({ onlyInA: 0, onlyInB: 0 }),
    K,
  )
  expect([...same]).toEqual([1, 2])
  const many = selectTrendPoints(
    [
      { cycleId: 1, isVisible: true },
      { cycleId: 2, isVisible: true },
    ],
    () => ({ onlyInA: 5, onlyInB: 6 }),
    K,
  )
  expect([...many]).toEqual([1, 2])
})

test("a trend point hidden in its own cycle is never shown, and later points are checked against shown ones only", () => {
  const diffs: Record<string, { onlyInA: number; onlyInB: number }> = {
    "3-1": { onlyInA: 0, onlyInB: 0 },
    "3-2": { onlyInA: 2, onlyInB: 0 },
  }
  const points = selectTrendPoints(
    [
      { cycleId: 1, isVisible: true },
      { cycleId: 2, isVisible: false },
      { cycleId: 3, isVisible: true },
    ],
    (a, b) => diffs[`${a}-${b}`] ?? { onlyInA: 9, onlyInB: 9 },
    K,
  )
  expect([...points]).toEqual([1, 3])
})
