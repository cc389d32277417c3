// Reading a closed cycle's publication (app/services/reports/publish.server.ts): the tree as it stood and the shown
// cells. Nothing here reads results: a closed cycle's reports show what was decided when it closed, and only that.
import type Database from "better-sqlite3"
import type { Slice } from "~/domain/disclosure"
import { DIMENSIONS, type Dimension } from "~/domain/vocabulary"
import type { Db, schema } from "../db.server"
import { publishClosedCycles } from "./publish.server"

export type PublishedCycle = { id: number; name: string; k: number }
/** How a unit differs today from the tree the cycle closed on. */
export type UnitChange = { renamedTo: string | null; isMoved: boolean }
export type PublishedUnit = {
  id: number
  name: string
  kind: schema.UnitKind
  path: string
  parentId: number | null
  hasChildren: boolean
  change: UnitChange | null
}
export type Place = { unit: PublishedUnit; chain: PublishedUnit[]; children: PublishedUnit[] }
export type Scores = { n: number; sum: number; levels: number[] }
export type Cell = {
  invited: number
  submitted: number
  allFoundation: number
  scores: Partial<Record<Dimension, Scores>>
}

function prepare(sqlite: Database.Database) {
  const unitColumns = `p.unit_id AS id, p.name, p.kind, p.path, p.parent_id AS parentId, p.has_children AS hasChildren,
    u.name AS nameNow, u.parent_id AS parentNow`
  return {
    cycles:
      sqlite.prepare(`SELECT c.id, c.name, p.k FROM cycles c JOIN published_cycles p ON p.cycle_id = c.id
      WHERE c.status = 'closed' ORDER BY c.opens_on, c.id`),
    unit: sqlite.prepare(`SELECT ${unitColumns} FROM published_units p LEFT JOIN units u ON u.id = p.unit_id
      WHERE p.cycle_id = ? AND p.unit_id = ?`),
    children:
      sqlite.prepare(`SELECT ${unitColumns} FROM published_units p LEFT JOIN units u ON u.id = p.unit_id
      WHERE p.cycle_id = ? AND p.parent_id = ? ORDER BY p.name`),
    // Where each published cycle's target units and a manager's scope units stood in the tree it closed on.
    targetPaths: sqlite.prepare(`SELECT t.cycle_id AS cycleId, p.path FROM cycle_units t
      JOIN published_units p ON p.cycle_id = t.cycle_id AND p.unit_id = t.unit_id`),
    scopePaths: sqlite.prepare(`SELECT p.cycle_id AS cycleId, p.path FROM manager_scopes m
      JOIN published_units p ON p.unit_id = m.unit_id WHERE m.person_id = ?`),
    unpublished: sqlite.prepare(`SELECT 1 FROM cycles c WHERE c.status = 'closed'
      AND NOT EXISTS (SELECT 1 FROM published_cycles p WHERE p.cycle_id = c.id) LIMIT 1`),
    cells: sqlite.prepare(`SELECT unit_id AS unitId, invited, submitted, all_foundation AS allFoundation
      FROM published_cells WHERE cycle_id = ? AND slice = ? AND unit_id IN (SELECT value FROM json_each(?))`),
    cellScores: sqlite.prepare(`SELECT unit_id AS unitId, dimension, n, score_sum AS sum, level0 AS l0,
        level1 AS l1, level2 AS l2, level3 AS l3, level4 AS l4
      FROM published_scores WHERE cycle_id = ? AND slice = ? AND unit_id IN (SELECT value FROM json_each(?))`),
  }
}
type Statements = ReturnType<typeof prepare>
const statementCache = new WeakMap<Database.Database, Statements>()
function statementsFor(db: Db) {
  let statements = statementCache.get(db.$client)
  if (!statements) {
    statements = prepare(db.$client)
    statementCache.set(db.$client, statements)
  }
  return statements
}

/** Closed, published cycles, oldest first. */
export function publishedCycleList(db: Db): PublishedCycle[] {
  const s = statementsFor(db)
  if (s.unpublished.get()) publishClosedCycles(db)
  return s.cycles.all() as PublishedCycle[]
}

export type PublishedCycleCoverage = PublishedCycle & { targetPaths: string[]; scopePaths: string[] }

/**
 * Closed, published cycles, oldest first, each with the paths of its target units and of the manager's scope units
 * in the tree it closed on (app/domain/report-cycles.ts decides from them which cycles reached the manager).
 */
export function publishedCycleCoverage(db: Db, managerId: number): PublishedCycleCoverage[] {
  const published = publishedCycleList(db) // publishes any closed cycle that is not yet, before its paths are read
  const s = statementsFor(db)
  const pathsByCycle = (rows: { cycleId: number; path: string }[]) => {
    const byCycle = new Map<number, string[]>()
    for (const { cycleId, path } of rows) byCycle.set(cycleId, [...(byCycle.get(cycleId) ?? []), path])
    return byCycle
  }
  const targets = pathsByCycle(s.targetPaths.all() as { cycleId: number; path: string }[])
  const scopes = pathsByCycle(s.scopePaths.all(managerId) as { cycleId: number; path: string }[])
  return published.map((cycle) => ({
    ...cycle,
    targetPaths: targets.get(cycle.id) ?? [],
    scopePaths: scopes.get(cycle.id) ?? [],
  }))
}

type UnitRecord = Omit<PublishedUnit, "change" | "hasChildren"> & {
  hasChildren: number
  nameNow: string | null
  parentNow: number | null
}
const toUnit = (r: UnitRecord): PublishedUnit => {
  const renamedTo = r.nameNow !== null && r.nameNow !== r.name ? r.nameNow : null
  const isMoved = r.nameNow !== null && r.parentNow !== r.parentId
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    path: r.path,
    parentId: r.parentId,
    hasChildren: Boolean(r.hasChildren),
    change: renamedTo || isMoved ? { renamedTo, isMoved } : null,
  }
}

/** The unit in the tree the cycle closed on, with its chain from the root and its children then; null if absent. */
export function placeInCycle(db: Db, cycleId: number, unitId: number): Place | null {
  const s = statementsFor(db)
  const record = s.unit.get(cycleId, unitId) as UnitRecord | undefined
  if (!record) return null
  const unit = toUnit(record)
  const chain = unit.path
    .split("/")
    .filter(Boolean)
    .map(Number)
    .map((id) => (id === unit.id ? unit : toUnit(s.unit.get(cycleId, id) as UnitRecord)))
  const children = (s.children.all(cycleId, unitId) as UnitRecord[]).map(toUnit)
  return { unit, chain, children }
}

type ScoreRecord = { unitId: number; dimension: string; n: number; sum: number } & Record<
  "l0" | "l1" | "l2" | "l3" | "l4",
  number
>

/** The shown cells of some units (a hidden cell has no row, and no entry here): two lookups for all of them. */
export function cellsOf(db: Db, cycleId: number, unitIds: number[], slice: Slice): Map<number, Cell> {
  const s = statementsFor(db)
  const ids = JSON.stringify(unitIds)
  const cells = new Map<number, Cell>()
  for (const row of s.cells.all(cycleId, slice, ids) as (Omit<Cell, "scores"> & { unitId: number })[]) {
    const { unitId, ...figures } = row
    cells.set(unitId, { ...figures, scores: {} })
  }
  for (const r of s.cellScores.all(cycleId, slice, ids) as ScoreRecord[]) {
    const cell = cells.get(r.unitId)
    if (!cell || !(DIMENSIONS as readonly string[]).includes(r.dimension)) continue
    cell.scores[r.dimension as Dimension] = { n: r.n, sum: r.sum, levels: [r.l0, r.l1, r.l2, r.l3, r.l4] }
  }
  return cells
}

/** A shown cell, or null when it is hidden. */
export function cellOf(db: Db, cycleId: number, unitId: number, slice: Slice): Cell | null {
  return cellsOf(db, cycleId, [unitId], slice).get(unitId) ?? null
}
