// Unit coverage for managers, read from a closed cycle's frozen publication only (docs/decisions/002 and 015):
// per dimension the share of people at or above their role's target level, and whether a unit has an "AI champion"
// (somebody at Advanced or above in implementation or evaluation). Pure. Every figure is a sum of figures the
// publication already shows, so it reveals nothing the heatmap does not: no second anonymity rule is needed, and a
// figure that would need a hidden cell is not computed (null).
import { DIMENSIONS, type Dimension, JOB_FAMILIES, type JobFamily } from "./vocabulary"

/** A shown cell's figures for one dimension: how many scored, and how many at each level 0..4. */
export type ShownScores = { n: number; levels: readonly number[] }
/** A shown cell (unit × slice); a hidden cell is absent. */
export type ShownCell = Partial<Record<Dimension, ShownScores>>

export type CoverageInput = {
  /** the unit's all-families cell, if shown */
  all: ShownCell | null
  /** the unit's per-family cells that are shown */
  families: Partial<Record<JobFamily, ShownCell>>
  targets: Record<JobFamily, Record<Dimension, number>>
  /**
   * the families with anybody invited in the unit's subtree when the cycle closed (the org chart then, which the
   * anonymity rule treats as known); the others are known to be empty
   */
  presentFamilies?: readonly JobFamily[]
}

export type DimensionCoverage = {
  dimension: Dimension
  /** people scored in the dimension (the all-families cell), null when hidden */
  n: number | null
  /** at or above their family's target, null unless every family with people in it is shown */
  atTarget: number | null
  /** per shown family: scored and at or above target */
  byFamily: { family: JobFamily; n: number; atTarget: number }[]
}

export const CHAMPION_DIMENSIONS = ["implementation", "evaluation"] as const satisfies readonly Dimension[]
export const CHAMPION_LEVEL = 3

const atOrAbove = (levels: readonly number[], target: number) =>
  levels.slice(target).reduce((sum, x) => sum + x, 0)

/**
 * Share at or above target per dimension. The shown family cells give their own counts at target. The people of
 * the families not shown are the all-families cell minus the shown families, a difference of published figures; where
 * every family not shown has the same target for the dimension, their count at target is that difference taken at
 * the target level, so the unit's total is exact. Otherwise it is not computed (null).
 */
export function dimensionCoverage(input: CoverageInput): DimensionCoverage[] {
  return DIMENSIONS.map((dimension) => {
    const shownFamilies = JOB_FAMILIES.filter((f) => input.families[f]?.[dimension])
    const byFamily = shownFamilies.flatMap((family) => {
      const scores = input.families[family]![dimension]!
      if (scores.n === 0) return []
      return [{ family, n: scores.n, atTarget: atOrAbove(scores.levels, input.targets[family][dimension]) }]
    })
    const all = input.all?.[dimension]
    const n = all ? all.n : null
    return { dimension, n, atTarget: all && all.n > 0 ? totalAtTarget(all, shownFamilies) : null, byFamily }

    function totalAtTarget(all: ShownScores, shown: JobFamily[]): number | null {
      const shownAt = byFamily.reduce((sum, f) => sum + f.atTarget, 0)
      const rest = (input.presentFamilies ?? JOB_FAMILIES).filter((f) => !shown.includes(f))
      const restN = all.n - byFamily.reduce((sum, f) => sum + f.n, 0)
      if (restN === 0) return shownAt
      const restTargets = new Set(rest.map((f) => input.targets[f][dimension]))
      if (restTargets.size !== 1) return null // people whose family (and so target) is unknown
      const [target] = [...restTargets] as [number]
      const shownAtRestTarget = shown.reduce(
        (sum, f) => sum + atOrAbove(input.families[f]![dimension]!.levels, target),
        0,
      )
      return shownAt + atOrAbove(all.levels, target) - shownAtRestTarget
    }
  })
}

export type ChampionState = "champion" | "none" | "unknown"

/**
 * Whether a unit's shown all-families cell has somebody at Advanced or above in implementation or evaluation. With
 * the cell hidden, or nobody scored in either dimension, it is unknown.
 */
export function championState(all: ShownCell | null): ChampionState {
  if (!all) return "unknown"
  const scored = CHAMPION_DIMENSIONS.map((d) => all[d]).filter((s): s is ShownScores => Boolean(s && s.n > 0))
  if (scored.length === 0) return "unknown"
  return scored.some((s) => atOrAbove(s.levels, CHAMPION_LEVEL) > 0) ? "champion" : "none"
}

/** Counts of units by champion state. */
export function countChampions(states: readonly ChampionState[]) {
  const counts = { champion: 0, none: 0, unknown: 0 }
  for (const s of states) counts[s]++
  return counts
}
