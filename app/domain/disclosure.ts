// The exact disclosure audit of a cycle's publication (docs/decisions/002-anonymity.md). Pure: counts in,
// visibility out.
//
// A closed cycle publishes, for every unit u of the tree as it stood and every slice s (all job families, or one),
// a cell: sums over the people of u's subtree in s (counts, score sums, level counts, invited, submitted...). The
// people fall into atoms, a unit's own members of one job family; every published figure is a sum over a union
// of atoms. A reader who combines published cells can know Σ over a set U of atoms exactly when the indicator of U
// lies in the row space (over the rationals) of the published cells' indicators, together with the atoms the
// org chart shows to be empty. The rule: for every measure (invited, submitted, scored per dimension), no such U
// may hold 1..k-1 people.
//
// The audit works in subtree coordinates: X(u,f) = Σ of the atoms of family f in u's subtree. A shown family cell
// is then X(u,f) itself, a shown whole-unit cell Σ_f X(u,f), an empty atom X(v,f) − Σ_children X(c,f), and an
// atom set U the sum over its atoms of X(v,f) − Σ_children X(c,f). Known variables are propagated (one unknown
// left in a row makes it known); what remains is reduced exactly by Gaussian elimination modulo a prime. The
// matrix (two laminar families of sets, the tree per family and the tree of whole units, plus unit rows) is
// totally unimodular, so its reduced rows have entries -1, 0, 1 and every residual is a small integer: zero
// modulo p exactly when it is zero over the rationals. A set U with 1..k-1 people contains at most k-1 atoms of
// that measure, so the search for such sets is small: atoms whose residuals sum to zero.
import { DEFAULT_MIN_GROUP_SIZE, JOB_FAMILIES, type JobFamily, MIN_GROUP_SIZE_FLOOR } from "./vocabulary"

/** k of a cycle, a publication or a snapshot: the stored k, never below the floor (3); the default (5) when unknown. */
export function effectiveK(storedK?: number | null): number {
  const k =
    typeof storedK === "number" && Number.isFinite(storedK) ? Math.floor(storedK) : DEFAULT_MIN_GROUP_SIZE
  return Math.max(MIN_GROUP_SIZE_FLOOR, k)
}

export const ALL_FAMILIES = "all" as const
export type Slice = typeof ALL_FAMILIES | JobFamily
export const SLICES: readonly Slice[] = [ALL_FAMILIES, ...JOB_FAMILIES]

export type TreeUnit = { id: number; parentId: number | null }
/** The people of one unit (its own members, not its subtree) and one job family: a count per measure. */
export type Atom = { unitId: number; family: JobFamily; counts: readonly number[] }
export type PublicationInput = {
  units: readonly TreeUnit[]
  atoms: readonly Atom[]
  /** how many measures each atom counts (the same for every atom) */
  measures: number
  k: number
}
export const cellKey = (unitId: number, slice: Slice) => `${unitId}:${slice}`

/** A set of atoms a reader can sum exactly, holding 1..k-1 people of one measure. */
export type Disclosure = { measure: number; atoms: Atom[]; people: number }

const P = 67_108_859 // a prime below 2^26: products stay exact in a double
export const mod = (a: number) => ((a % P) + P) % P
function inverse(a: number) {
  let [r0, r1, s0, s1] = [mod(a), P, 1, 0]
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1)
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  return mod(s0)
}

/** A linear form over numbered variables: variable -> coefficient modulo P. */
export type Row = Map<number, number>

const addInto = (into: Row, row: Row) => {
  for (const [x, v] of row) {
    const next = mod((into.get(x) ?? 0) + v)
    if (next === 0) into.delete(x)
    else into.set(x, next)
  }
}

/** A tree of units: parents, children, and a unit's line up to the top. */
export class UnitTree {
  readonly childrenOf = new Map<number, number[]>()
  readonly parentOf = new Map<number, number | null>()

  constructor(units: readonly TreeUnit[]) {
    for (const u of units) {
      this.parentOf.set(u.id, u.parentId)
      if (!this.childrenOf.has(u.id)) this.childrenOf.set(u.id, [])
    }
    for (const u of units) {
      if (u.parentId !== null && this.parentOf.has(u.parentId)) this.childrenOf.get(u.parentId)!.push(u.id)
    }
  }

  /** The unit and its ancestors. */
  lineage(unitId: number): number[] {
    const out: number[] = []
    let at: number | null | undefined = unitId
    while (at !== null && at !== undefined && !out.includes(at)) {
      out.push(at)
      at = this.parentOf.get(at)
    }
    return out
  }
}

/** The tree and the per-cell sums of a publication, worked out once. */
export class PublicationModel extends UnitTree {
  readonly input: PublicationInput
  /** cell key -> sums per measure over the cell's atoms */
  readonly cellCounts = new Map<string, number[]>()
  /** per measure: subtree count per (unit, family), for the variables that exist */
  private readonly subtree: Map<string, number>[]

  constructor(input: PublicationInput) {
    super(input.units)
    this.input = input
    this.subtree = Array.from({ length: input.measures }, () => new Map())
    for (const u of input.units)
      for (const s of SLICES) this.cellCounts.set(cellKey(u.id, s), new Array(input.measures).fill(0))
    for (const atom of input.atoms) {
      for (const unitId of this.lineage(atom.unitId)) {
        for (const s of [ALL_FAMILIES, atom.family] as const) {
          const sums = this.cellCounts.get(cellKey(unitId, s))!
          for (let m = 0; m < input.measures; m++) sums[m]! += atom.counts[m]!
        }
        for (let m = 0; m < input.measures; m++) {
          if (atom.counts[m]! === 0) continue
          const key = cellKey(unitId, atom.family)
          this.subtree[m]!.set(key, (this.subtree[m]!.get(key) ?? 0) + atom.counts[m]!)
        }
      }
    }
  }

  hasVariable(measure: number, unitId: number, family: JobFamily) {
    return this.subtree[measure]!.has(cellKey(unitId, family))
  }

  /** A cell is shown at first when every measure counts at least k people in it. */
  initiallyVisible(): Set<string> {
    const visible = new Set<string>()
    for (const [key, sums] of this.cellCounts) if (sums.every((n) => n >= this.input.k)) visible.add(key)
    return visible
  }

  /** The measures that differ (identical columns are audited once). */
  distinctMeasures(): number[] {
    const seen = new Map<string, number>()
    for (let m = 0; m < this.input.measures; m++) {
      const signature = this.input.atoms.map((a) => a.counts[m]).join(",")
      if (!seen.has(signature)) seen.set(signature, m)
    }
    return [...seen.values()]
  }
}

/**
 * Published rows over numbered variables, reduced exactly modulo P: which sums are determined by them. Rows with one
 * unknown make it known, until none is left; the rest is kept as a fully reduced basis (each pivot column appears
 * in exactly one basis row). Shared by the audit of one cycle and the audit across cycles.
 */
export class SparseBasis {
  protected readonly known = new Set<number>()
  private readonly pivots = new Map<number, Row>()
  private readonly columnRows = new Map<number, Set<number>>()

  protected propagate(rows: Row[]) {
    const rowsOf = new Map<number, number[]>()
    const unknownLeft = rows.map((row) => row.size)
    rows.forEach((row, i) => {
      for (const x of row.keys()) {
        const list = rowsOf.get(x) ?? []
        list.push(i)
        rowsOf.set(x, list)
      }
    })
    const queue = rows.flatMap((row, i) => (row.size === 1 ? [i] : []))
    while (queue.length > 0) {
      const i = queue.pop()!
      if (unknownLeft[i] !== 1) continue
      const x = [...rows[i]!.keys()].find((v) => !this.known.has(v))
      if (x === undefined) continue
      this.known.add(x)
      for (const j of rowsOf.get(x) ?? []) {
        unknownLeft[j]!--
        if (unknownLeft[j] === 1) queue.push(j)
      }
    }
    for (let i = 0; i < rows.length; i++) if (unknownLeft[i]! >= 2) this.insert(this.strip(rows[i]!))
  }

  private strip(row: Row): Row {
    const out: Row = new Map()
    for (const [x, v] of row) if (!this.known.has(x) && v !== 0) out.set(x, v)
    return out
  }

  private reduce(row: Row): Row {
    const out = new Map(row)
    for (const x of [...row.keys()]) {
      const pivotRow = this.pivots.get(x)
      const factor = out.get(x)
      if (!pivotRow || !factor) continue
      for (const [y, v] of pivotRow) {
        const next = mod((out.get(y) ?? 0) - factor * v)
        if (next === 0) out.delete(y)
        else out.set(y, next)
      }
    }
    return out
  }

  private insert(row: Row) {
    const reduced = this.reduce(row)
    if (reduced.size === 0) return
    const pivot = Math.min(...reduced.keys())
    const scale = inverse(reduced.get(pivot)!)
    for (const [x, v] of reduced) reduced.set(x, mod(v * scale))
    // Keep the basis fully reduced: the new pivot column leaves every other basis row.
    for (const other of [...(this.columnRows.get(pivot) ?? [])]) {
      const otherRow = this.pivots.get(other)!
      const factor = otherRow.get(pivot)!
      for (const [y, v] of reduced) {
        const next = mod((otherRow.get(y) ?? 0) - factor * v)
        if (next === 0) {
          otherRow.delete(y)
          this.columnRows.get(y)?.delete(other)
        } else {
          if (!otherRow.has(y)) this.columnRows.get(y)?.add(other) ?? this.columnRows.set(y, new Set([other]))
          otherRow.set(y, next)
        }
      }
    }
    this.pivots.set(pivot, reduced)
    for (const x of reduced.keys()) {
      const set = this.columnRows.get(x) ?? new Set<number>()
      set.add(pivot)
      this.columnRows.set(x, set)
    }
  }

  /** A row with everything already published taken away (empty when the row adds nothing). */
  reduced(row: Row): Row {
    return this.reduce(this.strip(row))
  }

  /** Publishes one more row (a cell shown again): the basis grows, nothing is rebuilt. */
  add(row: Row) {
    this.insert(this.strip(row))
  }
}

/** What the repair needs of a system: a cell's row, and what is left of the group it protects. */
/** What a repair asks of a reduced system: a cell's row, a row reduced against what is shown, one more row shown. */
export interface ShownSystem {
  cellRow(key: string): Row | undefined
  reduced(row: Row): Row
  add(row: Row): void
}

/**
 * Protects several groups at once, with one reduced system: every candidate is hidden, then shown again dearest
 * first wherever no group's sum becomes determined (a row determines a group exactly when the group's residual is
 * a multiple of the row's). `formOf` is a group's sum as a row of the system. Returns the groups that are
 * determined even with every candidate hidden (the caller decides what more to hide).
 */
function hideForGroups<S extends ShownSystem, G>(
  candidates: readonly string[],
  visible: Set<string>,
  build: () => S,
  formOf: (system: S, group: G) => Row,
  groups: readonly G[],
): G[] {
  for (const key of candidates) visible.delete(key)
  const system = build()
  const stuck: G[] = []
  const live: { residual: Row }[] = []
  for (const g of groups) {
    const residual = system.reduced(formOf(system, g))
    if (residual.size === 0) stuck.push(g)
    else live.push({ residual })
  }
  for (let i = candidates.length - 1; i >= 0; i--) {
    const key = candidates[i]!
    const row = system.cellRow(key)
    if (row) {
      const reduced = system.reduced(row)
      if (live.some((g) => isMultipleOf(g.residual, reduced))) continue
      system.add(row)
      for (const g of live) g.residual = system.reduced(g.residual)
    }
    visible.add(key)
  }
  return stuck
}

/**
 * `hideForGroups` with the cells near the groups' units first (cheapest first, `repairCandidates`), then, for the
 * groups still determined, with every shown cell of the publication. Returns the groups determined even then.
 */
export function hideNearThenEverywhere<S extends ShownSystem, G>(
  model: PublicationModel,
  visible: Set<string>,
  unitIds: readonly number[],
  measure: number,
  build: () => S,
  formOf: (system: S, group: G) => Row,
  groups: readonly G[],
): G[] {
  const stuck = hideForGroups(
    repairCandidates(model, visible, unitIds, measure),
    visible,
    build,
    formOf,
    groups,
  )
  if (stuck.length === 0) return stuck
  const everywhere = repairCandidates(model, visible, [...model.parentOf.keys()], measure)
  return hideForGroups(everywhere, visible, build, formOf, stuck)
}

/**
 * A cell's row over subtree variables X(u,f) (`variables`: cell key of a family cell -> variable): one variable
 * for a job-family cell, the sum of the unit's for the whole unit; none without a variable.
 */
export function cellRowOver(variables: ReadonlyMap<string, number>, key: string): Row | undefined {
  const at = key.indexOf(":")
  if (key.slice(at + 1) !== ALL_FAMILIES) {
    const x = variables.get(key)
    return x === undefined ? undefined : new Map([[x, 1]])
  }
  const unitId = Number(key.slice(0, at))
  const row: Row = new Map()
  for (const f of JOB_FAMILIES) {
    const x = variables.get(cellKey(unitId, f))
    if (x !== undefined) row.set(x, 1)
  }
  return row.size > 0 ? row : undefined
}

/** One atom in subtree coordinates: X(u,f) − Σ_children X(c,f); none without a variable. */
export function atomRowOver(
  variables: ReadonlyMap<string, number>,
  childrenOf: ReadonlyMap<number, readonly number[]>,
  unitId: number,
  family: JobFamily,
): Row | undefined {
  const x = variables.get(cellKey(unitId, family))
  if (x === undefined) return undefined
  const row: Row = new Map([[x, 1]])
  for (const child of childrenOf.get(unitId) ?? []) {
    const c = variables.get(cellKey(child, family))
    if (c !== undefined) row.set(c, mod((row.get(c) ?? 0) - 1))
  }
  return row
}

/** The published system of one measure of one cycle, reduced: decides whether a set of atoms is determined. */
class ReducedSystem extends SparseBasis {
  private readonly varIndex = new Map<string, number>()

  constructor(
    private readonly model: PublicationModel,
    private readonly measure: number,
    visible: Set<string>,
  ) {
    super()
    const rows: Row[] = []
    for (const u of model.input.units)
      for (const f of JOB_FAMILIES)
        if (model.hasVariable(measure, u.id, f)) this.varIndex.set(cellKey(u.id, f), this.varIndex.size)
    for (const u of model.input.units) {
      for (const f of JOB_FAMILIES) {
        const key = cellKey(u.id, f)
        if (!this.varIndex.has(key)) continue
        if (visible.has(key)) rows.push(cellRowOver(this.varIndex, key)!)
        // An empty atom (no people of this measure placed directly in u) is known to be zero.
        if (!this.hasOwnPeople(u.id, f)) rows.push(this.atomRow(u.id, f)!)
      }
      const whole = cellKey(u.id, ALL_FAMILIES)
      const row = visible.has(whole) ? cellRowOver(this.varIndex, whole) : undefined
      if (row) rows.push(row)
    }
    this.propagate(rows)
  }

  private ownCounts: Map<string, number> | undefined
  private hasOwnPeople(unitId: number, family: JobFamily) {
    if (!this.ownCounts) {
      this.ownCounts = new Map()
      for (const a of this.model.input.atoms) {
        if (a.counts[this.measure]! === 0) continue
        const key = cellKey(a.unitId, a.family)
        this.ownCounts.set(key, (this.ownCounts.get(key) ?? 0) + a.counts[this.measure]!)
      }
    }
    return this.ownCounts.has(cellKey(unitId, family))
  }

  /** One atom in subtree coordinates: X(u,f) − Σ_children X(c,f). */
  atomRow(unitId: number, family: JobFamily): Row | undefined {
    return atomRowOver(this.varIndex, this.model.childrenOf, unitId, family)
  }

  /** The row a shown cell adds (none for a cell outside this system's tree, or without people of its measure). */
  cellRow(key: string): Row | undefined {
    return cellRowOver(this.varIndex, key)
  }

  /** What is left of a set of atoms after everything published is taken away: empty when it is determined. */
  residual(atoms: readonly Atom[]): Row {
    const sum: Row = new Map()
    for (const a of atoms) addInto(sum, this.atomRow(a.unitId, a.family) ?? new Map<number, number>())
    return this.reduced(sum)
  }
}

/**
 * The sets of small groups (1..k-1 people each, `sizes`) whose residuals cancel and that hold 1..k-1 people in
 * all: each such set is determined by what is published. Every minimal one is found, from its lowest member (a
 * larger one is a union of minimal ones); at most `limit`.
 */
export function cancellingSets(
  residuals: readonly Row[],
  sizes: readonly number[],
  k: number,
  limit: number,
) {
  const out: { members: number[]; people: number }[] = []
  const touching = new Map<number, number[]>()
  residuals.forEach((row, i) => {
    for (const x of row.keys()) {
      const list = touching.get(x) ?? []
      list.push(i)
      touching.set(x, list)
    }
  })
  const search = (members: number[], sum: Row, people: number) => {
    if (out.length >= limit) return
    if (sum.size === 0) {
      out.push({ members, people })
      return
    }
    const column = Math.min(...sum.keys())
    for (const j of touching.get(column) ?? []) {
      if (j <= members[0]! || members.includes(j)) continue
      if (people + sizes[j]! >= k) continue
      const next = new Map(sum)
      addInto(next, residuals[j]!)
      search([...members, j], next, people + sizes[j]!)
    }
  }
  for (let i = 0; i < residuals.length && out.length < limit; i++)
    search([i], new Map(residuals[i]!), sizes[i]!)
  return out
}

/** Every set of atoms holding 1..k-1 people of some measure whose sum a reader can work out (at most `limit`). */
export function findDisclosures(model: PublicationModel, visible: Set<string>, limit = 50): Disclosure[] {
  const { k } = model.input
  const out: Disclosure[] = []
  for (const m of model.distinctMeasures()) {
    const small = model.input.atoms.filter((a) => a.counts[m]! >= 1 && a.counts[m]! < k)
    if (small.length === 0) continue
    const system = new ReducedSystem(model, m, visible)
    const sets = cancellingSets(
      small.map((a) => system.residual([a])),
      small.map((a) => a.counts[m]!),
      k,
      limit - out.length,
    )
    for (const { members, people } of sets)
      out.push({ measure: m, atoms: members.map((i) => small[i]!), people })
    if (out.length >= limit) break
  }
  return out
}

export type PublicationDecision = {
  visible: Set<string>
  /** cells with people that are hidden because they are small (below k in some measure) */
  hiddenSmall: number
  /** cells hidden further by the audit, so that no small group can be worked out */
  hiddenByAudit: number
  /** cells with at least one person */
  cellsWithPeople: number
}

/**
 * Decides what a cycle publishes: every cell with at least k people in every measure, then, while the audit finds
 * small groups that can be worked out, the cheapest cells that stop each are hidden and the audit runs again.
 * `extraHidden` are cells hidden for another reason before the audit (the cohort rule across cycles, or cells a page
 * does not show); of them, `protectedCells` (the cohort rule's) must not be worked out from the shown cells either.
 *
 * Choosing what to hide is tried out on a small part of the tree (the subtree of the parent of the group's lowest
 * common unit), which is cheap; only the audit of the whole publication decides, so a choice that is not enough
 * there is caught in the next round.
 */
export function decidePublication(
  input: PublicationInput,
  extraHidden: ReadonlySet<string> = new Set(),
  protectedCells: ReadonlySet<string> = new Set(),
): PublicationDecision {
  const model = new PublicationModel(input)
  const visible = model.initiallyVisible()
  for (const key of extraHidden) visible.delete(key)
  const initial = visible.size
  hideWithinUnits(model, visible)
  let cellsWithPeople = 0
  for (const sums of model.cellCounts.values()) if (sums.some((n) => n > 0)) cellsWithPeople++
  const hiddenSmall = cellsWithPeople - model.initiallyVisible().size
  const locals = new Map<number, PublicationModel>()
  const localModel = (d: Disclosure) => {
    // the parent of the group's lowest common ancestor: where "a unit = its parent minus its siblings" is seen
    const lineages = d.atoms.map((a) => model.lineage(a.unitId).reverse())
    let common = 0
    while (lineages.every((l) => l[common] !== undefined && l[common] === lineages[0]![common])) common++
    const top = lineages[0]![common - 2]
    if (top === undefined || model.parentOf.get(top) === null) return model
    let local = locals.get(top)
    if (!local) {
      const inside = new Set(
        model.input.units.filter((u) => model.lineage(u.id).includes(top)).map((u) => u.id),
      )
      local = new PublicationModel({
        ...model.input,
        units: model.input.units
          .filter((u) => inside.has(u.id))
          .map((u) => (u.id === top ? { id: u.id, parentId: null } : u)),
        atoms: model.input.atoms.filter((a) => inside.has(a.unitId)),
      })
      locals.set(top, local)
    }
    return local
  }
  for (let round = 0; round < model.cellCounts.size; round++) {
    const disclosures = findDisclosures(model, visible, 1000)
    if (disclosures.length === 0) break
    const before = visible.size
    for (const d of disclosures) repair(model, localModel(d), visible, d)
    // Tried out locally, nothing was needed: decide on the whole publication instead.
    if (visible.size === before) repair(model, model, visible, disclosures[0]!)
    if (visible.size === before) {
      // Nothing near the group is published, yet it can be worked out: show nothing (never reached in tests).
      visible.clear()
      break
    }
  }
  protectHidden(model, visible, protectedCells)
  return { visible, hiddenSmall, hiddenByAudit: initial - visible.size, cellsWithPeople }
}

/**
 * Cells hidden for another reason (the cohort rule) with people in them must not be worked out from what is shown
 * either (a unit's row as its parent's minus its siblings'): where one is, cells near it are hidden, cheapest first,
 * and shown again where not needed; until none is. Hiding only shrinks what is published, so the audit's guarantee
 * holds after it.
 */
function protectHidden(model: PublicationModel, visible: Set<string>, hidden: ReadonlySet<string>) {
  for (let round = 0; round < model.cellCounts.size; round++) {
    const before = visible.size
    for (const m of model.distinctMeasures()) {
      const system = new ReducedSystem(model, m, visible)
      const determined = [...hidden].filter((key) => {
        const row = system.cellRow(key)
        return row !== undefined && system.reduced(row).size === 0
      })
      if (determined.length === 0) continue
      const unitOf = (key: string) => Number(key.slice(0, key.indexOf(":")))
      hideNearThenEverywhere(
        model,
        visible,
        determined.map(unitOf),
        m,
        () => new ReducedSystem(model, m, visible),
        (s: ReducedSystem, key: string) => s.cellRow(key)!,
        determined,
      )
    }
    if (visible.size === before) break
  }
}

/**
 * The cheap first step (most of what the audit would find): in a unit whose whole row is shown, the hidden job
 * families together must hold 0 or at least k people, else the smallest shown family is hidden too (or, with none
 * left, the whole row).
 */
function hideWithinUnits(model: PublicationModel, visible: Set<string>) {
  const { k, measures } = model.input
  for (const unitId of model.parentOf.keys()) {
    const whole = cellKey(unitId, ALL_FAMILIES)
    while (visible.has(whole)) {
      const hiddenSum = new Array(measures).fill(0)
      const shown: string[] = []
      for (const f of JOB_FAMILIES) {
        const key = cellKey(unitId, f)
        const counts = model.cellCounts.get(key)!
        if (visible.has(key)) shown.push(key)
        else for (let m = 0; m < measures; m++) hiddenSum[m] += counts[m]!
      }
      if (hiddenSum.every((n) => n === 0 || n >= k)) break
      const smallest = shown.sort(
        (a, b) => model.cellCounts.get(a)![0]! - model.cellCounts.get(b)![0]! || (a < b ? -1 : 1),
      )[0]
      visible.delete(smallest ?? whole)
    }
  }
}

/**
 * Hides candidates, cheapest first, until the group can no longer be worked out (tried out on `trial`); then shows
 * again, dearest first, every one that is not needed after all.
 *
 * Worked out with one reduced system instead of one per step (`hideForGroups`): with every candidate hidden, the
 * candidates are shown again from the dearest, each unless its row would let the group be worked out. That keeps
 * hidden the cheapest prefix the loop "hide until it is no longer determined" would hide, less every one of it not
 * needed after all: the same decisions as rebuilding the system at every step.
 */
function repair(model: PublicationModel, trial: PublicationModel, visible: Set<string>, d: Disclosure) {
  const candidates = repairCandidates(
    model,
    visible,
    d.atoms.map((a) => a.unitId),
    d.measure,
  )
  const build = () => new ReducedSystem(trial, d.measure, visible)
  const stuck = hideForGroups(
    candidates,
    visible,
    build,
    (system, g: Disclosure) => system.residual(g.atoms),
    [d],
  )
  // Determined even with every candidate hidden: nothing near it helps; they stay hidden (the next round decides).
  if (stuck.length > 0) for (const key of candidates) visible.delete(key)
}

/** Whether `residual` (not empty) is λ · `row` for some λ, modulo P. */
function isMultipleOf(residual: Row, row: Row): boolean {
  if (row.size === 0 || row.size !== residual.size) return false
  const [x, v] = row.entries().next().value as [number, number]
  const r = residual.get(x)
  if (r === undefined) return false
  const lambda = mod(r * inverse(v))
  for (const [y, w] of row) if (residual.get(y) !== mod(lambda * w)) return false
  return true
}

/**
 * The shown cells that take part in working out a group, cheapest first: a job-family filter (the smaller first),
 * then the benchmark total at the top of the tree (rather than a whole hospital), then a sibling's or child's whole
 * row, then a total on the group's own chain (which would only help with its own parent hidden too).
 */
function repairCandidates(
  model: PublicationModel,
  visible: Set<string>,
  unitIds: readonly number[],
  measure: number,
): string[] {
  const cost = new Map<string, number>()
  const consider = (unitId: number, isOnChain: boolean) => {
    for (const slice of SLICES) {
      const key = cellKey(unitId, slice)
      if (!visible.has(key)) continue
      const isRoot = model.parentOf.get(unitId) === null
      const tier = slice !== ALL_FAMILIES ? 1 : isRoot ? 2 : isOnChain ? 4 : 3
      const n = model.cellCounts.get(key)![measure]!
      const value = tier * 1e9 + n
      cost.set(key, Math.min(cost.get(key) ?? Number.POSITIVE_INFINITY, value))
    }
  }
  for (const groupUnit of unitIds) {
    if (!model.parentOf.has(groupUnit)) continue
    for (const unitId of model.lineage(groupUnit)) {
      consider(unitId, true)
      const parent = model.parentOf.get(unitId)
      const siblings =
        parent === null || parent === undefined
          ? model.input.units.filter((u) => u.parentId === null).map((u) => u.id)
          : model.childrenOf.get(parent)!
      for (const sibling of siblings) if (sibling !== unitId) consider(sibling, false)
      for (const child of model.childrenOf.get(unitId) ?? []) consider(child, false)
    }
  }
  return [...cost].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
}
