// Manager reports. A closed cycle's figures come only from its publication, decided when it closed
// (app/services/reports/publish.server.ts, docs/decisions/002-anonymity.md): the tree as it stood, the shown cells,
// nothing else. No person, no per-person row and no hidden figure ever leaves here. Learning progress is today's.

import { eq, inArray } from "drizzle-orm"
import { ALL, effectiveK } from "~/domain/anonymity"
import type { Instrument } from "~/domain/content-schema"
import { levelForScore } from "~/domain/scoring"
import type { JobFamily } from "~/domain/vocabulary"
import { env } from "~/env.server"
import type { SessionUser } from "./auth.server"
import { cachedForDatabase } from "./cache.server"
import { type Db, getDb, schema } from "./db.server"
import { getInstrumentVersion } from "./instrument.server"
import {
  buildHeatmap,
  buildLevelDistribution,
  type Heatmap,
  type LevelDistribution,
} from "./reports/heatmap.server"
import { buildLearning, type LearningRow } from "./reports/learning.server"
import { buildParticipation, type ParticipationRow } from "./reports/participation.server"
import {
  type PublishedCycle,
  placeInCycle,
  publishedCycleList,
  strictestPublishedK,
} from "./reports/published.server"
import { placedRows } from "./reports/rows.server"
import { requireUnitInScope, scopePaths } from "./reports/scope.server"
import { buildTrend, type Trend } from "./reports/trend.server"

export type { Heatmap, HeatmapCell, HeatmapRow, LevelDistribution } from "./reports/heatmap.server"
export type { LearningRow } from "./reports/learning.server"
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
  /** k of learning progress: today's, never below the strictest ever published */
  learningK: number
  levelThresholds: Thresholds
  heatmap: Heatmap
  levelDistribution: LevelDistribution[]
  participation: ParticipationRow[]
  learning: LearningRow[]
  trend: Trend
}

function chooseCycle(all: PublishedCycle[], cycleId: number | undefined): PublishedCycle | null {
  if (cycleId === undefined) return all.at(-1) ?? null
  const cycle = all.find((c) => c.id === cycleId)
  if (!cycle) throw new Response("Not found", { status: 404 })
  return cycle
}

// The level thresholds of a cycle's instrument version, which never change: kept per connection and cycle.
function thresholdsFor(cycle: PublishedCycle | null, db: Db): Thresholds {
  if (!cycle) return []
  return cachedForDatabase(db, `thresholds:${cycle.id}`, () => {
    const hash = db
      .select({ hash: cycles.instrumentHash })
      .from(cycles)
      .where(eq(cycles.id, cycle.id))
      .get()?.hash
    return (hash ? getInstrumentVersion(hash, db)?.levels : undefined) ?? []
  })
}

/** The heatmap alone (the hot path, timed by npm run bench). */
export function getHeatmap(user: SessionUser, query: ReportQuery, db: Db = getDb()): Heatmap {
  const unit = requireUnitInScope(user, query.unitId, db)
  const cycle = chooseCycle(publishedCycleList(db), query.cycleId)
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
  const all = publishedCycleList(db)
  const cycle = chooseCycle(all, query.cycleId)
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
  const learningK = Math.max(effectiveK(env.PARAT_MIN_GROUP_SIZE), strictestPublishedK(db) ?? 0)
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
    learningK,
    levelThresholds: thresholds,
    heatmap: buildHeatmap(rows, (m) => levelForScore(m, thresholds)),
    levelDistribution: cycle ? buildLevelDistribution(own?.cell ?? null) : [],
    participation: buildParticipation(rows),
    learning: buildLearning(db, unit, learningK, slice),
    trend: buildTrend(db, all, unit.id, slice),
  }
}
