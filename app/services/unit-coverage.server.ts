// Unit coverage for managers (issue 19): read from a closed cycle's frozen publication only, through the report
// module's readers (app/services/reports/published.server.ts), so every figure follows the anonymity rule the
// publication was decided with. The arithmetic is pure (app/domain/unit-coverage.ts).
import { and, asc, eq, like } from "drizzle-orm"
import type { Slice } from "~/domain/disclosure"
import {
  type ChampionState,
  championState,
  countChampions,
  dimensionCoverage,
  type ShownCell,
} from "~/domain/unit-coverage"
import { JOB_FAMILIES, type JobFamily } from "~/domain/vocabulary"
import type { SessionUser } from "./auth.server"
import { getContent } from "./content-loader.server"
import { type Db, getDb, schema } from "./db.server"
import { cellsOf, placeInCycle, publishedCycleList } from "./reports/published.server"
import { getFirstScopeUnitId, requireUnitInScope } from "./reports/scope.server"

const { publishedUnits, cycleInvitations } = schema

/** The job families with anybody invited in a unit's subtree then (the org chart at the cycle). */
function presentFamilies(db: Db, cycleId: number, path: string): JobFamily[] {
  return db
    .selectDistinct({ family: cycleInvitations.jobFamily })
    .from(cycleInvitations)
    .innerJoin(
      publishedUnits,
      and(
        eq(publishedUnits.cycleId, cycleInvitations.cycleId),
        eq(publishedUnits.unitId, cycleInvitations.unitId),
      ),
    )
    .where(and(eq(cycleInvitations.cycleId, cycleId), like(publishedUnits.path, `${path}%`)))
    .all()
    .map((r) => r.family)
}

function shownCells(db: Db, cycleId: number, unitIds: number[], slice: Slice) {
  const cells = new Map<number, ShownCell>()
  for (const [id, cell] of cellsOf(db, cycleId, unitIds, slice)) cells.set(id, cell.scores)
  return cells
}

/**
 * The coverage of a unit in the manager's scope (default: their first scope unit) and of its children then, in a
 * closed cycle (default: the latest), with champion counts over the units without children in its subtree.
 */
export function getUnitCoverage(
  user: SessionUser,
  query: { unitId?: number | null; cycleId?: number | null },
  db: Db = getDb(),
) {
  const unitId = query.unitId ?? getFirstScopeUnitId(user, db)
  if (unitId === null) return { kind: "no_scope" as const }
  requireUnitInScope(user, unitId, db)
  const cycles = publishedCycleList(db)
  const cycle = query.cycleId ? cycles.find((c) => c.id === query.cycleId) : cycles.at(-1)
  if (!cycle) return { kind: "no_cycle" as const, cycles }
  const place = placeInCycle(db, cycle.id, unitId)
  if (!place) return { kind: "not_in_cycle" as const, cycles, cycle }
  const targets = getContent().profiles.profiles
  const rowsUnits = [place.unit, ...place.children]
  const ids = rowsUnits.map((u) => u.id)
  const all = shownCells(db, cycle.id, ids, "all")
  const byFamily = JOB_FAMILIES.map((f) => [f, shownCells(db, cycle.id, ids, f)] as const)
  const rows = rowsUnits.map((u) => ({
    unitId: u.id,
    name: u.name,
    isSelf: u.id === place.unit.id,
    hasChildren: u.hasChildren,
    dimensions: dimensionCoverage({
      all: all.get(u.id) ?? null,
      families: Object.fromEntries(
        byFamily.flatMap(([f, cells]) => (cells.has(u.id) ? [[f, cells.get(u.id)!]] : [])),
      ),
      targets,
      presentFamilies: presentFamilies(db, cycle.id, u.path),
    }),
    champion: championState(all.get(u.id) ?? null),
  }))
  // Champions are counted over the smallest units then (departments without sections, and sections).
  const leaves = db
    .select({ id: publishedUnits.unitId, name: publishedUnits.name })
    .from(publishedUnits)
    .where(
      and(
        eq(publishedUnits.cycleId, cycle.id),
        like(publishedUnits.path, `${place.unit.path}%`),
        eq(publishedUnits.hasChildren, false),
      ),
    )
    .orderBy(asc(publishedUnits.path))
    .all()
  const leafCells = shownCells(
    db,
    cycle.id,
    leaves.map((l) => l.id),
    "all",
  )
  const leafStates: ChampionState[] = leaves.map((l) => championState(leafCells.get(l.id) ?? null))
  return {
    kind: "coverage" as const,
    cycles,
    cycle,
    unit: { id: place.unit.id, name: place.unit.name },
    chain: place.chain.map((u) => ({ id: u.id, name: u.name })),
    rows,
    champions: countChampions(leafStates),
    withoutChampion: leaves.filter((_, i) => leafStates[i] === "none").map((l) => l.name),
  }
}
