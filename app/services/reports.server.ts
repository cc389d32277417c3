// Manager reports: the only code that reads results for reports. It sums the per-unit aggregate rows in SQL,
// decides what may be shown with the anonymity module (app/domain/anonymity.ts), and returns view models that
// hold only group figures of shown cells: no person, no per-person row and no hidden figure ever leaves here.
import type Database from "better-sqlite3"
import { and, asc, eq, inArray } from "drizzle-orm"
import {
  ALL,
  type CellState,
  decideLevel,
  decideTop,
  effectiveK,
  type GroupCounts,
  type LevelDecision,
  type Slice,
  selectTrendPoints,
} from "~/domain/anonymity"
import {
  DIMENSIONS,
  type Dimension,
  type Instrument,
  JOB_FAMILIES,
  type JobFamily,
  type Level,
} from "~/domain/content-schema"
import { toCsv } from "~/domain/csv"
import { levelForScore } from "~/domain/scoring"
import type { SessionUser } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { getInstrumentVersion } from "./instrument.server"

const { units, cycles, managerScopes } = schema

export type ReportQuery = { unitId: number; cycleId?: number; jobFamily?: JobFamily }

type UnitRow = { id: number; name: string; path: string; kind: schema.UnitKind; parentId: number | null }
type Agg = { n: number; sum: number; levels: [number, number, number, number, number] }
/** child unit id (0: people placed directly in the parent) -> job family -> figures */
type LevelRows<T> = Map<number, Map<JobFamily, T>>

// ---------------------------------------------------------------- statements, prepared once per connection

const CHILD_KEY = `CASE WHEN u.id = @q THEN 0 ELSE CAST(substr(u.path, @plen + 1,
  instr(substr(u.path, @plen + 1), '/') - 1) AS INTEGER) END`
// A subtree is a range of paths: "/1/4/" up to "/1/40" ('0' is the character after '/'), so the path index serves it.
const IN_SUBTREE = "u.path >= @p AND u.path < @pe"
// Each unit of the subtree with the child it belongs to, worked out once per unit rather than once per row.
const SUBTREE = `WITH sub(id, child) AS MATERIALIZED (SELECT u.id, ${CHILD_KEY} FROM units u WHERE ${IN_SUBTREE})`

function prepareStatements(sqlite: Database.Database) {
  return {
    // One row per child unit from the subtree sums, and the people placed directly in the unit (child 0).
    results: sqlite.prepare(`SELECT c.id AS child, a.job_family AS family, a.dimension AS dimension, a.n AS n,
        a.score_sum AS sum, a.level0 AS l0, a.level1 AS l1, a.level2 AS l2, a.level3 AS l3, a.level4 AS l4
      FROM units c JOIN subtree_aggregates a ON a.cycle_id = @cycle AND a.unit_id = c.id
      WHERE c.parent_id = @q
      UNION ALL
      SELECT 0, a.job_family, a.dimension, a.n, a.score_sum, a.level0, a.level1, a.level2, a.level3, a.level4
      FROM result_aggregates a WHERE a.cycle_id = @cycle AND a.unit_id = @q`),
    participation: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, a.job_family AS family,
        SUM(a.submitted) AS submitted, SUM(a.all_foundation) AS allFoundation
      FROM sub JOIN participation_aggregates a ON a.cycle_id = @cycle AND a.unit_id = sub.id
      GROUP BY 1, 2`),
    invited: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, i.job_family AS family, COUNT(*) AS invited
      FROM sub JOIN cycle_invitations i ON i.cycle_id = @cycle AND i.unit_id = sub.id
      GROUP BY 1, 2`),
    people: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family, COUNT(*) AS people
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      GROUP BY 1, 2`),
    foundation: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family,
        m.dimension AS dimension, COUNT(DISTINCT p.id) AS done
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      JOIN enrolments e ON e.person_id = p.id AND e.completed_at IS NOT NULL
      JOIN modules m ON m.slug = e.module_slug AND m.level = 1
      GROUP BY 1, 2, 3`),
    modulesDone:
      sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family, COUNT(*) AS done
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      JOIN enrolments e ON e.person_id = p.id AND e.completed_at IS NOT NULL
      GROUP BY 1, 2`),
    // Who answered in two cycles, within a subtree: only a count per pair of cycles comes out.
    cohortOverlap: sqlite.prepare(`SELECT a.cycle_id AS a, b.cycle_id AS b, COUNT(*) AS both
      FROM results a JOIN units u ON u.id = a.unit_id
      JOIN results b ON b.person_id = a.person_id AND b.cycle_id > a.cycle_id
      JOIN units ub ON ub.id = b.unit_id
      WHERE ${IN_SUBTREE} AND ub.path >= @p AND ub.path < @pe
        AND (@family IS NULL OR (a.job_family = @family AND b.job_family = @family))
      GROUP BY a.cycle_id, b.cycle_id`),
  }
}
// Reports show closed cycles only, whose results, invitations and participation no longer change: their rows are
// kept in memory per connection until the tree or a cycle's status changes (invalidateReportCache). Learning
// progress (people, enrolments) is live and always read fresh.
let cacheGeneration = 0
const MAX_CACHED = 2000

/** Called by whatever changes the tree or a cycle's status, so no report shows figures of an older tree. */
export function invalidateReportCache() {
  cacheGeneration++
}

type AllStatement = { all: (params: Record<string, unknown>) => unknown[] }
function memoised(statement: AllStatement): AllStatement {
  const cache = new Map<string, { generation: number; rows: unknown[] }>()
  return {
    all(params) {
      const key = JSON.stringify(params)
      const hit = cache.get(key)
      if (hit && hit.generation === cacheGeneration) return hit.rows
      const rows = Object.freeze(statement.all(params)) as unknown[]
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
      cache.set(key, { generation: cacheGeneration, rows })
      return rows
    },
  }
}

type Statements = ReturnType<typeof prepareStatements>
const statementCache = new WeakMap<Database.Database, Statements>()
function statementsFor(db: Db): Statements {
  let statements = statementCache.get(db.$client)
  if (!statements) {
    const prepared = prepareStatements(db.$client)
    statements = {
      ...prepared,
      results: memoised(prepared.results) as typeof prepared.results,
      participation: memoised(prepared.participation) as typeof prepared.participation,
      invited: memoised(prepared.invited) as typeof prepared.invited,
      cohortOverlap: memoised(prepared.cohortOverlap) as typeof prepared.cohortOverlap,
    }
    statementCache.set(db.$client, statements)
  }
  return statements
}

function levelParams(q: UnitRow) {
  return { q: q.id, plen: q.path.length, p: q.path, pe: `${q.path.slice(0, -1)}0` }
}

function groupRows<R extends { child: number; family: JobFamily }, T>(
  rows: R[],
  add: (into: T | undefined, row: R) => T,
): LevelRows<T> {
  const out: LevelRows<T> = new Map()
  for (const row of rows) {
    const byFamily = out.get(row.child) ?? new Map<JobFamily, T>()
    out.set(row.child, byFamily)
    byFamily.set(row.family, add(byFamily.get(row.family), row))
  }
  return out
}

// ---------------------------------------------------------------- scope

/** The unit, if the manager may see it: it must lie inside one of their scope subtrees. Otherwise a 403. */
export function requireUnitInScope(user: SessionUser, unitId: number, db: Db = getDb()): UnitRow {
  if (user.role !== "manager") throw new Response("Forbidden", { status: 403 })
  const unit = db
    .select({ id: units.id, name: units.name, path: units.path, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, unitId))
    .get()
  const scopes = scopePaths(user, db)
  // An unknown unit gets the same answer as a foreign one, so ids cannot be probed.
  if (!unit || !scopes.some((path) => unit.path.startsWith(path)))
    throw new Response("Forbidden", { status: 403 })
  return unit
}

function scopePaths(user: SessionUser, db: Db) {
  return db
    .select({ path: units.path })
    .from(managerScopes)
    .innerJoin(units, eq(units.id, managerScopes.unitId))
    .where(eq(managerScopes.personId, user.id))
    .all()
    .map((row) => row.path)
}

/** Where /reports starts: the manager's first scope unit (by position in the tree), or null without a scope. */
export function getFirstScopeUnitId(user: SessionUser, db: Db = getDb()): number | null {
  if (user.role !== "manager") throw new Response("Forbidden", { status: 403 })
  const row = db
    .select({ id: units.id })
    .from(managerScopes)
    .innerJoin(units, eq(units.id, managerScopes.unitId))
    .where(eq(managerScopes.personId, user.id))
    .orderBy(asc(units.path))
    .get()
  return row?.id ?? null
}

// ---------------------------------------------------------------- the tree around the chosen unit

type Place = {
  unit: UnitRow
  /** root first, the chosen unit last */
  chain: UnitRow[]
  children: (UnitRow & { hasChildren: boolean })[]
  scopePaths: string[]
}

function placeOf(user: SessionUser, unit: UnitRow, db: Db): Place {
  const ids = unit.path.split("/").filter(Boolean).map(Number)
  const rows = db
    .select({ id: units.id, name: units.name, path: units.path, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(inArray(units.id, ids))
    .all()
  const chain = ids.map((id) => rows.find((r) => r.id === id)!)
  const children = db.$client
    .prepare(
      `SELECT c.id, c.name, c.path, c.kind, c.parent_id AS parentId,
        EXISTS (SELECT 1 FROM units g WHERE g.parent_id = c.id) AS hasChildren
       FROM units c WHERE c.parent_id = ? AND c.retired_at IS NULL ORDER BY c.name`,
    )
    .all(unit.id) as (UnitRow & { hasChildren: number })[]
  return {
    unit,
    chain,
    children: children.map((c) => ({ ...c, hasChildren: Boolean(c.hasChildren) })),
    scopePaths: scopePaths(user, db),
  }
}

/**
 * Decides, top down from the root, the shown cells of every unit on the chain and of the chosen unit's children,
 * so that each unit gets the same answer whichever page it is seen on.
 */
function decideChain(chain: UnitRow[], countsAt: (level: number) => Map<number, GroupCounts>, k: number) {
  const sumOf = (level: Map<number, GroupCounts>) => {
    const total: GroupCounts = {}
    for (const counts of level.values())
      for (const [f, n] of Object.entries(counts))
        total[f as JobFamily] = (total[f as JobFamily] ?? 0) + (n ?? 0)
    return total
  }
  const states: Record<Slice, CellState>[] = []
  let children: LevelDecision = new Map()
  for (let i = 0; i < chain.length; i++) {
    const level = countsAt(i)
    const parentCounts = sumOf(level)
    if (i === 0) states.push(decideTop(parentCounts, JOB_FAMILIES, k))
    const direct = level.get(0) ?? {}
    const childCounts = new Map([...level].filter(([key]) => key !== 0))
    children = decideLevel({
      parent: states[i]!,
      parentCounts,
      children: childCounts,
      direct,
      families: JOB_FAMILIES,
      k,
    })
    if (i + 1 < chain.length) {
      const next = chain[i + 1]!.id
      states.push(children.get(next) ?? emptyState())
    }
  }
  return { states, children }
}

function emptyState(): Record<Slice, CellState> {
  return Object.fromEntries(
    [ALL, ...JOB_FAMILIES].map((s) => [s, { isVisible: false, isKnown: true }]),
  ) as Record<Slice, CellState>
}

function countsFrom<T>(rows: LevelRows<T>, n: (figures: T) => number): Map<number, GroupCounts> {
  return new Map(
    [...rows].map(([child, byFamily]) => [
      child,
      Object.fromEntries([...byFamily].map(([f, figures]) => [f, n(figures)])) as GroupCounts,
    ]),
  )
}

/** The figures of one group for the chosen slice (all job families, or one). */
function pick<T>(byFamily: Map<JobFamily, T> | undefined, slice: Slice, add: (a: T, b: T) => T): T | null {
  if (!byFamily) return null
  if (slice !== ALL) return byFamily.get(slice) ?? null
  let total: T | null = null
  for (const figures of byFamily.values()) total = total === null ? figures : add(total, figures)
  return total
}

/** A chain unit's own total: the sum of its level's rows (every child and the people placed in it), for a slice. */
function levelTotal<T>(level: LevelRows<T>, slice: Slice, add: (a: T, b: T) => T): T | null {
  let total: T | null = null
  for (const byFamily of level.values()) {
    const figures = pick(byFamily, slice, add)
    if (figures) total = total ? add(total, figures) : figures
  }
  return total
}

// ---------------------------------------------------------------- cycles

export type CycleOption = { id: number; name: string; k: number }

type CycleRow = { id: number; name: string; minGroupSize: number; instrumentHash: string; opensAt: Date }

/**
 * Only closed cycles are reported: while a cycle is open, watching n grow from 5 to 6 would show the sixth
 * person's answers (docs/decisions/002-anonymity.md).
 */
function closedCycles(db: Db): CycleRow[] {
  return db
    .select({
      id: cycles.id,
      name: cycles.name,
      minGroupSize: cycles.minGroupSize,
      instrumentHash: cycles.instrumentHash,
      opensAt: cycles.opensAt,
    })
    .from(cycles)
    .where(and(eq(cycles.status, "closed")))
    .orderBy(asc(cycles.opensAt), asc(cycles.id))
    .all()
}

function chooseCycle(all: CycleRow[], cycleId: number | undefined): CycleRow | null {
  if (cycleId === undefined) return all.at(-1) ?? null
  const cycle = all.find((c) => c.id === cycleId)
  if (!cycle) throw new Response("Not found", { status: 404 })
  return cycle
}

// ---------------------------------------------------------------- results: heatmap, levels, trend

export type HeatmapCell =
  | { dimension: Dimension; isSuppressed: true }
  | { dimension: Dimension; isSuppressed: false; n: number; mean: number; level: Level }
export type RowRole = "region" | "unit" | "child"
export type HeatmapRow = {
  unitId: number
  name: string
  role: RowRole
  canDrillDown: boolean
  cells: HeatmapCell[]
}
export type LevelDistribution =
  | { dimension: Dimension; isSuppressed: true }
  | { dimension: Dimension; isSuppressed: false; n: number; counts: number[] }

const addAgg = (a: Agg, b: Agg): Agg => ({
  n: a.n + b.n,
  sum: a.sum + b.sum,
  levels: a.levels.map((v, i) => v + b.levels[i]!) as Agg["levels"],
})

type ResultLevels = Map<Dimension, LevelRows<Agg>>[]

function loadResultLevels(s: Statements, chain: UnitRow[], cycleId: number): ResultLevels {
  return chain.map((q) => {
    const rows = s.results.all({ ...levelParams(q), cycle: cycleId }) as {
      child: number
      family: JobFamily
      dimension: string
      n: number
      sum: number
      l0: number
      l1: number
      l2: number
      l3: number
      l4: number
    }[]
    const byDimension = new Map<Dimension, LevelRows<Agg>>()
    for (const d of DIMENSIONS)
      byDimension.set(
        d,
        groupRows(
          rows.filter((r) => r.dimension === d),
          (_, r) => ({ n: r.n, sum: r.sum, levels: [r.l0, r.l1, r.l2, r.l3, r.l4] }),
        ),
      )
    return byDimension
  })
}

type DecidedResults = {
  levels: ResultLevels
  perDimension: Map<Dimension, ReturnType<typeof decideChain>>
}

// The anonymity decisions over a unit chain depend only on closed-cycle rows: kept like them (see memoised).
const decisionCache = new WeakMap<Statements, Map<string, { generation: number; decided: DecidedResults }>>()

function decideResults(s: Statements, chain: UnitRow[], cycle: CycleRow): DecidedResults {
  let cache = decisionCache.get(s)
  if (!cache) {
    cache = new Map()
    decisionCache.set(s, cache)
  }
  const key = `${cycle.id}:${cycle.minGroupSize}:${chain.map((u) => u.id).join("/")}`
  const hit = cache.get(key)
  if (hit && hit.generation === cacheGeneration) return hit.decided
  const decided = computeDecisions(s, chain, cycle)
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
  cache.set(key, { generation: cacheGeneration, decided })
  return decided
}

function computeDecisions(s: Statements, chain: UnitRow[], cycle: CycleRow): DecidedResults {
  const k = effectiveK(cycle.minGroupSize)
  const levels = loadResultLevels(s, chain, cycle.id)
  const perDimension = new Map(
    DIMENSIONS.map(
      (d) => [d, decideChain(chain, (i) => countsFrom(levels[i]!.get(d)!, (a) => a.n), k)] as const,
    ),
  )
  return { levels, perDimension }
}

/** The figures of a unit on the chain (depth i) or of a child of the chosen unit, for one dimension and slice. */
function figuresOf(decided: DecidedResults, d: Dimension, depth: number, child: number | null, slice: Slice) {
  const { levels } = decided
  if (child !== null) return pick(levels.at(-1)!.get(d)!.get(child), slice, addAgg)
  return levelTotal(levels[depth]!.get(d)!, slice, addAgg)
}

function stateOf(decided: DecidedResults, d: Dimension, depth: number, child: number | null, slice: Slice) {
  const chosen = decided.perDimension.get(d)!
  return child !== null ? chosen.children.get(child)?.[slice] : chosen.states[depth]?.[slice]
}

function heatmapCells(
  decided: DecidedResults,
  depth: number,
  child: number | null,
  slice: Slice,
  levelsOf: (mean: number) => Level,
): HeatmapCell[] {
  return DIMENSIONS.map((d) => {
    const state = stateOf(decided, d, depth, child, slice)
    const figures = figuresOf(decided, d, depth, child, slice)
    if (!state?.isVisible || !figures || figures.n === 0) return { dimension: d, isSuppressed: true }
    const mean = Math.round((figures.sum / figures.n) * 10) / 10
    return { dimension: d, isSuppressed: false, n: figures.n, mean, level: levelsOf(mean) }
  })
}

export type Heatmap = { rows: HeatmapRow[] }

function buildHeatmap(
  place: Place,
  decided: DecidedResults,
  slice: Slice,
  levelsOf: (m: number) => Level,
): Heatmap {
  const { chain, children } = place
  const depth = chain.length - 1
  const rows: HeatmapRow[] = []
  if (depth > 0) {
    rows.push({
      unitId: chain[0]!.id,
      name: chain[0]!.name,
      role: "region",
      canDrillDown: false,
      cells: heatmapCells(decided, 0, null, slice, levelsOf),
    })
  }
  rows.push({
    unitId: place.unit.id,
    name: place.unit.name,
    role: depth === 0 ? "region" : "unit",
    canDrillDown: false,
    cells: heatmapCells(decided, depth, null, slice, levelsOf),
  })
  for (const child of children) {
    rows.push({
      unitId: child.id,
      name: child.name,
      role: "child",
      canDrillDown: child.hasChildren,
      cells: heatmapCells(decided, depth, child.id, slice, levelsOf),
    })
  }
  return { rows }
}

function buildLevelDistribution(decided: DecidedResults, depth: number, slice: Slice): LevelDistribution[] {
  return DIMENSIONS.map((d) => {
    const state = stateOf(decided, d, depth, null, slice)
    const figures = figuresOf(decided, d, depth, null, slice)
    if (!state?.isVisible || !figures || figures.n === 0) return { dimension: d, isSuppressed: true }
    return { dimension: d, isSuppressed: false, n: figures.n, counts: [...figures.levels] }
  })
}

export type Trend = {
  cycles: { id: number; name: string }[]
  /** per dimension, one point per cycle: the mean, or null where it is not shown */
  points: { cycleId: number; values: Partial<Record<Dimension, number | null>> }[]
}

function buildTrend(
  s: Statements,
  place: Place,
  all: CycleRow[],
  slice: Slice,
  known: { cycleId: number; decided: DecidedResults } | null,
): Trend {
  const depth = place.chain.length - 1
  const perCycle = all.map((cycle) => {
    const decided = known && known.cycleId === cycle.id ? known.decided : decideResults(s, place.chain, cycle)
    const submitted = sumSubmitted(s, place.unit, cycle.id, slice)
    return { cycle, decided, submitted, k: effectiveK(cycle.minGroupSize) }
  })
  const overlap = new Map<string, number>()
  const rows = s.cohortOverlap.all({
    ...levelParams(place.unit),
    family: slice === ALL ? null : slice,
  }) as { a: number; b: number; both: number }[]
  for (const r of rows) overlap.set(`${r.a}-${r.b}`, r.both)
  const submittedOf = new Map(perCycle.map((c) => [c.cycle.id, c.submitted]))
  const cohortChange = (a: number, b: number) => {
    const both = overlap.get(a < b ? `${a}-${b}` : `${b}-${a}`) ?? 0
    return { onlyInA: (submittedOf.get(a) ?? 0) - both, onlyInB: (submittedOf.get(b) ?? 0) - both }
  }
  // The strictest k of the cycles compared.
  const k = Math.max(effectiveK(null), ...perCycle.map((c) => c.k))
  const shownByDimension = new Map(
    DIMENSIONS.map((d) => [
      d,
      selectTrendPoints(
        perCycle.map(({ cycle, decided }) => ({
          cycleId: cycle.id,
          isVisible: Boolean(stateOf(decided, d, depth, null, slice)?.isVisible),
        })),
        cohortChange,
        k,
      ),
    ]),
  )
  return {
    cycles: all.map((c) => ({ id: c.id, name: c.name })),
    points: perCycle.map(({ cycle, decided }) => ({
      cycleId: cycle.id,
      values: Object.fromEntries(
        DIMENSIONS.map((d) => {
          const figures = figuresOf(decided, d, depth, null, slice)
          const isShown = shownByDimension.get(d)!.has(cycle.id) && figures && figures.n > 0
          return [d, isShown ? Math.round((figures.sum / figures.n) * 10) / 10 : null]
        }),
      ),
    })),
  }
}

function sumSubmitted(s: Statements, unit: UnitRow, cycleId: number, slice: Slice) {
  const rows = s.participation.all({ ...levelParams(unit), cycle: cycleId }) as {
    family: JobFamily
    submitted: number
  }[]
  return rows.filter((r) => slice === ALL || r.family === slice).reduce((sum, r) => sum + r.submitted, 0)
}

// ---------------------------------------------------------------- participation and AI literacy

export type ParticipationRow =
  | { unitId: number; name: string; role: RowRole; isSuppressed: true }
  | {
      unitId: number
      name: string
      role: RowRole
      isSuppressed: false
      invited: number
      submitted: number
      /** share 0..1 of the submitted who reach Foundation in every dimension (EU AI Act art. 4 overview) */
      allFoundation: number
    }

type Participation = { submitted: number; allFoundation: number; invited: number }
const addParticipation = (a: Participation, b: Participation): Participation => ({
  submitted: a.submitted + b.submitted,
  allFoundation: a.allFoundation + b.allFoundation,
  invited: a.invited + b.invited,
})

function buildParticipation(s: Statements, place: Place, cycle: CycleRow, slice: Slice): ParticipationRow[] {
  const { chain } = place
  const k = effectiveK(cycle.minGroupSize)
  const levels = chain.map((q) => {
    const params = { ...levelParams(q), cycle: cycle.id }
    const submitted = s.participation.all(params) as {
      child: number
      family: JobFamily
      submitted: number
      allFoundation: number
    }[]
    const invited = s.invited.all(params) as { child: number; family: JobFamily; invited: number }[]
    const rows = groupRows<{ child: number; family: JobFamily } & Partial<Participation>, Participation>(
      [...submitted, ...invited],
      (into, r) =>
        addParticipation(into ?? { submitted: 0, allFoundation: 0, invited: 0 }, {
          submitted: r.submitted ?? 0,
          allFoundation: r.allFoundation ?? 0,
          invited: r.invited ?? 0,
        }),
    )
    return rows
  })
  const decided = decideChain(chain, (i) => countsFrom(levels[i]!, (p) => p.submitted), k)
  const totalOf = (depth: number) => levelTotal(levels[depth]!, slice, addParticipation)
  const row = (
    unit: { id: number; name: string },
    role: RowRole,
    state: CellState | undefined,
    figures: Participation | null,
  ): ParticipationRow => {
    if (!state?.isVisible || !figures || figures.submitted === 0)
      return { unitId: unit.id, name: unit.name, role, isSuppressed: true }
    return {
      unitId: unit.id,
      name: unit.name,
      role,
      isSuppressed: false,
      invited: figures.invited,
      submitted: figures.submitted,
      allFoundation: figures.allFoundation,
    }
  }
  const depth = chain.length - 1
  const rows: ParticipationRow[] = []
  if (depth > 0) rows.push(row(chain[0]!, "region", decided.states[0]?.[slice], totalOf(0)))
  rows.push(row(place.unit, depth === 0 ? "region" : "unit", decided.states[depth]?.[slice], totalOf(depth)))
  for (const child of place.children)
    rows.push(
      row(
        child,
        "child",
        decided.children.get(child.id)?.[slice],
        pick(levels[depth]!.get(child.id), slice, addParticipation),
      ),
    )
  return rows
}

// ---------------------------------------------------------------- learning progress

export type LearningRow =
  | { unitId: number; name: string; role: RowRole; isSuppressed: true }
  | {
      unitId: number
      name: string
      role: RowRole
      isSuppressed: false
      people: number
      /** people who completed the Foundation module of each dimension */
      foundation: Record<Dimension, number>
      modulesCompleted: number
    }

type Learning = { people: number; foundation: Record<Dimension, number>; modulesCompleted: number }
const noFoundation = () => Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>
const addLearning = (a: Learning, b: Learning): Learning => ({
  people: a.people + b.people,
  modulesCompleted: a.modulesCompleted + b.modulesCompleted,
  foundation: Object.fromEntries(DIMENSIONS.map((d) => [d, a.foundation[d] + b.foundation[d]])) as Record<
    Dimension,
    number
  >,
})

function buildLearning(s: Statements, place: Place, k: number, slice: Slice): LearningRow[] {
  const { chain } = place
  const levels = chain.map((q) => {
    const params = levelParams(q)
    type Row = { child: number; family: JobFamily; people?: number; dimension?: string; done?: number }
    const people = s.people.all(params) as Row[]
    const foundation = (s.foundation.all(params) as Row[]).map((r) => ({ ...r, kind: "foundation" as const }))
    const modules = (s.modulesDone.all(params) as Row[]).map((r) => ({ ...r, kind: "modules" as const }))
    return groupRows<Row & { kind?: "foundation" | "modules" }, Learning>(
      [...people, ...foundation, ...modules],
      (into, r) => {
        const next = into ?? { people: 0, foundation: noFoundation(), modulesCompleted: 0 }
        if (r.kind === "foundation" && (DIMENSIONS as readonly string[]).includes(r.dimension ?? ""))
          next.foundation[r.dimension as Dimension] += r.done ?? 0
        else if (r.kind === "modules") next.modulesCompleted += r.done ?? 0
        else next.people += r.people ?? 0
        return next
      },
    )
  })
  const decided = decideChain(chain, (i) => countsFrom(levels[i]!, (l) => l.people), k)
  const totalOf = (depth: number) => levelTotal(levels[depth]!, slice, addLearning)
  const row = (
    unit: { id: number; name: string },
    role: RowRole,
    state: CellState | undefined,
    figures: Learning | null,
  ): LearningRow =>
    !state?.isVisible || !figures || figures.people === 0
      ? { unitId: unit.id, name: unit.name, role, isSuppressed: true }
      : { unitId: unit.id, name: unit.name, role, isSuppressed: false, ...figures }
  const depth = chain.length - 1
  const rows: LearningRow[] = []
  if (depth > 0) rows.push(row(chain[0]!, "region", decided.states[0]?.[slice], totalOf(0)))
  rows.push(row(place.unit, depth === 0 ? "region" : "unit", decided.states[depth]?.[slice], totalOf(depth)))
  for (const child of place.children)
    rows.push(
      row(
        child,
        "child",
        decided.children.get(child.id)?.[slice],
        pick(levels[depth]!.get(child.id), slice, addLearning),
      ),
    )
  return rows
}

// ---------------------------------------------------------------- the report of one unit

export type Breadcrumb = { unitId: number; name: string; isInScope: boolean }

export type UnitReport = {
  unit: { id: number; name: string; kind: schema.UnitKind }
  breadcrumbs: Breadcrumb[]
  cycles: CycleOption[]
  cycle: CycleOption | null
  jobFamily: JobFamily | null
  k: number
  levelThresholds: Thresholds
  heatmap: Heatmap
  levelDistribution: LevelDistribution[]
  participation: ParticipationRow[]
  learning: LearningRow[]
  trend: Trend
}

type Context = { place: Place; all: CycleRow[]; cycle: CycleRow | null; slice: Slice; statements: Statements }

function contextFor(user: SessionUser, query: ReportQuery, db: Db): Context {
  const unit = requireUnitInScope(user, query.unitId, db)
  const all = closedCycles(db)
  return {
    place: placeOf(user, unit, db),
    all,
    cycle: chooseCycle(all, query.cycleId),
    slice: query.jobFamily ?? ALL,
    statements: statementsFor(db),
  }
}

type Thresholds = Instrument["levels"]
const instrumentLevels = new Map<string, Thresholds>()
function thresholdsFor(cycle: CycleRow | null, db: Db) {
  if (!cycle) return []
  let levels = instrumentLevels.get(cycle.instrumentHash)
  if (!levels) {
    levels = getInstrumentVersion(cycle.instrumentHash, db)?.levels ?? ([] as Thresholds)
    instrumentLevels.set(cycle.instrumentHash, levels)
  }
  return levels
}

/** The heatmap alone (the hot path, timed by npm run bench). */
export function getHeatmap(user: SessionUser, query: ReportQuery, db: Db = getDb()): Heatmap {
  const { place, cycle, slice, statements } = contextFor(user, query, db)
  if (!cycle) return { rows: [] }
  const thresholds = thresholdsFor(cycle, db)
  const decided = decideResults(statements, place.chain, cycle)
  return buildHeatmap(place, decided, slice, (m) => levelForScore(m, thresholds))
}

/** Everything the unit's report page and its CSV show, already suppressed. */
export function getUnitReport(user: SessionUser, query: ReportQuery, db: Db = getDb()): UnitReport {
  const { place, all, cycle, slice, statements } = contextFor(user, query, db)
  const k = effectiveK(cycle?.minGroupSize)
  const thresholds = thresholdsFor(cycle, db)
  const levelsOf = (m: number) => levelForScore(m, thresholds)
  const depth = place.chain.length - 1
  const decided = cycle ? decideResults(statements, place.chain, cycle) : null
  const inScope = (path: string) => place.scopePaths.some((p) => path.startsWith(p))
  return {
    unit: { id: place.unit.id, name: place.unit.name, kind: place.unit.kind },
    breadcrumbs: place.chain.map((u) => ({ unitId: u.id, name: u.name, isInScope: inScope(u.path) })),
    cycles: all.map((c) => ({ id: c.id, name: c.name, k: effectiveK(c.minGroupSize) })).reverse(),
    cycle: cycle ? { id: cycle.id, name: cycle.name, k } : null,
    jobFamily: slice === ALL ? null : slice,
    k,
    levelThresholds: thresholds,
    heatmap: decided ? buildHeatmap(place, decided, slice, levelsOf) : { rows: [] },
    levelDistribution: decided ? buildLevelDistribution(decided, depth, slice) : [],
    participation: cycle ? buildParticipation(statements, place, cycle, slice) : [],
    learning: buildLearning(statements, place, k, slice),
    trend: buildTrend(
      statements,
      place,
      all,
      slice,
      cycle && decided ? { cycleId: cycle.id, decided } : null,
    ),
  }
}

// ---------------------------------------------------------------- CSV export

export type Translate = (key: string, options?: Record<string, unknown>) => string

/** Exactly what the page shows, as CSV rows: a header naming cycle, unit, filter and k, then each section. */
type CsvCell = string | number | null

export function exportUnitReportCsv(user: SessionUser, query: ReportQuery, t: Translate, db: Db = getDb()) {
  const report = getUnitReport(user, query, db)
  const r = (key: string, options?: Record<string, unknown>) => t(key, { ns: "reports", ...options })
  const c = (key: string) => t(key, { ns: "common" })
  const dimensionNames = DIMENSIONS.map((d) => c(`dimensions.${d}`))
  const role = (row: { role: RowRole }) => r(`roles.${row.role}`)
  const rows: CsvCell[][] = [
    [r("csv.report")],
    [r("csv.unit"), report.unit.name],
    [r("csv.cycle"), report.cycle?.name ?? ""],
    [
      r("csv.jobFamily"),
      report.jobFamily ? c(`jobFamilies.${report.jobFamily}`) : r("filters.allJobFamilies"),
    ],
    [r("csv.k"), report.k],
    [r("anonymity", { k: report.k })],
    [],
    [r("heatmap.title")],
    [
      r("heatmap.unit"),
      r("csv.rowType"),
      ...DIMENSIONS.flatMap((_, i) => [
        `${dimensionNames[i]} (${r("csv.mean")})`,
        `${dimensionNames[i]} (${r("csv.n")})`,
      ]),
    ],
    ...report.heatmap.rows.map((row): CsvCell[] => [
      row.name,
      role(row),
      ...row.cells.flatMap((cell): CsvCell[] =>
        cell.isSuppressed ? [r("suppressed"), null] : [cell.mean, cell.n],
      ),
    ]),
    [],
    [r("levels.title")],
    [r("levels.dimension"), ...[0, 1, 2, 3, 4].map((l) => c(`levels.${l}`)), r("levels.total")],
    ...report.levelDistribution.map((d, i): CsvCell[] =>
      d.isSuppressed ? [dimensionNames[i]!, r("suppressed")] : [dimensionNames[i]!, ...d.counts, d.n],
    ),
    [],
    [r("participation.title")],
    [r("participation.unit"), r("csv.rowType"), r("participation.invited"), r("participation.submitted")],
    ...report.participation.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [row.name, role(row), row.invited, row.submitted],
    ),
    [],
    [r("learning.title")],
    [
      r("learning.unit"),
      r("csv.rowType"),
      r("learning.people"),
      ...dimensionNames,
      r("learning.modulesCompleted"),
    ],
    ...report.learning.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [
            row.name,
            role(row),
            row.people,
            ...DIMENSIONS.map((d) => row.foundation[d]),
            row.modulesCompleted,
          ],
    ),
    [],
    [r("learning.aiLiteracyTitle")],
    [r("learning.unit"), r("csv.rowType"), r("participation.submitted"), r("learning.atFoundation")],
    ...report.participation.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [row.name, role(row), row.submitted, row.allFoundation],
    ),
    [],
    [r("trend.title")],
    [r("trend.dimension"), ...report.trend.cycles.map((cycle) => cycle.name)],
    ...DIMENSIONS.map((d, i): CsvCell[] => [
      dimensionNames[i]!,
      ...report.trend.points.map((p) => p.values[d] ?? r("trend.notShown")),
    ]),
  ]
  const slug = report.unit.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
  return { csv: toCsv(rows), fileName: `parat-${slug || report.unit.id}-${report.cycle?.id ?? "none"}.csv` }
}
