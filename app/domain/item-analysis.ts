// Item statistics for the content owners, as Moodle's quiz statistics give teachers. Pure: responses in,
// aggregates out. Nothing here is per person: every figure is over all respondents who saw an item.
//
// Forms differ between people (v2 draws them), so each statistic uses the respondents who saw the item, and a
// person's rest score is their mean over the other items of the dimension they saw.
import { DONT_KNOW } from "./scoring"

export type AnalysedItem = {
  id: string
  dimension: string
  options: { id: string }[]
  correct: string
  isAnchor: boolean
}

/** One submitted response: item id -> answer (only the items the person saw are present). */
export type ResponseAnswers = Record<string, number | string>

/** The points an item gives for an answer (the instrument's own rule), or null when not answered. */
export type PointsRule = (item: AnalysedItem, answer: number | string | undefined) => number | null

export type ItemFlag =
  | "too_few"
  | "too_easy"
  | "too_hard"
  | "low_discrimination"
  | "negative_discrimination"
  | "unused_distractor"

export type ItemStats = {
  id: string
  dimension: string
  isAnchor: boolean
  n: number
  /** share of those who saw the item who chose the key */
  shareCorrect: number | null
  shareDontKnow: number | null
  /** corrected item-total correlation: item points against the mean of the person's other items */
  itemRest: number | null
  /** share choosing each option (the key included), by option id */
  optionShares: Record<string, number> | null
  flags: ItemFlag[]
}

export type DimensionStats = {
  dimension: string
  n: number
  /** mean number of items a person answered in the dimension (the form length) */
  formLength: number
  alpha: number | null
  sdScore: number | null
  /** standard error of measurement in score points: SD x sqrt(1 - alpha) */
  sem: number | null
  /** share of respondents whose level would change if their score moved by one SEM */
  shareWithinSemOfThreshold: number | null
}

/** Below this many respondents an item gets no statistics (and cycles below it are not analysed at all). */
export const MIN_RESPONSES = 30

const FLAG_LIMITS = { easy: 0.95, hard: 0.2, discrimination: 0.15, unusedDistractor: 0.02 }

export function mean(xs: number[]) {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length
}

/** Sample variance (n - 1); 0 for fewer than two values. */
export function variance(xs: number[]) {
  if (xs.length < 2) return 0
  const m = mean(xs)
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1)
}

function covariance(xs: number[], ys: number[], divisor = xs.length - 1) {
  if (xs.length < 2) return 0
  const mx = mean(xs)
  const my = mean(ys)
  return xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0) / divisor
}

/** Pearson correlation, or null when either side does not vary. */
export function correlation(xs: number[], ys: number[]) {
  const vx = variance(xs)
  const vy = variance(ys)
  if (xs.length < 2 || vx === 0 || vy === 0) return null
  return covariance(xs, ys) / Math.sqrt(vx * vy)
}

/**
 * Cronbach's alpha for forms of `k` items from a bank, from the mean item variance and the mean covariance of
 * item pairs answered together: alpha = k c / (v + (k - 1) c). With complete data it equals the usual
 * k / (k - 1) x (1 - sum of item variances / total variance). Moments divide by n (not n - 1), so variances
 * and covariances taken over different numbers of people stay comparable.
 */
export function cronbachAlpha(itemScores: (number | null)[][], k: number): number | null {
  const items = itemScores[0]?.length ?? 0
  const variances: number[] = []
  const covariances: number[] = []
  for (let i = 0; i < items; i++) {
    const xs = itemScores.map((row) => row[i]).filter((x): x is number => x !== null && x !== undefined)
    if (xs.length >= 2) variances.push(covariance(xs, xs, xs.length))
    for (let j = i + 1; j < items; j++) {
      const pairs = itemScores.filter((row) => row[i] !== null && row[j] !== null)
      if (pairs.length >= 2)
        covariances.push(
          covariance(
            pairs.map((row) => row[i]!),
            pairs.map((row) => row[j]!),
            pairs.length,
          ),
        )
    }
  }
  if (variances.length === 0 || covariances.length === 0 || k < 2) return null
  const v = mean(variances)
  const c = mean(covariances)
  const denominator = v + (k - 1) * c
  return denominator <= 0 ? null : (k * c) / denominator
}

/** Share of scores within `sem` of a threshold: a move of one SEM could change their level. */
export function shareNearThresholds(scores: number[], thresholds: number[], sem: number) {
  if (scores.length === 0) return null
  const near = scores.filter((s) => thresholds.some((t) => Math.abs(s - t) < sem)).length
  return near / scores.length
}

function flagsOf(stats: Omit<ItemStats, "flags">, correct: string): ItemFlag[] {
  if (stats.shareCorrect === null) return ["too_few"]
  const flags: ItemFlag[] = []
  if (stats.shareCorrect > FLAG_LIMITS.easy) flags.push("too_easy")
  if (stats.shareCorrect < FLAG_LIMITS.hard) flags.push("too_hard")
  if (stats.itemRest !== null && stats.itemRest < 0) flags.push("negative_discrimination")
  else if (stats.itemRest !== null && stats.itemRest < FLAG_LIMITS.discrimination)
    flags.push("low_discrimination")
  const shares = Object.entries(stats.optionShares ?? {})
  if (shares.some(([id, share]) => id !== correct && share < FLAG_LIMITS.unusedDistractor))
    flags.push("unused_distractor")
  return flags
}

/**
 * Per item and per dimension statistics of one cycle's submitted responses. `toScore` turns a person's mean
 * points in a dimension into the dimension score (0..100) the thresholds apply to.
 */
export function analyseItems(
  items: AnalysedItem[],
  responses: ResponseAnswers[],
  points: PointsRule,
  toScore: (meanPoints: number) => number,
  thresholds: number[],
): { items: ItemStats[]; dimensions: DimensionStats[] } {
  const dimensions = [...new Set(items.map((i) => i.dimension))]
  const itemStats: ItemStats[] = []
  const dimensionStats: DimensionStats[] = []
  for (const dimension of dimensions) {
    const bank = items.filter((i) => i.dimension === dimension)
    // rows: respondents who answered at least one item; columns: the bank's items (null = not on their form)
    const matrix = responses
      .map((answers) => bank.map((item) => points(item, answers[item.id])))
      .filter((row) => row.some((p) => p !== null))
    const totals = matrix.map((row) => row.filter((p): p is number => p !== null))
    bank.forEach((item, column) => {
      const seen = responses.filter((answers) => answers[item.id] !== undefined)
      const n = seen.length
      if (n < MIN_RESPONSES) {
        const base = {
          id: item.id,
          dimension,
          isAnchor: item.isAnchor,
          n,
          shareCorrect: null,
          shareDontKnow: null,
        }
        itemStats.push({ ...base, itemRest: null, optionShares: null, flags: ["too_few"] })
        return
      }
      const optionShares = Object.fromEntries(
        item.options.map((o) => [o.id, seen.filter((a) => a[item.id] === o.id).length / n]),
      )
      const own: number[] = []
      const rest: number[] = []
      matrix.forEach((row, r) => {
        const p = row[column]
        if (p === null || p === undefined) return
        const others = totals[r]!.length - 1
        if (others < 1) return
        own.push(p)
        rest.push((totals[r]!.reduce((a, b) => a + b, 0) - p) / others)
      })
      const base = {
        id: item.id,
        dimension,
        isAnchor: item.isAnchor,
        n,
        shareCorrect: optionShares[item.correct] ?? 0,
        shareDontKnow: seen.filter((a) => a[item.id] === DONT_KNOW).length / n,
        itemRest: correlation(own, rest),
        optionShares,
      }
      itemStats.push({ ...base, flags: flagsOf(base, item.correct) })
    })
    const formLength = mean(totals.map((t) => t.length))
    const alpha = matrix.length >= MIN_RESPONSES ? cronbachAlpha(matrix, Math.round(formLength)) : null
    const scores = totals.map((t) => toScore(mean(t)))
    const sdScore = matrix.length >= MIN_RESPONSES ? Math.sqrt(variance(scores)) : null
    const sem =
      alpha === null || sdScore === null ? null : sdScore * Math.sqrt(1 - Math.min(1, Math.max(0, alpha)))
    dimensionStats.push({
      dimension,
      n: matrix.length,
      formLength,
      alpha,
      sdScore,
      sem,
      shareWithinSemOfThreshold: sem === null ? null : shareNearThresholds(scores, thresholds, sem),
    })
  }
  return { items: itemStats, dimensions: dimensionStats }
}
