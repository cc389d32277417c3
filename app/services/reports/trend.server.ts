// The trend of a unit over the closed cycles: each point is that cycle's published cell. The cohort rule across
// cycles was applied when each cycle was published (app/services/reports/publish.server.ts), to every view of it.
import type { Slice } from "~/domain/disclosure"
import { DIMENSIONS, type Dimension } from "~/domain/vocabulary"
import type { Db } from "../db.server"
import { roundMean } from "./heatmap.server"
import { cellOf, type PublishedCycle } from "./published.server"

export type Trend = {
  cycles: { id: number; name: string }[]
  /** per dimension, one point per cycle: the mean, or null where it is not shown */
  points: { cycleId: number; values: Partial<Record<Dimension, number | null>> }[]
}

export function buildTrend(db: Db, all: PublishedCycle[], unitId: number, slice: Slice): Trend {
  return {
    cycles: all.map((c) => ({ id: c.id, name: c.name })),
    points: all.map((cycle) => {
      const cell = cellOf(db, cycle.id, unitId, slice)
      return {
        cycleId: cycle.id,
        values: Object.fromEntries(
          DIMENSIONS.map((d) => {
            const scores = cell?.scores[d]
            return [d, scores && scores.n > 0 ? roundMean(scores.sum, scores.n) : null]
          }),
        ),
      }
    }),
  }
}
