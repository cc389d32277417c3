// Confidence beside knowledge, hopes and worries, and AI tool use (instrument v2) of the chosen unit in a closed
// cycle: read from its publication, decided with every other figure of the cycle under the same rule and audit
// (app/services/reports/publish.server.ts). A hidden cell, or a cycle without these pages, gives empty sections.
import type Database from "better-sqlite3"
import type { Bilingual } from "~/domain/content-schema"
import type { Slice } from "~/domain/disclosure"
import { DIMENSIONS, type Dimension } from "~/domain/vocabulary"
import type { Db } from "../db.server"
import { roundMean } from "./heatmap.server"

export type ConfidenceRow = {
  dimension: Dimension
  n: number
  /** mean knowledge score and mean confidence (0-100) of the same people */
  score: number
  confidence: number
  /** confidence minus knowledge, in points */
  gap: number
  /** shares (whole per cent) who rate themselves higher / lower than their answers show */
  overShare: number
  underShare: number
}
export type AttitudeItem = { id: string; tone: "hope" | "worry"; text: Bilingual }
export type AttitudeRow = AttitudeItem & { n: number; mean: number; agreeShare: number }
export type ToolRow = { key: string; label: Bilingual; users: number; share: number }
export type ReportDetails = { confidence: ConfidenceRow[]; attitudes: AttitudeRow[]; tools: ToolRow[] }

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0)

function prepare(sqlite: Database.Database) {
  return {
    confidence: sqlite.prepare(`SELECT dimension, n, confidence_sum AS confidenceSum, score_sum AS scoreSum,
        over, under FROM published_confidence WHERE cycle_id = ? AND unit_id = ? AND slice = ?`),
    attitudes: sqlite.prepare(`SELECT item_id AS itemId, n, value_sum AS valueSum, agree
        FROM published_attitudes WHERE cycle_id = ? AND unit_id = ? AND slice = ?`),
    tools: sqlite.prepare(`SELECT t.tool_key AS key, t.label, t.users, c.submitted
        FROM published_tools t JOIN published_cells c
          ON c.cycle_id = t.cycle_id AND c.unit_id = t.unit_id AND c.slice = t.slice
        WHERE t.cycle_id = ? AND t.unit_id = ? AND t.slice = ? ORDER BY t.users DESC, t.tool_key`),
  }
}
const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>()

/** The three sections for one published cell (the chosen unit, or the region when it is the unit). */
export function buildDetails(
  db: Db,
  cycleId: number,
  unitId: number,
  slice: Slice,
  attitudeItems: readonly AttitudeItem[],
): ReportDetails {
  let s = statementCache.get(db.$client)
  if (!s) {
    s = prepare(db.$client)
    statementCache.set(db.$client, s)
  }
  type C = {
    dimension: string
    n: number
    confidenceSum: number
    scoreSum: number
    over: number
    under: number
  }
  const confidence = (s.confidence.all(cycleId, unitId, slice) as C[])
    .filter((r) => r.n > 0 && (DIMENSIONS as readonly string[]).includes(r.dimension))
    .map((r) => {
      const score = roundMean(r.scoreSum, r.n)
      const mean = roundMean(r.confidenceSum, r.n)
      return {
        dimension: r.dimension as Dimension,
        n: r.n,
        score,
        confidence: mean,
        gap: Math.round((mean - score) * 10) / 10,
        overShare: share(r.over, r.n),
        underShare: share(r.under, r.n),
      }
    })
    .sort((a, b) => DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension))
  type A = { itemId: string; n: number; valueSum: number; agree: number }
  const published = new Map((s.attitudes.all(cycleId, unitId, slice) as A[]).map((r) => [r.itemId, r]))
  const attitudes = attitudeItems.flatMap((item) => {
    const r = published.get(item.id)
    if (!r || r.n === 0) return []
    return [{ ...item, n: r.n, mean: roundMean(r.valueSum, r.n), agreeShare: share(r.agree, r.n) }]
  })
  type T = { key: string; label: string; users: number; submitted: number }
  const tools = (s.tools.all(cycleId, unitId, slice) as T[]).map((r) => ({
    key: r.key,
    label: JSON.parse(r.label) as Bilingual,
    users: r.users,
    share: share(r.users, r.submitted),
  }))
  return { confidence, attitudes, tools }
}
