// Learning progress, published as dated snapshots (docs/decisions/002-anonymity.md): a snapshot decides once, over
// the organisation as it stands, what it shows (people, Foundation completions per dimension, modules completed,
// for every unit and job-family filter) under the same rule and exact audit as a cycle (app/domain/disclosure.ts)
// and the cohort rule against every earlier snapshot; only shown cells are stored. Managers read only snapshots,
// never live counts, so moving one person between units shows nothing about what they completed.
import {
  ALL_FAMILIES,
  type Atom,
  cellKey,
  decidePublication,
  effectiveK,
  PublicationModel,
  type TreeUnit,
} from "~/domain/disclosure"
import { hideAcrossCycles, jointAtoms, type Place } from "~/domain/disclosure-across-cycles"
import { DIMENSIONS, type Dimension, type JobFamily } from "~/domain/vocabulary"
import { env } from "~/env.server"
import type { Db, schema } from "../db.server"
import { frozenLayers } from "./across-cycles.server"
import { type CohortPair, cohortHiddenAgainstEach, lineageIds, splitKey } from "./publish.server"

/**
 * The one measure per atom: active people. Foundation completions and modules completed are values over those
 * people (as level counts are over the scored), so a cell is shown only where its people are not a small group.
 */
const PEOPLE = 0
const MEASURES = 1

type UnitRow = {
  id: number
  parentId: number | null
  name: string
  kind: schema.UnitKind
  path: string
  retiredAt: number | null
}
type Family = { unitId: number; family: JobFamily }

export type SnapshotSummary = {
  snapshotId: number
  k: number
  cellsWithPeople: number
  hiddenSmall: number
  hiddenByCohort: number
  hiddenByAudit: number
  hiddenAcrossSnapshots: number
}

/**
 * The k of learning progress: today's setting, never below the strictest k any publication or snapshot used, so
 * lowering the setting cannot open a group an earlier snapshot hid.
 */
export function learningK(db: Db): number {
  const row = db.$client
    .prepare(
      `SELECT MAX(k) AS k FROM (SELECT k FROM published_cycles UNION ALL SELECT k FROM learning_snapshots)`,
    )
    .get() as { k: number | null }
  return Math.max(effectiveK(env.PARAT_MIN_GROUP_SIZE), row.k ?? 0)
}

/** Takes a snapshot dated `now` (completions up to then). Synchronous: call inside a transaction. */
export function takeLearningSnapshot(db: Db, now = new Date()): SnapshotSummary {
  const sqlite = db.$client
  const k = learningK(db)
  const at = now.getTime()
  const allUnits = sqlite
    .prepare("SELECT id, parent_id AS parentId, name, kind, path, retired_at AS retiredAt FROM units")
    .all() as UnitRow[]
  const unitById = new Map(allUnits.map((u) => [u.id, u]))

  // ---- atoms: a unit's own active people of one job family
  type Progress = { modules: number; foundation: Record<Dimension, number> }
  const atoms = new Map<string, Family & { counts: number[] } & Progress>()
  const atomOf = (unitId: number, family: JobFamily) => {
    const key = cellKey(unitId, family)
    let atom = atoms.get(key)
    if (!atom) {
      atom = { unitId, family, counts: new Array(MEASURES).fill(0), modules: 0, foundation: noFoundation() }
      atoms.set(key, atom)
    }
    return atom
  }
  for (const r of sqlite
    .prepare(`SELECT unit_id AS unitId, job_family AS family, COUNT(*) AS n FROM people WHERE is_active = 1
      GROUP BY 1, 2`)
    .all() as (Family & { n: number })[])
    atomOf(r.unitId, r.family).counts[PEOPLE]! += r.n
  for (const r of sqlite
    .prepare(`SELECT p.unit_id AS unitId, p.job_family AS family, m.dimension, COUNT(DISTINCT p.id) AS n
      FROM people p JOIN enrolments e ON e.person_id = p.id AND e.completed_at <= ?
      JOIN modules m ON m.slug = e.module_slug AND m.level = 1
      WHERE p.is_active = 1 GROUP BY 1, 2, 3`)
    .all(at) as (Family & { dimension: string; n: number })[]) {
    if (!(DIMENSIONS as readonly string[]).includes(r.dimension)) continue
    atomOf(r.unitId, r.family).foundation[r.dimension as Dimension] += r.n
  }
  for (const r of sqlite
    .prepare(`SELECT p.unit_id AS unitId, p.job_family AS family, COUNT(*) AS n
      FROM people p JOIN enrolments e ON e.person_id = p.id AND e.completed_at <= ?
      WHERE p.is_active = 1 GROUP BY 1, 2`)
    .all(at) as (Family & { n: number })[])
    atomOf(r.unitId, r.family).modules += r.n

  // ---- the tree as it stands: units in use and the ancestors of everyone counted
  const included = new Set(allUnits.filter((u) => u.retiredAt === null).map((u) => u.id))
  for (const { unitId } of atoms.values())
    for (const id of lineageIds(unitById.get(unitId)?.path)) included.add(id)
  const treeUnits = allUnits.filter((u) => included.has(u.id))
  const input = {
    units: treeUnits.map((u) => ({ id: u.id, parentId: u.parentId })),
    atoms: [...atoms.values()]
      .filter((a) => included.has(a.unitId))
      .map((a): Atom => ({ unitId: a.unitId, family: a.family, counts: a.counts })),
    measures: MEASURES,
    k,
  }
  const model = new PublicationModel(input)

  const { id: snapshotId } = sqlite
    .prepare(`INSERT INTO learning_snapshots (taken_at, k, cells_with_people, hidden_small, hidden_by_cohort,
      hidden_by_audit) VALUES (?, ?, 0, 0, 0, 0) RETURNING id`)
    .get(at, k) as { id: number }
  sqlite
    .prepare(`INSERT INTO learning_snapshot_members (snapshot_id, person_id, unit_id, job_family)
      SELECT ?, id, unit_id, job_family FROM people WHERE is_active = 1`)
    .run(snapshotId)

  const cohort = cohortAgainstEarlier(db, snapshotId, k, unitById, model)
  const initiallyVisible = model.initiallyVisible()
  const decision = decidePublication(input, cohort, cohort)
  const hiddenAcrossSnapshots = auditAgainstEarlier(db, snapshotId, input.units, model, decision.visible)
  const summary: SnapshotSummary = {
    snapshotId,
    k,
    cellsWithPeople: decision.cellsWithPeople,
    hiddenSmall: decision.hiddenSmall,
    hiddenByCohort: [...cohort].filter((key) => initiallyVisible.has(key)).length,
    hiddenByAudit: decision.hiddenByAudit,
    hiddenAcrossSnapshots,
  }
  sqlite
    .prepare(`UPDATE learning_snapshots SET cells_with_people = ?, hidden_small = ?, hidden_by_cohort = ?,
      hidden_by_audit = ?, hidden_across_snapshots = ? WHERE id = ?`)
    .run(
      summary.cellsWithPeople,
      summary.hiddenSmall,
      summary.hiddenByCohort,
      summary.hiddenByAudit,
      summary.hiddenAcrossSnapshots,
      snapshotId,
    )

  // ---- store the tree and the shown cells
  const insertUnit =
    sqlite.prepare(`INSERT INTO learning_snapshot_units (snapshot_id, unit_id, parent_id, name,
    kind, path) VALUES (?, ?, ?, ?, ?, ?)`)
  for (const u of treeUnits) insertUnit.run(snapshotId, u.id, u.parentId, u.name, u.kind, u.path)
  const cellProgress = new Map<string, Progress>()
  for (const atom of atoms.values()) {
    if (!included.has(atom.unitId)) continue
    for (const unitId of lineageIds(unitById.get(atom.unitId)!.path))
      for (const slice of [ALL_FAMILIES, atom.family]) {
        const key = cellKey(unitId, slice)
        const into = cellProgress.get(key) ?? { modules: 0, foundation: noFoundation() }
        into.modules += atom.modules
        for (const d of DIMENSIONS) into.foundation[d] += atom.foundation[d]
        cellProgress.set(key, into)
      }
  }
  const insertCell = sqlite.prepare(`INSERT INTO learning_snapshot_cells (snapshot_id, unit_id, slice, people,
    modules_completed, foundation) VALUES (?, ?, ?, ?, ?, ?)`)
  for (const key of decision.visible) {
    const counts = model.cellCounts.get(key)
    if (!counts) continue
    const [unitId, slice] = splitKey(key)
    const progress = cellProgress.get(key) ?? { modules: 0, foundation: noFoundation() }
    insertCell.run(
      snapshotId,
      unitId,
      slice,
      counts[PEOPLE],
      progress.modules,
      JSON.stringify(progress.foundation),
    )
  }
  return summary
}

/**
 * The audit across snapshots (app/domain/disclosure-across-cycles.ts): the new snapshot read with every earlier
 * one, over the people grouped by where each snapshot counted them. Hides more of `visible`; returns how many.
 */
function auditAgainstEarlier(
  db: Db,
  snapshotId: number,
  units: readonly TreeUnit[],
  model: PublicationModel,
  visible: Set<string>,
): number {
  const sqlite = db.$client
  const ids = (
    sqlite.prepare("SELECT id FROM learning_snapshots WHERE id <> ? ORDER BY id").all(snapshotId) as {
      id: number
    }[]
  ).map((s) => s.id)
  if (ids.length === 0) return 0
  const layers = frozenLayers(db, ids, {
    units: "learning_snapshot_units",
    cells: "learning_snapshot_cells",
    by: "snapshot_id",
  })
  layers.push({ units, visible })
  const all = [...ids, snapshotId]
  const places = new Map<number, Place[]>()
  const members = sqlite.prepare(`SELECT person_id AS personId, unit_id AS unitId, job_family AS family
    FROM learning_snapshot_members WHERE snapshot_id = ?`)
  all.forEach((id, layer) => {
    for (const m of members.all(id) as (Family & { personId: number })[]) {
      let list = places.get(m.personId)
      if (!list) {
        list = all.map(() => null)
        places.set(m.personId, list)
      }
      list[layer] = { unitId: m.unitId, family: m.family }
    }
  })
  const measures = [jointAtoms(places.values())]
  return hideAcrossCycles({ layers, measures, k: model.input.k }, model, visible, () => PEOPLE)
}

const noFoundation = () => Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>

/** The cohort rule against every earlier snapshot, over who was counted where. */
function cohortAgainstEarlier(
  db: Db,
  snapshotId: number,
  k: number,
  unitById: Map<number, UnitRow>,
  model: PublicationModel,
): Set<string> {
  const sqlite = db.$client
  const earlier = sqlite.prepare("SELECT id, k FROM learning_snapshots WHERE id <> ?").all(snapshotId) as {
    id: number
    k: number
  }[]
  return cohortHiddenAgainstEach({
    earlier,
    k,
    pathNow: (id) => unitById.get(id)?.path,
    countNow: (key) => model.cellCounts.get(key)?.[PEOPLE],
    publishedBy: (other) => ({
      paths: sqlite
        .prepare("SELECT unit_id AS id, path FROM learning_snapshot_units WHERE snapshot_id = ?")
        .all(other.id) as { id: number; path: string }[],
      pairs: sqlite
        .prepare(`SELECT a.unit_id AS unitThen, a.job_family AS familyThen, b.unit_id AS unitNow,
          b.job_family AS familyNow, COUNT(*) AS n
        FROM learning_snapshot_members a JOIN learning_snapshot_members b
          ON b.person_id = a.person_id AND b.snapshot_id = ?
        WHERE a.snapshot_id = ? GROUP BY 1, 2, 3, 4`)
        .all(snapshotId, other.id) as CohortPair[],
      shown: sqlite
        .prepare(
          `SELECT unit_id AS unitId, slice, people AS n FROM learning_snapshot_cells WHERE snapshot_id = ?`,
        )
        .all(other.id) as { unitId: number; slice: "all"; n: number }[],
    }),
  })
}
