import { expect, test } from "vitest"
import { type Atom, cellKey, decidePublication, PublicationModel, type TreeUnit } from "~/domain/disclosure"
import {
  findJointDisclosures,
  hideAcrossCycles,
  type JointAtom,
  type JointInput,
  type Place,
} from "~/domain/disclosure-across-cycles"
import type { JobFamily } from "~/domain/vocabulary"
import { seededRandom } from "../../scripts/seed/factories"
import { attackAcrossCycles as attack } from "../support/joint-attacker"

const K = 5

function minimal(sets: Set<string>, determined: Set<string>) {
  const isMinimal = (key: string) => {
    const [m, list] = key.split("|")
    const parts = list!.split(",")
    for (let mask = 1; mask < (1 << parts.length) - 1; mask++) {
      const subset = parts.filter((_, i) => mask & (1 << i)).join(",")
      if (determined.has(`${m}|${subset}`)) return false
    }
    return true
  }
  return new Set([...sets].filter(isMinimal))
}

// ---------------------------------------------------------------- random organisations over two or three cycles

const FAMILIES: JobFamily[] = ["doctor", "nurse", "administrative"]
type Person = { places: Place[]; submitted: boolean[] }

/**
 * A random tree, people in it at the first cycle, then each later cycle: most stay, some leave, move to another
 * unit or change job family, some join; a unit may move to another parent. Two measures: invited and submitted.
 */
function randomCycles(seed: number, layers: number) {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  let units: TreeUnit[] = [{ id: 1, parentId: null }]
  const size = 3 + Math.floor(random() * 6)
  for (let id = 2; id <= size; id++) units.push({ id, parentId: pick(units).id })
  const trees: TreeUnit[][] = [units]
  const people: Person[] = []
  const anywhere = (): NonNullable<Place> => ({ unitId: pick(units).id, family: pick(FAMILIES) })
  // groups of people of one unit and family, so that groups of k and more exist beside small ones
  for (let g = 0; g < 4 + Math.floor(random() * 8); g++) {
    const place = anywhere()
    for (let n = 1 + Math.floor(random() * 9); n > 0; n--) people.push({ places: [place], submitted: [] })
  }
  for (let c = 1; c < layers; c++) {
    if (random() < 0.4 && units.length > 3) {
      // a unit (not the top) moves under another unit that is not inside it
      const moved = pick(units.slice(1))
      const inside = (id: number): boolean =>
        id === moved.id || units.some((u) => u.id === id && u.parentId !== null && inside(u.parentId))
      const target = pick(units.filter((u) => !inside(u.id)))
      units = units.map((u) => (u.id === moved.id ? { ...u, parentId: target.id } : u))
    }
    trees.push(units)
    for (const p of people) {
      const before = p.places[c - 1]
      const roll = random()
      p.places.push(
        before === undefined || before === null
          ? roll < 0.3
            ? anywhere()
            : null
          : roll < 0.7
            ? before
            : roll < 0.82
              ? null
              : roll < 0.94
                ? { ...before, unitId: pick(units).id }
                : { ...before, family: pick(FAMILIES) },
      )
    }
    for (let n = Math.floor(random() * 6); n > 0; n--)
      people.push({ places: [...Array(c).fill(null), anywhere()], submitted: [] })
  }
  for (const p of people) {
    while (p.places.length < layers) p.places.push(null)
    p.submitted = p.places.map((place) => place !== null && random() < 0.8)
  }
  return { trees, people }
}

/** The people grouped by their places, per measure (0 invited, 1 submitted). */
function jointAtoms(people: Person[]): JointAtom[][] {
  return [0, 1].map((m) => {
    const groups = new Map<string, JointAtom>()
    for (const p of people) {
      const places = p.places.map((place, c) => (m === 0 || p.submitted[c] ? place : null))
      if (places.every((place) => place === null)) continue
      const key = JSON.stringify(places)
      const group = groups.get(key) ?? { places, n: 0 }
      group.n++
      groups.set(key, group)
    }
    return [...groups.values()]
  })
}

/** One cycle's own publication input: its atoms, counted from the people placed in it. */
function layerInput(units: TreeUnit[], people: Person[], c: number) {
  const atoms = new Map<string, Atom>()
  for (const p of people) {
    const place = p.places[c]
    if (!place) continue
    const key = cellKey(place.unitId, place.family)
    const atom = atoms.get(key) ?? { unitId: place.unitId, family: place.family, counts: [0, 0] }
    ;(atom.counts as number[])[0]!++
    if (p.submitted[c]) (atom.counts as number[])[1]!++
    atoms.set(key, atom)
  }
  return { units, atoms: [...atoms.values()], measures: 2, k: K }
}

test("the audit across cycles finds exactly the small groups the independent attacker finds", () => {
  let withDisclosures = 0
  for (let seed = 1; seed <= 90; seed++) {
    const { trees, people } = randomCycles(seed, seed % 3 === 0 ? 3 : 2)
    const random = seededRandom(seed * 104729)
    const layers = trees.map((units, c) => {
      const model = new PublicationModel(layerInput(units, people, c))
      return { units, visible: new Set([...model.cellCounts.keys()].filter(() => random() < 0.5)) }
    })
    const input: JointInput = { layers, measures: jointAtoms(people), k: K }
    const expected = attack(input)
    const actual = new Set(findJointDisclosures(input, 100_000).map((d) => d.key))
    for (const key of actual) expect(expected.has(key), `seed ${seed}: ${key}`).toBe(true)
    expect([...minimal(actual, expected)].sort(), `seed ${seed}`).toEqual(
      [...minimal(expected, expected)].sort(),
    )
    if (expected.size > 0) withDisclosures++
  }
  expect(withDisclosures).toBeGreaterThan(30)
})

test("each cycle decided in turn, with the audit across cycles, leaves the independent attacker nothing", () => {
  let hidden = 0
  for (let seed = 500; seed < 640; seed++) {
    const { trees, people } = randomCycles(seed, seed % 3 === 0 ? 3 : 2)
    const layers: { units: TreeUnit[]; visible: Set<string> }[] = []
    trees.forEach((units, c) => {
      const own = layerInput(units, people, c)
      const visible = decidePublication(own).visible
      const sofar = people.map((p) => ({ ...p, places: p.places.slice(0, c + 1) }))
      const input: JointInput = { layers: [...layers, { units, visible }], measures: jointAtoms(sofar), k: K }
      hidden += hideAcrossCycles(input, new PublicationModel(own), visible, (m) => m)
      layers.push({ units, visible })
      expect([...attack({ ...input, layers: [...layers] })], `seed ${seed}, cycle ${c + 1}`).toEqual([])
    })
  }
  expect(hidden).toBeGreaterThan(0)
})

// ---------------------------------------------------------------- the gaps of decision 002, by hand

/** A region (1) with a hospital (2) of two wards (3, 4) and a second hospital (5): nurses only. */
const tree: TreeUnit[] = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 1 },
]
const at = (unitId: number): Place => ({ unitId, family: "nurse" })
const group = (n: number, ...units: (number | null)[]): JointAtom => ({
  places: units.map((u) => (u === null ? null : at(u))),
  n,
})

test("a hospital lost 6 nurses, 5 of them in one ward: the sixth can no longer be worked out", () => {
  // Ward 3: 10 nurses, 5 leave; ward 4: 8 nurses, 1 leaves; hospital 5: 10 nurses stay.
  const measures = [[group(5, 3, 3), group(5, 3, null), group(7, 4, 4), group(1, 4, null), group(10, 5, 5)]]
  const spring = new Set(["1:all", "1:nurse", "2:all", "2:nurse", "3:all", "3:nurse", "5:all", "5:nurse"])
  // every cell shown in autumn; in spring ward 4 hidden (by the cohort rule: it lost one)
  const autumn = new Set(tree.flatMap((u) => [cellKey(u.id, "all"), cellKey(u.id, "nurse")]))
  const input: JointInput = {
    layers: [
      { units: tree, visible: autumn },
      { units: tree, visible: spring },
    ],
    measures,
    k: K,
  }
  // (hospital then − now) − (ward 3 then − now) is the one nurse who left ward 4
  expect(findJointDisclosures(input).map((d) => d.atoms)).toContainEqual([group(1, 4, null)])
  expect(attack(input)).toContain("0|3")
  const model = new PublicationModel({
    units: tree,
    atoms: [
      { unitId: 3, family: "nurse", counts: [5] },
      { unitId: 4, family: "nurse", counts: [7] },
      { unitId: 5, family: "nurse", counts: [10] },
    ],
    measures: 1,
    k: K,
  })
  const visible = new Set(spring)
  expect(hideAcrossCycles(input, model, visible, () => 0)).toBeGreaterThan(0)
  expect(attack({ ...input, layers: [input.layers[0]!, { units: tree, visible }] }).size).toBe(0)
  // the region's and the other hospital's rows need not go
  for (const key of ["1:all", "5:all"]) expect(visible.has(key)).toBe(true)
})

test("a ward hidden in spring cannot be read as its hospital minus its shown sibling against autumn", () => {
  // Ward 3: 12 nurses, 2 leave; ward 4: 9 nurses stay; hospital 5: 6 nurses stay. Autumn shows everything; in
  // spring the cohort rule hides ward 3 (it lost 2), yet the hospital minus ward 4 is ward 3 in spring, and ward 3
  // in autumn minus that is the two who left.
  const measures = [[group(10, 3, 3), group(2, 3, null), group(9, 4, 4), group(6, 5, 5)]]
  const autumn = new Set(tree.flatMap((u) => [cellKey(u.id, "all"), cellKey(u.id, "nurse")]))
  const spring = new Set(["1:all", "2:all", "4:all", "5:all"])
  const input: JointInput = {
    layers: [
      { units: tree, visible: autumn },
      { units: tree, visible: spring },
    ],
    measures,
    k: K,
  }
  expect(attack(input)).toContain("0|1")
  expect(findJointDisclosures(input).map((d) => d.atoms)).toContainEqual([group(2, 3, null)])
  const model = new PublicationModel({
    units: tree,
    atoms: [
      { unitId: 3, family: "nurse", counts: [10] },
      { unitId: 4, family: "nurse", counts: [9] },
      { unitId: 5, family: "nurse", counts: [6] },
    ],
    measures: 1,
    k: K,
  })
  const visible = new Set(spring)
  hideAcrossCycles(input, model, visible, () => 0)
  expect(attack({ ...input, layers: [input.layers[0]!, { units: tree, visible }] }).size).toBe(0)
})
