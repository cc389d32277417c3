// Item analysis for admins and content owners: per item and dimension statistics of a closed cycle with at least
// MIN_RESPONSES submitted responses. Only aggregates leave this module; no figure is about one person.

import { and, count, desc, eq } from "drizzle-orm"
import type { CalendarDay } from "~/domain/calendar"
import type { AnyInstrument, Bilingual } from "~/domain/content-schema"
import { isV2 } from "~/domain/content-schema"
import type { CsvCell } from "~/domain/csv"
import {
  type AnalysedItem,
  analyseItems,
  type DimensionStats,
  type ItemStats,
  MIN_RESPONSES,
  type PointsRule,
} from "~/domain/item-analysis"
import { DONT_KNOW } from "~/domain/scoring"
import type { Language } from "~/domain/vocabulary"
import { cachedForDatabase } from "./cache.server"
import { type Db, getDb, schema } from "./db.server"
import { getInstrumentVersion } from "./instrument.server"

const { cycles, responses } = schema

export type AnalysableCycle = {
  id: number
  name: string
  closesOn: CalendarDay
  responses: number
  version: number
}

/** Closed cycles with enough submitted responses to analyse, newest first. */
export function listAnalysableCycles(db: Db = getDb()): AnalysableCycle[] {
  const rows = db
    .select({
      id: cycles.id,
      name: cycles.name,
      closesOn: cycles.closesOn,
      hash: cycles.instrumentHash,
      responses: count(responses.id),
    })
    .from(cycles)
    .innerJoin(responses, and(eq(responses.cycleId, cycles.id), eq(responses.status, "submitted")))
    .where(eq(cycles.status, "closed"))
    .groupBy(cycles.id)
    .orderBy(desc(cycles.closesOn), desc(cycles.id))
    .all()
  return rows
    .filter((r) => r.responses >= MIN_RESPONSES)
    .map(({ hash, ...r }) => ({ ...r, version: getInstrumentVersion(hash, db)?.version ?? 1 }))
}

export type ItemRow = ItemStats & { text: Bilingual; dimensionName: Bilingual }
export type ItemAnalysis = {
  cycle: AnalysableCycle
  dimensions: (DimensionStats & { name: Bilingual })[]
  items: ItemRow[]
  thresholds: number[]
}

/** The knowledge items of either version, with the points its own rule gives. */
function itemsOf(instrument: AnyInstrument) {
  const texts = new Map<string, Bilingual>()
  const items: AnalysedItem[] = []
  for (const d of instrument.dimensions) {
    const knowledge =
      "knowledge" in d
        ? d.knowledge
        : d.items.flatMap((i) => (i.kind === "knowledge" ? [{ ...i, anchor: false }] : []))
    for (const k of knowledge) {
      items.push({
        id: k.id,
        dimension: d.key,
        options: k.options,
        correct: k.correct,
        isAnchor: k.anchor,
      })
      texts.set(k.id, k.text)
    }
  }
  return { items, texts }
}

/** v2: formula scoring (wrong -1/(m - 1)); v1: right 1, otherwise 0. "Don't know" is 0 in both. */
function pointsRule(instrument: AnyInstrument): PointsRule {
  return (item, answer) => {
    if (answer === undefined) return null
    if (answer === item.correct) return 1
    if (answer === DONT_KNOW || !isV2(instrument)) return 0
    return -1 / (item.options.length - 1)
  }
}

// A closed cycle's answers change only when an erasure removes one, so its analysis is kept per database under
// its response count.

/** The analysis of one cycle, or null when it is not closed or has fewer than MIN_RESPONSES responses. */
export function getItemAnalysis(cycleId: number, db: Db = getDb()): ItemAnalysis | null {
  const cycle = listAnalysableCycles(db).find((c) => c.id === cycleId)
  if (!cycle) return null
  return cachedForDatabase(db, `item-analysis:${cycleId}:${cycle.responses}`, () => analyse(cycle, db))
}

function analyse(cycle: AnalysableCycle, db: Db): ItemAnalysis | null {
  const cycleId = cycle.id
  const hash = db
    .select({ hash: cycles.instrumentHash })
    .from(cycles)
    .where(eq(cycles.id, cycleId))
    .get()!.hash
  const instrument = getInstrumentVersion(hash, db)
  if (!instrument) return null
  const answers = db
    .select({ answers: responses.answers })
    .from(responses)
    .where(and(eq(responses.cycleId, cycleId), eq(responses.status, "submitted")))
    .all()
    .map((r) => r.answers)
  const { items, texts } = itemsOf(instrument)
  const thresholds = instrument.levels.map((l) => l.min)
  const toScore = (meanPoints: number) => Math.max(0, meanPoints) * 100
  const stats = analyseItems(items, answers, pointsRule(instrument), toScore, thresholds)
  const names = new Map(instrument.dimensions.map((d) => [d.key as string, d.name]))
  const analysis: ItemAnalysis = {
    cycle,
    thresholds,
    dimensions: stats.dimensions.map((d) => ({ ...d, name: names.get(d.dimension)! })),
    items: stats.items.map((i) => ({ ...i, text: texts.get(i.id)!, dimensionName: names.get(i.dimension)! })),
  }
  return analysis
}

export type Translate = (key: string, options?: Record<string, unknown>) => string

/** A figure rounded for the sheet; numbers stay numbers so the CSV writer gives them the dialect's decimal mark. */
const rounded = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)))
const share = (x: number | null) => rounded(x, 3)

/** The same figures as the page, as CSV rows (written by the one CSV writer): one row per dimension, then per item. */
export function itemAnalysisCsvRows(analysis: ItemAnalysis, lang: Language, t: Translate): CsvCell[][] {
  const dimensionRows = analysis.dimensions.map((d): CsvCell[] => [
    "dimension",
    d.name[lang],
    "",
    "",
    d.n,
    rounded(d.alpha, 3),
    rounded(d.sem, 1),
    share(d.shareWithinSemOfThreshold),
  ])
  const itemRows = analysis.items.map((i): CsvCell[] => [
    "item",
    i.dimensionName[lang],
    i.id,
    i.isAnchor ? t("csv.yes") : "",
    i.n,
    share(i.shareCorrect),
    share(i.shareDontKnow),
    rounded(i.itemRest, 3),
    ...["a", "b", "c", "d"].map((o) => share(i.optionShares?.[o] ?? null)),
    i.flags.map((f) => t(`flags.${f}`)).join("; "),
    i.text[lang],
  ])
  return [
    ["kind", "dimension", "", "", "n", "alpha", "sem", "share_within_sem"].map((h) =>
      h ? t(`csv.${h}`) : "",
    ),
    ...dimensionRows,
    [],
    [
      "kind",
      "dimension",
      "item",
      "anchor",
      "n",
      "share_correct",
      "share_dont_know",
      "item_rest",
      "option_a",
      "option_b",
      "option_c",
      "option_d",
      "flags",
      "text",
    ].map((h) => t(`csv.${h}`)),
    ...itemRows,
  ]
}
