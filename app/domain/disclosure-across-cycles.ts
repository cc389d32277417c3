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
  atomRowOver,
  cancellingSets,
  cellKey,
  cellRowOver,
  hideNearThenEverywhere,
  mod,
  type PublicationModel,
  type Row,
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
/**
 * A set of joint atoms holding 1..k-1 people of one measure whose sum the cycles together determine: `members` are
 * their indices in the measure's list, `key` names the set ("measure|indices").
 */
export type JointDisclosure = {
  measure: number
  members: number[]
  atoms: JointAtom[]
  people: number
  key: string
}

/** All cycles' rows for one measure, reduced. Joint atom i is variable i. */
class JointSystem extends SparseBasis {
  /** the new publication's variables X(u,f) */
  private readonly lastVar = new Map<string, number>()

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
        const placed = own.get(key)
        if (placed) placed.push(i)
        else own.set(key, [i])
        for (const unitId of tree.lineage(place.unitId)) exists.add(cellKey(unitId, place.family))
      })
      const index = c === last ? this.lastVar : new Map<string, number>()
      for (const u of layer.units)
        for (const f of JOB_FAMILIES) if (exists.has(cellKey(u.id, f))) index.set(cellKey(u.id, f), next++)
      for (const u of layer.units) {
        for (const f of JOB_FAMILIES) {
          const key = cellKey(u.id, f)
          if (!index.has(key)) continue
          if (visible.has(key)) rows.push(cellRowOver(index, key)!)
          // the atom: its subtree minus its children's subtrees is the sum of the joint atoms placed in it
          const link = atomRowOver(index, tree.childrenOf, u.id, f)!
          for (const i of own.get(key) ?? []) link.set(i, mod(-1))
          rows.push(link)
        }
        const whole = cellKey(u.id, ALL_FAMILIES)
        const row = visible.has(whole) ? cellRowOver(index, whole) : undefined
        if (row) rows.push(row)
      }
    })
    this.propagate(rows)
  }

  /** The row a cell of the new publication adds. */
  cellRow(key: string): Row | undefined {
    return cellRowOver(this.lastVar, key)
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
): JointDisclosure[] {
  const trees = input.layers.map((l) => new UnitTree(l.units))
  const out: JointDisclosure[] = []
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
      const key = `${m}|${members.join(",")}`
      if (ignore.has(key)) continue
      out.push({ measure: m, members, atoms: members.map((i) => atoms[i]!), people: set.people, key })
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
  const placesOf = (d: JointDisclosure) =>
    d.atoms.flatMap((a) => a.places.flatMap((p) => (p ? [p.unitId] : [])))
  for (let round = 0; round < model.cellCounts.size; round++) {
    const disclosures = findJointDisclosures(input, 5000, visible, ignore)
    if (disclosures.length === 0) break
    for (const measure of new Set(disclosures.map((d) => d.measure))) {
      const groups = disclosures.filter((d) => d.measure === measure)
      const build = () => new JointSystem(trees, input, measure, visible)
      const formOf = (system: JointSystem, d: JointDisclosure) => system.residual(d.members)
      const unitIds = groups.flatMap(placesOf)
      // What stays determined with every cell of the new publication hidden, the earlier publications determine
      // on their own: not the new one's to mend.
      const stuck = hideNearThenEverywhere(
        model,
        visible,
        unitIds,
        costMeasure(measure),
        build,
        formOf,
        groups,
      )
      for (const d of stuck) ignore.add(d.key)
    }
  }
  return before - visible.size
}
