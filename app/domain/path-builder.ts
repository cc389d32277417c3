// The learning path: survey result + role profile + the module catalogue + the learner's own work -> an ordered
// list of modules. Pure: no I/O. The rule (docs/decisions/004-learning-path.md):
// - No result yet: the Foundation path, every level-1 module meant for the person's job family.
// - With a result: for each dimension below its target (an incomplete dimension counts as level 0), the modules
//   from the level above the assessed one up to the target. Dimensions with the largest gap come first (ties in
//   the instrument's dimension order), lower levels before higher ones.
// - Modules whose audiences leave out the person's job family are skipped, unless the learner added them.
// - Modules the learner added or started, and modules they completed, stay on the path (completed ones marked).
// - A prerequisite comes before its dependant. One the person already masters (completed, or at or below their
//   assessed level in its dimension) is not added; any other is pulled in, even from another dimension.
// - Nothing appears twice.
import { DIMENSIONS, type Dimension, type JobFamily, type Level } from "./content-schema"

export type PathModule = {
  slug: string
  dimension: Dimension
  level: 1 | 2 | 3 | 4
  minutes: number
  audiences: ("all" | JobFamily)[]
  prerequisites: string[]
}

export type PathInput = {
  /** the latest submitted result, per dimension; level null when the dimension was incomplete */
  result: { dimension: Dimension; level: Level | null }[] | null
  /** target level per dimension for the person's job family */
  profile: Record<Dimension, number>
  modules: PathModule[]
  completed: ReadonlySet<string>
  /** modules the learner added from the catalogue or started themselves */
  added: ReadonlySet<string>
  jobFamily: JobFamily
}

export type StepReason = "foundation" | "gap" | "prerequisite" | "added" | "completed"
export type PathStep = PathModule & { reason: StepReason; isCompleted: boolean }
export type DimensionGap = { dimension: Dimension; level: Level; target: number; gap: number }

export type LearningPath = {
  /** foundation: built without a result; assessed: built from the latest result */
  basis: "foundation" | "assessed"
  /** every dimension with its assessed level and target, largest gap first; empty for the foundation path */
  dimensions: DimensionGap[]
  steps: PathStep[]
  /** a result exists and every dimension is at or above its target */
  isAtTarget: boolean
}

export class PrerequisiteCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`Module prerequisites form a cycle: ${cycle.join(" -> ")}`)
  }
}

const dimensionOrder = (d: Dimension) => DIMENSIONS.indexOf(d)
const byLevelThenSlug = (a: PathModule, b: PathModule) => a.level - b.level || a.slug.localeCompare(b.slug)
const isForFamily = (m: PathModule, family: JobFamily) =>
  m.audiences.includes("all") || m.audiences.includes(family)

export function assessedLevels(result: PathInput["result"]): Record<Dimension, Level> {
  const levels = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, Level>
  for (const r of result ?? []) levels[r.dimension] = r.level ?? 0
  return levels
}

/** Every dimension with its gap to the target, largest gap first, ties in the instrument's order. */
export function dimensionGaps(result: NonNullable<PathInput["result"]>, profile: PathInput["profile"]) {
  const levels = assessedLevels(result)
  return DIMENSIONS.map((dimension) => {
    const target = profile[dimension]
    return { dimension, level: levels[dimension], target, gap: Math.max(0, target - levels[dimension]) }
  }).sort((a, b) => b.gap - a.gap || dimensionOrder(a.dimension) - dimensionOrder(b.dimension))
}

export function buildLearningPath(input: PathInput): LearningPath {
  const { modules, completed, added, jobFamily } = input
  const bySlug = new Map(modules.map((m) => [m.slug, m]))
  const levels = assessedLevels(input.result)
  const wanted: { module: PathModule; reason: StepReason }[] = []

  let dimensions: DimensionGap[] = []
  if (input.result === null) {
    for (const m of [...modules]
      .filter((m) => m.level === 1 && isForFamily(m, jobFamily))
      .sort((a, b) => dimensionOrder(a.dimension) - dimensionOrder(b.dimension) || byLevelThenSlug(a, b)))
      wanted.push({ module: m, reason: "foundation" })
  } else {
    dimensions = dimensionGaps(input.result, input.profile)
    for (const gap of dimensions.filter((g) => g.gap > 0)) {
      for (const m of modules
        .filter(
          (m) =>
            m.dimension === gap.dimension &&
            m.level > gap.level &&
            m.level <= gap.target &&
            (isForFamily(m, jobFamily) || added.has(m.slug)),
        )
        .sort(byLevelThenSlug))
        wanted.push({ module: m, reason: "gap" })
    }
  }
  // The learner's own choices and finished work, after what the result asks for.
  const extra = (slugs: ReadonlySet<string>, reason: StepReason) =>
    [...slugs]
      .map((slug) => bySlug.get(slug))
      .filter((m): m is PathModule => m !== undefined)
      .sort((a, b) => dimensionOrder(a.dimension) - dimensionOrder(b.dimension) || byLevelThenSlug(a, b))
      .forEach((module) => {
        wanted.push({ module, reason })
      })
  extra(added, "added")
  extra(completed, "completed")

  const isMastered = (m: PathModule) => completed.has(m.slug) || m.level <= levels[m.dimension]
  const steps: PathStep[] = []
  const placed = new Set<string>()
  const visiting: string[] = []
  const place = (module: PathModule, reason: StepReason) => {
    if (placed.has(module.slug)) return
    if (visiting.includes(module.slug))
      throw new PrerequisiteCycleError([...visiting.slice(visiting.indexOf(module.slug)), module.slug])
    visiting.push(module.slug)
    for (const slug of module.prerequisites) {
      const prerequisite = bySlug.get(slug)
      // A prerequisite that is no longer in the catalogue cannot be asked for.
      if (!prerequisite) continue
      const isOnPath = wanted.some((w) => w.module.slug === slug)
      // A completed module needs nothing more; its prerequisites only keep their order if they are on the path.
      if (isOnPath || (!isMastered(prerequisite) && !completed.has(module.slug))) {
        const own = wanted.find((w) => w.module.slug === slug)
        place(prerequisite, own?.reason ?? "prerequisite")
      }
    }
    visiting.pop()
    placed.add(module.slug)
    steps.push({ ...module, reason, isCompleted: completed.has(module.slug) })
  }
  for (const { module, reason } of wanted) place(module, reason)

  return {
    basis: input.result === null ? "foundation" : "assessed",
    dimensions,
    steps,
    isAtTarget: input.result !== null && dimensions.every((d) => d.gap === 0),
  }
}

export type LevelGroup = { level: 1 | 2 | 3 | 4; steps: PathStep[]; completed: number; minutesLeft: number }

/** The path's steps grouped by level (path order kept inside a level), with progress and time left. */
export function groupPathByLevel(steps: PathStep[]): LevelGroup[] {
  const groups: LevelGroup[] = []
  for (const level of [1, 2, 3, 4] as const) {
    const inLevel = steps.filter((s) => s.level === level)
    if (inLevel.length === 0) continue
    groups.push({
      level,
      steps: inLevel,
      completed: inLevel.filter((s) => s.isCompleted).length,
      minutesLeft: inLevel.filter((s) => !s.isCompleted).reduce((sum, s) => sum + s.minutes, 0),
    })
  }
  return groups
}
