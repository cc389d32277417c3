// The heatmap and the level distribution of a closed cycle, from its publication.
import { DIMENSIONS, type Dimension, type Level } from "~/domain/vocabulary"
import type { Cell } from "./published.server"
import type { PlacedRow, RowHead } from "./rows.server"

export type HeatmapCell =
  | { dimension: Dimension; isSuppressed: true }
  | { dimension: Dimension; isSuppressed: false; n: number; mean: number; level: Level }
export type HeatmapRow = RowHead & { canDrillDown: boolean; cells: HeatmapCell[] }
export type Heatmap = { rows: HeatmapRow[] }
export type LevelDistribution =
  | { dimension: Dimension; isSuppressed: true }
  | { dimension: Dimension; isSuppressed: false; n: number; counts: number[] }

export const roundMean = (sum: number, n: number) => Math.round((sum / n) * 10) / 10

function heatmapCells(cell: Cell | null, levelOf: (mean: number) => Level): HeatmapCell[] {
  return DIMENSIONS.map((d) => {
    const scores = cell?.scores[d]
    if (!scores || scores.n === 0) return { dimension: d, isSuppressed: true }
    const mean = roundMean(scores.sum, scores.n)
    return { dimension: d, isSuppressed: false, n: scores.n, mean, level: levelOf(mean) }
  })
}

export function buildHeatmap(rows: PlacedRow[], levelOf: (mean: number) => Level): Heatmap {
  return {
    rows: rows.map(({ head, unit, cell }) => ({
      ...head,
      canDrillDown: head.role === "child" && unit.hasChildren,
      cells: heatmapCells(cell, levelOf),
    })),
  }
}

export function buildLevelDistribution(cell: Cell | null): LevelDistribution[] {
  return DIMENSIONS.map((d) => {
    const scores = cell?.scores[d]
    if (!scores || scores.n === 0) return { dimension: d, isSuppressed: true }
    return { dimension: d, isSuppressed: false, n: scores.n, counts: [...scores.levels] }
  })
}
