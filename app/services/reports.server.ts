// Manager reports. A closed cycle's figures come only from its publication, decided when it closed
// (app/services/reports/publish.server.ts, docs/decisions/002-anonymity.md): the tree as it stood, the shown cells,
// nothing else. No person, no per-person row and no hidden figure ever leaves here. Learning progress comes from dated snapshots.

import { eq, inArray } from "drizzle-orm"
import { type Instrument, isV2 } from "~/domain/content-schema"
import { ALL_FAMILIES as ALL, effectiveK } from "~/domain/disclosure"
import { chooseReportCycle } from "~/domain/report-cycles"
import { levelForScore } from "~/domain/scoring"
import type { JobFamily } from "~/domain/vocabulary"
import { env } from "~/env.server"
import type { SessionUser } from "./auth.server"
import { cachedForDatabase } from "./cache.server"
import { type Db, getDb, schema } from "./db.server"
import { getInstrumentVersion } from "./instrument.server"
import { type AttitudeItem, buildDetails, type ReportDetails } from "./reports/details.server"
import {
  buildHeatmap,
  buildLevelDistribution,
  type Heatmap,
  type LevelDistribution,
} from "./reports/heatmap.server"
import { buildLearning, type LearningTable } from "./reports/learning.server"
import { buildParticipation, type ParticipationRow } from "./reports/participation.server"
import { type PublishedCycle, placeInCycle, publishedCycleCoverage } from "./reports/published.server"
import { placedRows } from "./reports/rows.server"
import { requireUnitInScope, scopePaths } from "./reports/scope.server"
import { buildTrend, type Trend } from "./reports/trend.server"

export type { AttitudeRow, ConfidenceRow, ReportDetails, ToolRow } from "./reports/details.server"
export type { Heatmap, HeatmapCell, HeatmapRow, LevelDistribution } from "./reports/heatmap.server"
export type { LearningRow, LearningTable } from "./reports/learning.server"
export type { ParticipationRow } from "./reports/participation.server"
export type { UnitChange } from "./reports/published.server"
export type { RowRole } from "./reports/rows.server"
export { getFirstScopeUnitId, requireUnitInScope } from "./reports/scope.server"
export type { Trend } from "./reports/trend.server"

const { units, cycles } = schema

export type ReportQuery = { unitId: number; cycleId?: number; jobFamily?: JobFamily }
export type CycleOption = { id: number; name: string; k: number }
export type Breadcrumb = { unitId: number; name: string; isInScope: boolean }
type Thresholds = Instrument["levels"]

export type UnitReport = {
  unit: { id: number; name: string; kind: schema.UnitKind }
  breadcrumbs: Breadcrumb[]
  cycles: CycleOption[]
  cycle: CycleOption | null
  /** false when the unit was not part of the tree the chosen cycle closed on */
  isInCycle: boolean
  jobFamily: JobFamily | null
  /** k of the chosen cycle's publication */
  k: number
  levelThresholds: Thresholds
  heatmap: Heatmap
  levelDistribution: LevelDistribution[]
  participation: ParticipationRow[]
  /** learning progress from the latest dated snapshot, never live */
  learning: LearningTable
  trend: Trend
  /** confidence beside knowledge, hopes and worries, AI tool use of the unit (instrument v2 cycles) */
  details: ReportDetails
}

/**
 * The published cycles the manager's reports offer (those that covered their units, oldest first) and the one shown:
 * the asked-for one, else the latest that covered them. Asking for any other cycle is a 404.
 */
function cyclesFor(user: SessionUser, cycleId: number | undefined, db: Db) {
  const { offered, chosen } = chooseReportCycle(publishedCycleCoverage(db, user.id), cycleId)
  if (chosen === "not_found") throw new Response("Not found", { status: 404 })
  const plain = ({ id, name, k }: PublishedCycle): PublishedCycle => ({ id, name, k })
  return { all: offered.map(plain), cycle: chosen ? plain(chosen) : null }
}

/** The name of the cycle a manager's reports open on, or null when no published cycle covered their units. */
export function getDefaultReportCycleName(user: SessionUser, db: Db = getDb()): string | null {
  return cyclesFor(user, undefined, db).cycle?.name ?? null
}

type CycleInstrument = { levels: Thresholds; attitudes: AttitudeItem[] }
// What the reports need of a cycle's instrument version, which never changes: kept per connection and cycle.
function instrumentOf(cycle: PublishedCycle | null, db: Db): CycleInstrument {
  if (!cycle) return { levels: [], attitudes: [] }
  return cachedForDatabase(db, `instrument-parts:${cycle.id}`, () => {
    const hash = db
      .select({ hash: cycles.instrumentHash })
      .from(cycles)
      .where(eq(cycles.id, cycle.id))
      .get()?.hash
    const instrument = hash ? getInstrumentVersion(hash, db) : null
    return {
      levels: instrument?.levels ?? [],
      attitudes:
        instrument && isV2(instrument)
          ? instrument.attitudes.items.map((a) => ({ id: a.id, tone: a.tone, text: a.text }))
          : [],
    }
  })
}
const thresholdsFor = (cycle: PublishedCycle | null, db: Db) => instrumentOf(cycle, db).levels

/** The heatmap alone (the hot path, timed by npm run bench). */
export function getHeatmap(user: SessionUser, query: ReportQuery, db: Db = getDb()): Heatmap {
  const unit = requireUnitInScope(user, query.unitId, db)
  const { cycle } = cyclesFor(user, query.cycleId, db)
  const place = cycle ? placeInCycle(db, cycle.id, unit.id) : null
  if (!cycle || !place) return { rows: [] }
  const thresholds = thresholdsFor(cycle, db)
  return buildHeatmap(placedRows(db, cycle.id, place, query.jobFamily ?? ALL), (m) =>
    levelForScore(m, thresholds),
  )
}

/** Everything the unit's report page and its CSV show, already suppressed. */
export function getUnitReport(user: SessionUser, query: ReportQuery, db: Db = getDb()): UnitReport {
  const unit = requireUnitInScope(user, query.unitId, db)
  const { all, cycle } = cyclesFor(user, query.cycleId, db)
  const slice = query.jobFamily ?? ALL
  const place = cycle ? placeInCycle(db, cycle.id, unit.id) : null
  const rows = cycle && place ? placedRows(db, cycle.id, place, slice) : []
  const thresholds = thresholdsFor(cycle, db)
  const scopes = scopePaths(user, db)
  const chainIds = unit.path.split("/").filter(Boolean).map(Number)
  const chain = db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(inArray(units.id, chainIds))
    .all()
    .sort((a, b) => a.path.length - b.path.length)
  const k = cycle?.k ?? effectiveK(env.PARAT_MIN_GROUP_SIZE)
  const own = rows.find((r) => r.head.unitId === unit.id && r.head.role !== "child")
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    breadcrumbs: chain.map((u) => ({
      unitId: u.id,
      name: u.name,
      isInScope: scopes.some((p) => u.path.startsWith(p)),
    })),
    cycles: all.map((c) => ({ id: c.id, name: c.name, k: c.k })).reverse(),
    cycle: cycle ? { id: cycle.id, name: cycle.name, k } : null,
    isInCycle: place !== null,
    jobFamily: slice === ALL ? null : slice,
    k,
    levelThresholds: thresholds,
    heatmap: buildHeatmap(rows, (m) => levelForScore(m, thresholds)),
    levelDistribution: cycle ? buildLevelDistribution(own?.cell ?? null) : [],
    participation: buildParticipation(rows),
    learning: buildLearning(db, unit.id, slice),
    trend: buildTrend(db, all, unit.id, slice),
    details:
      cycle && place
        ? buildDetails(db, cycle.id, unit.id, slice, instrumentOf(cycle, db).attitudes)
        : { confidence: [], attitudes: [], tools: [] },
  }
}
