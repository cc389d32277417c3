// Scoring of one survey response. Pure: instrument + answers in, scores and levels out.
//
// The rule (also in docs/scoring.md):
// - Each item gives 0..1 points. A likert answer v (1..5) gives (v - 1) / 4; a reverse-keyed item counts 6 - v.
//   A knowledge check gives 1 when right, 0 when wrong or "don't know" ("don't know" is an honest "not known").
// - An unanswered item (or a value the item cannot have) is left out, never guessed.
// - A dimension's score is the mean of its answered items' points x 100 (0..100, one decimal).
// - A dimension is incomplete, with no score and no level, when fewer than minAnsweredShare of its items are answered.
// - The level is the highest level whose minimum the score reaches (a score exactly on a threshold reaches it);
//   below the first threshold it is 0, "not yet foundation".
// - minLevel, the lowest level over all dimensions (0 if any is incomplete), feeds the AI-literacy overview.
import {
  type AnyInstrument,
  type Dimension,
  type Instrument,
  type InstrumentItem,
  isV2,
  type Level,
} from "./content-schema"
import { dimensionPages, type SurveyForm } from "./form"

export const DONT_KNOW = "dont_know"
export type Answer = number | string
export type Answers = Record<string, Answer>

export type DimensionScore = {
  dimension: Dimension
  score: number | null
  level: Level | null
  answered: number
  total: number
  isComplete: boolean
  /** v2: the self-ratings' mean (0..100) beside the knowledge score; null in v1, where both are mixed */
  confidence?: number | null
}

export type ScoredResponse = { dimensions: DimensionScore[]; minLevel: Level }

type ScoringRules = Pick<Instrument, "levels" | "minAnsweredShare">

/** Points 0..1 for one item, or null when the answer is missing or not a value this item can have. */
export function itemPoints(item: InstrumentItem, answer: Answer | undefined): number | null {
  if (answer === undefined || answer === null) return null
  if (item.kind === "likert") {
    if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1 || answer > 5) return null
    const value = item.reverse ? 6 - answer : answer
    return (value - 1) / 4
  }
  if (answer === DONT_KNOW) return 0
  if (typeof answer !== "string" || !item.options.some((o) => o.id === answer)) return null
  return answer === item.correct ? 1 : 0
}

export function levelForScore(score: number, levels: ScoringRules["levels"]): Level {
  let level: Level = 0
  for (const threshold of levels) if (score >= threshold.min) level = threshold.level
  return level
}

export function scoreDimension(
  dimension: { key: Dimension; items: InstrumentItem[] },
  answers: Answers,
  rules: ScoringRules,
): DimensionScore {
  const points = dimension.items.map((item) => itemPoints(item, answers[item.id])).filter((p) => p !== null)
  const total = dimension.items.length
  const answered = points.length
  const isComplete = total > 0 && answered / total >= rules.minAnsweredShare
  if (!isComplete) return { dimension: dimension.key, score: null, level: null, answered, total, isComplete }
  const score = Math.round((points.reduce((sum, p) => sum + p, 0) / answered) * 1000) / 10
  return {
    dimension: dimension.key,
    score,
    level: levelForScore(score, rules.levels),
    answered,
    total,
    isComplete,
  }
}

export function scoreResponse(
  instrument: Pick<Instrument, "dimensions" | "levels" | "minAnsweredShare">,
  answers: Answers,
): ScoredResponse {
  const dimensions = instrument.dimensions.map((d) => scoreDimension(d, answers, instrument))
  const minLevel = dimensions.reduce<Level>(
    (min, d) => (d.level === null ? 0 : (Math.min(min, d.level) as Level)),
    4,
  )
  return { dimensions, minLevel }
}

// ---------------------------------------------------------------- version 2: knowledge places, confidence beside
//
// - A knowledge item with m options gives 1 when right, -1/(m - 1) when wrong and 0 for "don't know" (formula
//   scoring): a blind guess earns 0 in expectation, the same as an honest "don't know".
// - A dimension's score is the mean of its answered knowledge items x 100, floored at 0 (0..100, one decimal).
//   Self-ratings do not count: agreeing with every statement earns nothing.
// - Confidence is the mean of the self-ratings, (v - 1) / 4 x 100, shown beside the level with the gap.

/** Formula-scoring points for one knowledge answer, or null when missing or not a value the item can have. */
export function knowledgePoints(item: InstrumentItem, answer: Answer | undefined): number | null {
  if (item.kind !== "knowledge" || answer === undefined || answer === null) return null
  if (answer === DONT_KNOW) return 0
  if (typeof answer !== "string" || !item.options.some((o) => o.id === answer)) return null
  return answer === item.correct ? 1 : -1 / (item.options.length - 1)
}

const oneDecimal = (x: number) => Math.round(x * 1000) / 10

export function scoreFormDimension(
  page: { key: string; items: InstrumentItem[] },
  answers: Answers,
  rules: ScoringRules,
): DimensionScore {
  const knowledge = page.items.filter((item) => item.kind === "knowledge")
  const points = knowledge.map((item) => knowledgePoints(item, answers[item.id])).filter((p) => p !== null)
  const ratings = page.items
    .filter((item) => item.kind === "likert")
    .map((item) => itemPoints(item, answers[item.id]))
    .filter((p) => p !== null)
  const confidence =
    ratings.length > 0 ? oneDecimal(ratings.reduce((sum, p) => sum + p, 0) / ratings.length) : null
  const total = knowledge.length
  const answered = points.length
  const isComplete = total > 0 && answered / total >= rules.minAnsweredShare
  const dimension = page.key as Dimension
  if (!isComplete) return { dimension, score: null, level: null, answered, total, isComplete, confidence }
  const score = oneDecimal(Math.max(0, points.reduce((sum, p) => sum + p, 0) / answered))
  return {
    dimension,
    score,
    level: levelForScore(score, rules.levels),
    answered,
    total,
    isComplete,
    confidence,
  }
}

function minLevelOf(dimensions: DimensionScore[]): Level {
  return dimensions.reduce<Level>((min, d) => (d.level === null ? 0 : (Math.min(min, d.level) as Level)), 4)
}

/** Scores a v2 form: the person's drawn knowledge items place the level, self-ratings give confidence. */
export function scoreForm(rules: ScoringRules, form: SurveyForm, answers: Answers): ScoredResponse {
  const dimensions = dimensionPages(form).map((page) =>
    scoreFormDimension({ key: page.key, items: page.items.filter((i) => i.kind !== "tool") }, answers, rules),
  )
  return { dimensions, minLevel: minLevelOf(dimensions) }
}

/** Either version's rule: v1 results keep the rule they were scored with. */
export function scoreAnswers(instrument: AnyInstrument, form: SurveyForm, answers: Answers): ScoredResponse {
  return isV2(instrument) ? scoreForm(instrument, form, answers) : scoreResponse(instrument, answers)
}

export type ConfidenceGap = "higher" | "lower" | "aligned"

/** How confidence compares with the knowledge score: more than `margin` points apart is a gap worth naming. */
export function confidenceGap(
  score: number | null,
  confidence: number | null | undefined,
  margin: number,
): ConfidenceGap | null {
  if (score === null || confidence === null || confidence === undefined) return null
  if (confidence - score > margin) return "higher"
  if (score - confidence > margin) return "lower"
  return "aligned"
}
