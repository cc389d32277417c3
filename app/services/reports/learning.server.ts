// The learning table of a unit, read from the latest learning snapshot (app/services/reports/learning-snapshot
// .server.ts): the region, the unit and its children in the tree as it stood then, each with its shown cell.
import type Database from "better-sqlite3"
import type { Slice } from "~/domain/disclosure"
import { DIMENSIONS, type Dimension } from "~/domain/vocabulary"
import type { Db } from "../db.server"
import type { RowHead, RowRole } from "./rows.server"

export type LearningRow =
  | (RowHead & { isSuppressed: true })
  | (RowHead & {
      isSuppressed: false
      people: number
      /** people who completed the Foundation module of each dimension */
      foundation: Record<Dimension, number>
      modulesCompleted: number
    })

export type LearningTable = {
  /** when the snapshot the table shows was taken, and the k it was decided with; null before the first */
  snapshot: { takenAt: Date; k: number } | null
  rows: LearningRow[]
}

function prepare(sqlite: Database.Database) {
  const unitColumns = "s.unit_id AS id, s.name, s.path, s.parent_id AS parentId"
  return {
    latest: sqlite.prepare(
      "SELECT id, taken_at AS takenAt, k FROM learning_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1",
    ),
    unit: sqlite.prepare(
      `SELECT ${unitColumns} FROM learning_snapshot_units s WHERE s.snapshot_id = ? AND s.unit_id = ?`,
    ),
    children: sqlite.prepare(`SELECT ${unitColumns} FROM learning_snapshot_units s
      WHERE s.snapshot_id = ? AND s.parent_id = ? ORDER BY s.name`),
    cells: sqlite.prepare(`SELECT unit_id AS unitId, people, modules_completed AS modulesCompleted, foundation
      FROM learning_snapshot_cells WHERE snapshot_id = ? AND slice = ? AND unit_id IN (SELECT value FROM json_each(?))`),
  }
}
const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>()
function statementsFor(db: Db) {
  let statements = statementCache.get(db.$client)
  if (!statements) {
    statements = prepare(db.$client)
    statementCache.set(db.$client, statements)
  }
  return statements
}

type SnapshotUnit = { id: number; name: string; path: string; parentId: number | null }

/** The learning table of a unit as the latest snapshot shows it (no rows when the unit was not in its tree). */
export function buildLearning(db: Db, unitId: number, slice: Slice): LearningTable {
  const s = statementsFor(db)
  const latest = s.latest.get() as { id: number; takenAt: number; k: number } | undefined
  if (!latest) return { snapshot: null, rows: [] }
  const snapshot = { takenAt: new Date(latest.takenAt), k: latest.k }
  const unit = s.unit.get(latest.id, unitId) as SnapshotUnit | undefined
  if (!unit) return { snapshot, rows: [] }
  const chainIds = unit.path.split("/").filter(Boolean).map(Number)
  const entries: [SnapshotUnit, RowRole][] = []
  if (chainIds.length > 1) entries.push([s.unit.get(latest.id, chainIds[0]) as SnapshotUnit, "region"])
  entries.push([unit, chainIds.length > 1 ? "unit" : "region"])
  for (const child of s.children.all(latest.id, unit.id) as SnapshotUnit[]) entries.push([child, "child"])
  type CellRow = { unitId: number; people: number; modulesCompleted: number; foundation: string }
  const cells = new Map(
    (s.cells.all(latest.id, slice, JSON.stringify(entries.map(([u]) => u.id))) as CellRow[]).map((c) => [
      c.unitId,
      c,
    ]),
  )
  const rows = entries.map(([u, role]): LearningRow => {
    const head = { unitId: u.id, name: u.name, role, change: null }
    const cell = cells.get(u.id)
    if (!cell || cell.people === 0) return { ...head, isSuppressed: true }
    const stored = JSON.parse(cell.foundation) as Record<string, number>
    return {
      ...head,
      isSuppressed: false,
      people: cell.people,
      modulesCompleted: cell.modulesCompleted,
      foundation: Object.fromEntries(DIMENSIONS.map((d) => [d, stored[d] ?? 0])) as Record<Dimension, number>,
    }
  })
  return { snapshot, rows }
}
