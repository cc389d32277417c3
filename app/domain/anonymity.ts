// The anonymity rule of every report (docs/decisions/002-anonymity.md). Pure: counts in, visibility out.
//
// A report publishes cells: the count n (and sums) of a group. Groups are tied by relations "total = sum of
// parts" (a unit = its children + its direct members; a unit = its job families). Someone who sees some cells
// can derive others by subtraction. The rule:
// - a cell is published only when n >= k (k = max(3, the cycle's k));
// - whatever a reader can derive by subtraction must never be a group of 1..k-1 people: in every relation whose
//   total is known, the hidden parts together hold 0 or at least k people (complementary suppression);
// - a cell hidden at a level above (protected) must not become derivable at a level below.
// Derivation is followed through all relations to a fixpoint, so a chain (filter, then parent, then sibling)
// is caught too. When the rule is broken, the smallest published cell of the broken relation is hidden, and
// the whole check runs again.
import type { JobFamily } from "./content-schema"
import { DEFAULT_MIN_GROUP_SIZE, MIN_GROUP_SIZE_FLOOR } from "./vocabulary"

/** k for a cycle: its stored k, never below 3; 5 when unknown. */
export function effectiveK(cycleK?: number | null): number {
  const k =
    typeof cycleK === "number" && Number.isFinite(cycleK) ? Math.floor(cycleK) : DEFAULT_MIN_GROUP_SIZE
  return Math.max(MIN_GROUP_SIZE_FLOOR, k)
}

export type CellState = { isVisible: boolean; isKnown: boolean }

export type SuppressionCell = {
  id: string
  n: number
  /** false for groups never shown on their own (a unit's direct members) */
  isPublishable?: boolean
  /** decided at a level above: kept as it is */
  fixed?: CellState
  /** when something must be hidden, cheaper cells go first (a filtered view before the whole group) */
  cost?: number
}

export type Relation = { total: string; parts: string[] }

/** Decides which cells may be shown. Returns, per cell, whether it is shown and whether a reader can know it. */
export function suppressCells(
  cells: SuppressionCell[],
  relations: Relation[],
  k: number,
): Map<string, CellState> {
  const byId = new Map(cells.map((c) => [c.id, c]))
  const nOf = (id: string) => byId.get(id)?.n ?? 0
  const visible = new Set<string>()
  for (const c of cells) {
    if (c.fixed ? c.fixed.isVisible : c.isPublishable !== false && c.n >= k) visible.add(c.id)
  }
  const isFree = (id: string) => {
    const c = byId.get(id)
    return Boolean(c && !c.fixed && c.isPublishable !== false)
  }

  for (let round = 0; round <= cells.length; round++) {
    const known = new Set<string>(visible)
    for (const c of cells) if (c.n === 0 || c.fixed?.isKnown) known.add(c.id)
    const derivedBy = new Map<string, Relation>()
    let isChanged = true
    while (isChanged) {
      isChanged = false
      for (const r of relations) {
        const unknown = [r.total, ...r.parts].filter((id) => !known.has(id))
        if (unknown.length === 1) {
          known.add(unknown[0]!)
          derivedBy.set(unknown[0]!, r)
          isChanged = true
        }
      }
    }

    const broken = findBrokenRelation(relations, known, derivedBy, byId, k)
    if (!broken) {
      return new Map(cells.map((c) => [c.id, { isVisible: visible.has(c.id), isKnown: known.has(c.id) }]))
    }
    // Hide a published cell of the broken relation, or of a relation that let a reader derive one of its members.
    const members = [broken.total, ...broken.parts]
    const sources = members.flatMap((id) => {
      const r = derivedBy.get(id)
      return r ? [r.total, ...r.parts] : []
    })
    const order = (id: string) => [byId.get(id)?.cost ?? 1, nOf(id)] as const
    const pick =
      cheapest(
        [...members, ...sources].filter((id) => visible.has(id) && isFree(id)),
        order,
      ) ??
      // Nothing of its own to hide: hide the cheapest published cell anywhere at this level.
      cheapest([...visible].filter(isFree), order)
    if (!pick) break
    visible.delete(pick)
  }
  // Only reached when the fixed cells themselves leak: show nothing of this level.
  return new Map(
    cells.map((c) => [c.id, c.fixed ?? { isVisible: false, isKnown: c.n === 0 }] as [string, CellState]),
  )
}

function findBrokenRelation(
  relations: Relation[],
  known: Set<string>,
  derivedBy: Map<string, Relation>,
  byId: Map<string, SuppressionCell>,
  k: number,
): Relation | null {
  const nOf = (id: string) => byId.get(id)?.n ?? 0
  for (const r of relations) {
    if (!known.has(r.total)) continue
    const hidden = r.parts.filter((id) => !known.has(id)).reduce((sum, id) => sum + nOf(id), 0)
    if (hidden > 0 && hidden < k) return r
  }
  for (const [id, r] of derivedBy) {
    const c = byId.get(id)!
    const isProtected = c.fixed && !c.fixed.isKnown && c.n > 0
    const isSmall = !c.fixed && c.n > 0 && c.n < k
    if (isProtected || isSmall) return r
  }
  return null
}

function cheapest(ids: string[], order: (id: string) => readonly [number, number]): string | undefined {
  return [...new Set(ids)]
    .filter((id) => order(id)[1] > 0)
    .sort((a, b) => {
      const [ca, na] = order(a)
      const [cb, nb] = order(b)
      return ca - cb || na - nb || (a < b ? -1 : a > b ? 1 : 0)
    })[0]
}

// ---------------------------------------------------------------- one level of the organisation tree

export const ALL = "all" as const
export type Slice = typeof ALL | JobFamily

/** The counts of one group (a unit's subtree, or a unit's direct members), per job family. */
export type GroupCounts = Partial<Record<JobFamily, number>>

export type LevelInput = {
  /** the parent's cells as decided one level up (or at the top, by decideTop) */
  parent: Record<Slice, CellState>
  parentCounts: GroupCounts
  /** children by key, and the people placed directly in the parent */
  children: Map<number, GroupCounts>
  direct: GroupCounts
  families: readonly JobFamily[]
  k: number
}

export type LevelDecision = Map<number, Record<Slice, CellState>>

const total = (counts: GroupCounts) => Object.values(counts).reduce<number>((s, n) => s + (n ?? 0), 0)
const countOf = (counts: GroupCounts, slice: Slice) => (slice === ALL ? total(counts) : (counts[slice] ?? 0))

/** The top of the tree: the region as a whole and per job family. */
export function decideTop(
  counts: GroupCounts,
  families: readonly JobFamily[],
  k: number,
): Record<Slice, CellState> {
  const cells: SuppressionCell[] = [ALL, ...families].map((s) => ({
    id: s,
    n: countOf(counts, s),
    cost: s === ALL ? 2 : 1,
  }))
  const states = suppressCells(cells, [{ total: ALL, parts: [...families] }], k)
  return Object.fromEntries([ALL, ...families].map((s) => [s, states.get(s)!])) as Record<Slice, CellState>
}

/**
 * The children of one unit, for the whole group and for every job-family filter at once, so that no two views
 * (two filters, or a filter and the parent) can be subtracted to reach a small group.
 */
export function decideLevel(input: LevelInput): LevelDecision {
  const { families, k } = input
  const slices: Slice[] = [ALL, ...families]
  const id = (group: string, slice: Slice) => `${group}:${slice}`
  const cells: SuppressionCell[] = []
  const relations: Relation[] = []
  const groups: [string, GroupCounts, Partial<SuppressionCell>][] = [
    ["p", input.parentCounts, {}],
    ["d", input.direct, { isPublishable: false }],
    ...[...input.children].map(([key, counts]) => [`c${key}`, counts, {}] as [string, GroupCounts, object]),
  ]
  for (const [group, counts, extra] of groups) {
    for (const slice of slices) {
      cells.push({
        id: id(group, slice),
        n: countOf(counts, slice),
        cost: slice === ALL ? 2 : 1,
        ...extra,
        ...(group === "p" ? { fixed: input.parent[slice] } : {}),
      })
    }
    relations.push({ total: id(group, ALL), parts: families.map((f) => id(group, f)) })
  }
  for (const slice of slices) {
    relations.push({
      total: id("p", slice),
      parts: [id("d", slice), ...[...input.children.keys()].map((key) => id(`c${key}`, slice))],
    })
  }
  const states = suppressCells(cells, relations, k)
  return new Map(
    [...input.children.keys()].map((key) => [
      key,
      Object.fromEntries(slices.map((s) => [s, states.get(id(`c${key}`, s))!])) as Record<Slice, CellState>,
    ]),
  )
}

// ---------------------------------------------------------------- trends across cycles

export type TrendCandidate = { cycleId: number; isVisible: boolean }

/**
 * Trend points, oldest first: a point is shown only where the group is shown in that cycle, and only when, against
 * every point already shown, the people who answered in one cycle and not the other are 0 or at least k. Otherwise
 * a mean over 6 beside a mean over the same 5 would all but show the sixth person's score.
 */
export function selectTrendPoints(
  candidates: TrendCandidate[],
  cohortChange: (a: number, b: number) => { onlyInA: number; onlyInB: number },
  k: number,
): Set<number> {
  const isSafe = (n: number) => n === 0 || n >= k
  const shown: number[] = []
  for (const c of candidates) {
    if (!c.isVisible) continue
    const isClear = shown.every((other) => {
      const change = cohortChange(c.cycleId, other)
      return isSafe(change.onlyInA) && isSafe(change.onlyInB)
    })
    if (isClear) shown.push(c.cycleId)
  }
  return new Set(shown)
}
