// The audit across cycles (docs/decisions/002-anonymity.md): a new cycle's publication read together with every
// earlier one. Pure: placements in, visibility out.
//
// A reader who holds two cycles' figures can combine them as if each person's answers were the same in both (the
// worst case: answers change slowly). The unknowns are then the people's values, grouped into joint atoms: the
// people placed the same way in every cycle (the same atom, a unit's own members of one job family, in each, or
// absent from it). Every figure of every cycle is a sum over joint atoms. The rule is the one of a single cycle,
// over joint atoms: no sum over a set of 1..k-1 people of a measure may be determined by the figures of all cycles
// together, with the empty joint atoms counted as known. It catches "the parent lost 6 and one child 5" (the sixth
// leaver) and "hidden by the cohort rule, but the parent minus its shown siblings", neither of which the cohort rule
// or the audit of one cycle sees. The earlier publications are frozen: only the new one can hide more.
//
// The system: each cycle's subtree coordinates X^c(u,f), as in the audit of one cycle, plus one variable per joint
// atom, tied by one row per atom and cycle: X^c(u,f) − Σ_children X^c(child,f) − Σ_{joint atoms placed there} y = 0.
// A set of joint atoms is determined when its indicator lies in the span of those rows and the shown cells'. The
// matrix is no longer totally unimodular, so elimination modulo a prime can, with negligible chance, find a
// dependency the rationals do not have: that only hides more, never less (tested against exact rationals).
import {
  ALL_FAMILIES,
  cancellingSets,
  cellKey,
  hideForGroups,
  mod,
  type PublicationModel,
  type Row,
  repairCandidates,
  SparseBasis,
  type TreeUnit,
  UnitTree,
} from "./disclosure"
import { JOB_FAMILIES, type JobFamily } from "./vocabulary"

/** Where a group of people was counted in one cycle: an atom, or nowhere (not counted in that measure there). */
export type Place = { unitId: number; family: JobFamily } | null
/** People of one measure placed the same way in every cycle (`places`, one per layer): how many. */
export type JointAtom = { places: readonly Place[]; n: number }
/** People grouped by where they were counted in each layer (each list one person's places): the joint atoms. */
export function jointAtoms(placements: Iterable<readonly Place[]>): JointAtom[] {
  const groups = new Map<string, JointAtom>()
  for (const places of placements) {
    if (places.every((p) => p === null)) continue
    const key = places.map((p) => (p ? cellKey(p.unitId, p.family) : "-")).join("|")
    const group = groups.get(key)
    if (group) group.n++
    else groups.set(key, { places, n: 1 })
  }
  return [...groups.values()]
}

/** One cycle's publication: the tree it was decided over, and its shown cells. */
export type Layer = { units: readonly TreeUnit[]; visible: ReadonlySet<string> }
export type JointInput = {
  /** every earlier publication (frozen), and last the new one */
  layers: readonly Layer[]
  /** per measure compared across cycles: its joint atoms */
  measures: readonly (readonly JointAtom[])[]
  k: number
}
/** A set of joint atoms holding 1..k-1 people of one measure whose sum the cycles together determine. */
export type JointDisclosure = { measure: number; atoms: JointAtom[]; people: number }

/** All cycles' rows for one measure, reduced. Joint atom i is variable i. */
class JointSystem extends SparseBasis {
  private readonly lastVar = new Map<string, number>()
  private readonly lastTree: UnitTree

  constructor(
    trees: readonly UnitTree[],
    input: JointInput,
    measure: number,
    lastVisible: ReadonlySet<string>,
  ) {
    super()
    const atoms = input.measures[measure]!
    const last = input.layers.length - 1
    const rows: Row[] = []
    let next = atoms.length
    input.layers.forEach((layer, c) => {
      const tree = trees[c]!
      const visible = c === last ? lastVisible : layer.visible
      // the variables X^c(u,f) that hold anyone: the lineage of every place of this layer
      const own = new Map<string, number[]>()
      const exists = new Set<string>()
      atoms.forEach((atom, i) => {
        const place = atom.places[c]
        if (!place || atom.n === 0) return
        const key = cellKey(place.unitId, place.family)
        own.set(key, [...(own.get(key) ?? []), i])
        for (const unitId of tree.lineage(place.unitId)) exists.add(cellKey(unitId, place.family))
      })
      const index = new Map<string, number>()
      for (const u of layer.units)
        for (const f of JOB_FAMILIES) if (exists.has(cellKey(u.id, f))) index.set(cellKey(u.id, f), next++)
      if (c === last) for (const [key, x] of index) this.lastVar.set(key, x)
      for (const u of layer.units) {
        const whole: Row = new Map()
        for (const f of JOB_FAMILIES) {
          const key = cellKey(u.id, f)
          const x = index.get(key)
          if (x === undefined) continue
          whole.set(x, 1)
          if (visible.has(key)) rows.push(new Map([[x, 1]]))
          // the atom: its subtree minus its children's subtrees is the sum of the joint atoms placed in it
          const link: Row = new Map([[x, 1]])
          for (const child of tree.childrenOf.get(u.id) ?? []) {
            const y = index.get(cellKey(child, f))
            if (y !== undefined) link.set(y, mod(-1))
          }
          for (const i of own.get(key) ?? []) link.set(i, mod(-1))
          rows.push(link)
        }
        if (whole.size > 0 && visible.has(cellKey(u.id, ALL_FAMILIES))) rows.push(whole)
      }
    })
    this.lastTree = trees[last]!
    this.propagate(rows)
  }

  /** The row a cell of the new publication adds. */
  cellRow(key: string): Row | undefined {
    const at = key.indexOf(":")
    const unitId = Number(key.slice(0, at))
    if (key.slice(at + 1) !== ALL_FAMILIES) {
      const x = this.lastVar.get(key)
      return x === undefined ? undefined : new Map([[x, 1]])
    }
    if (!this.lastTree.parentOf.has(unitId)) return undefined
    const row: Row = new Map()
    for (const f of JOB_FAMILIES) {
      const x = this.lastVar.get(cellKey(unitId, f))
      if (x !== undefined) row.set(x, 1)
    }
    return row.size > 0 ? row : undefined
  }

  residual(members: readonly number[]): Row {
    return this.reduced(new Map(members.map((i) => [i, 1])))
  }
}

/** The measures whose joint atoms differ (identical ones are audited once; the same array is the same measure). */
const distinctCache = new WeakMap<JointInput["measures"], number[]>()
function distinctMeasures(input: JointInput): number[] {
  const cached = distinctCache.get(input.measures)
  if (cached) return cached
  const seen = new Map<string, number>()
  const byArray = new Map<readonly JointAtom[], number>()
  input.measures.forEach((atoms, m) => {
    if (byArray.has(atoms)) return
    byArray.set(atoms, m)
    const signature = JSON.stringify(atoms)
    if (!seen.has(signature)) seen.set(signature, m)
  })
  const distinct = [...seen.values()]
  distinctCache.set(input.measures, distinct)
  return distinct
}

const disclosureKey = (d: { measure: number; members: number[] }) => `${d.measure}|${d.members.join(",")}`

/**
 * Every set of joint atoms holding 1..k-1 people of a measure that all cycles together determine (at most `limit`),
 * with the new publication's shown cells `lastVisible` (by default its layer's). `ignore` leaves out sets known not
 * to depend on the new publication.
 */
export function findJointDisclosures(
  input: JointInput,
  limit = 50,
  lastVisible: ReadonlySet<string> = input.layers.at(-1)!.visible,
  ignore: ReadonlySet<string> = new Set(),
): (JointDisclosure & { key: string })[] {
  const trees = input.layers.map((l) => new UnitTree(l.units))
  const out: (JointDisclosure & { key: string })[] = []
  for (const m of distinctMeasures(input)) {
    const atoms = input.measures[m]!
    const small = atoms.flatMap((a, i) => (a.n >= 1 && a.n < input.k ? [i] : []))
    if (small.length === 0) continue
    const system = new JointSystem(trees, input, m, lastVisible)
    const sets = cancellingSets(
      small.map((i) => system.residual([i])),
      small.map((i) => atoms[i]!.n),
      input.k,
      limit - out.length + ignore.size,
    )
    for (const set of sets) {
      const members = set.members.map((j) => small[j]!).sort((a, b) => a - b)
      const key = disclosureKey({ measure: m, members })
      if (ignore.has(key)) continue
      out.push({ measure: m, atoms: members.map((i) => atoms[i]!), people: set.people, key })
      if (out.length >= limit) return out
    }
  }
  return out
}

/**
 * Hides more of the new publication (`visible`, changed in place; `model` is its own) until no combination with the
 * earlier ones determines a small group. Each round, per measure, the cells near every group found, cheapest first
 * as in the audit of one cycle, are hidden together, then shown again dearest first wherever no group becomes
 * determined (one reduced system for all of them: a row determines a group exactly when the group's residual is a
 * multiple of the row's). A group still determined with those hidden gets the same over the whole publication. The
 * next round's search checks the result. `costMeasure` maps a joint measure to the model's. Returns how many cells
 * it hid. A group the earlier publications determine on their own (published under another k, or before this audit
 * existed) is left: nothing the new one hides changes it.
 */
export function hideAcrossCycles(
  input: JointInput,
  model: PublicationModel,
  visible: Set<string>,
  costMeasure: (measure: number) => number,
): number {
  const before = visible.size
  const trees = input.layers.map((l) => new UnitTree(l.units))
  const ignore = new Set<string>()
  const allUnits = model.input.units.map((u) => u.id)
  const membersOf = (d: { key: string }) => d.key.split("|")[1]!.split(",").map(Number)
  const placesOf = (d: JointDisclosure) =>
    d.atoms.flatMap((a) => a.places.flatMap((p) => (p ? [p.unitId] : [])))
  for (let round = 0; round < model.cellCounts.size; round++) {
    const disclosures = findJointDisclosures(input, 5000, visible, ignore)
    if (disclosures.length === 0) break
    for (const measure of new Set(disclosures.map((d) => d.measure))) {
      const groups = disclosures.filter((d) => d.measure === measure)
      const build = () => new JointSystem(trees, input, measure, visible)
      const formOf = (system: JointSystem, d: { key: string }) => system.residual(membersOf(d))
      const near = repairCandidates(model, visible, groups.flatMap(placesOf), costMeasure(measure))
      const stuck = hideForGroups(near, visible, build, formOf, groups)
      if (stuck.length === 0) continue
      // Still determined with every cell near them hidden: the same over the whole new publication. What is
      // determined even then, the earlier publications determine on their own: not the new one's to mend.
      const everywhere = repairCandidates(model, visible, allUnits, costMeasure(measure))
      for (const d of hideForGroups(everywhere, visible, build, formOf, stuck)) ignore.add(d.key)
    }
  }
  return before - visible.size
}
