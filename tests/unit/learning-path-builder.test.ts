import { expect, test } from "vitest"
import type { Dimension, JobFamily, Level } from "~/domain/content-schema"
import {
  buildLearningPath,
  groupPathByLevel,
  type PathInput,
  type PathModule,
  PrerequisiteCycleError,
} from "~/domain/path-builder"

const LEVEL_NAMES = ["foundation", "practitioner", "advanced", "expert"] as const
const DIMS: Dimension[] = ["understanding", "use", "evaluation", "ethics_law", "data", "implementation"]

/** A full catalogue: four levels per dimension, each level requiring the one below. */
function catalogue(): PathModule[] {
  return DIMS.flatMap((dimension) =>
    ([1, 2, 3, 4] as const).map((level) => {
      const base = dimension.replace("_", "-")
      return {
        slug: `${base}-${LEVEL_NAMES[level - 1]}`,
        dimension,
        level,
        minutes: 10 * level,
        audiences: ["all" as const],
        prerequisites: level > 1 ? [`${base}-${LEVEL_NAMES[level - 2]}`] : [],
      }
    }),
  )
}

const flatProfile = (target: number) =>
  Object.fromEntries(DIMS.map((d) => [d, target])) as Record<Dimension, number>
const result = (levels: Partial<Record<Dimension, Level | null>>, fill: Level = 4) =>
  DIMS.map((dimension) => ({ dimension, level: dimension in levels ? levels[dimension]! : fill }))

function input(overrides: Partial<PathInput>): PathInput {
  return {
    result: null,
    profile: flatProfile(1),
    modules: catalogue(),
    completed: new Set(),
    added: new Set(),
    jobFamily: "nurse" as JobFamily,
    ...overrides,
  }
}
const slugs = (p: ReturnType<typeof buildLearningPath>) => p.steps.map((s) => s.slug)

test("a person with no result gets the Foundation path: every level-1 module, in dimension order", () => {
  const path = buildLearningPath(input({ result: null }))
  expect(path.basis).toBe("foundation")
  expect(path.isAtTarget).toBe(false)
  expect(slugs(path)).toEqual([
    "understanding-foundation",
    "use-foundation",
    "evaluation-foundation",
    "ethics-law-foundation",
    "data-foundation",
    "implementation-foundation",
  ])
  expect(path.steps.every((s) => s.reason === "foundation" && !s.isCompleted)).toBe(true)
})

test("for a dimension below target, the modules from the level above the assessed one up to the target", () => {
  const path = buildLearningPath(
    input({ result: result({ data: 1 }), profile: { ...flatProfile(1), data: 4 } }),
  )
  expect(slugs(path)).toEqual(["data-practitioner", "data-advanced", "data-expert"])
  expect(path.steps.map((s) => s.reason)).toEqual(["gap", "gap", "gap"])
  expect(path.basis).toBe("assessed")
})

test("largest gaps first, ties in the instrument's dimension order", () => {
  const path = buildLearningPath(
    input({
      result: result({ understanding: 1, use: 0, evaluation: 1, ethics_law: 2, data: 0, implementation: 1 }),
      profile: { understanding: 1, use: 2, evaluation: 2, ethics_law: 1, data: 1, implementation: 1 },
    }),
  )
  expect(slugs(path)).toEqual([
    "use-foundation",
    "use-practitioner",
    "evaluation-practitioner",
    "data-foundation",
  ])
  expect(path.dimensions.map((d) => [d.dimension, d.gap])).toEqual([
    ["use", 2],
    ["evaluation", 1],
    ["data", 1],
    ["understanding", 0],
    ["ethics_law", 0],
    ["implementation", 0],
  ])
})

test("an incomplete dimension (level null) counts as level 0", () => {
  const path = buildLearningPath(input({ result: result({ evaluation: null }), profile: flatProfile(2) }))
  expect(slugs(path)).toEqual(["evaluation-foundation", "evaluation-practitioner"])
  expect(path.dimensions.find((d) => d.dimension === "evaluation")).toMatchObject({ level: 0, gap: 2 })
})

test("a person already at target has nothing to do, and the path says so", () => {
  const path = buildLearningPath(input({ result: result({}, 2), profile: flatProfile(2) }))
  expect(path.isAtTarget).toBe(true)
  expect(path.steps).toEqual([])
  expect(path.dimensions.every((d) => d.gap === 0)).toBe(true)
})

test("a level above the target is no gap", () => {
  const path = buildLearningPath(input({ result: result({ use: 4 }, 3), profile: flatProfile(2) }))
  expect(path.isAtTarget).toBe(true)
})

test("completed modules stay on the path, marked, in their place", () => {
  const path = buildLearningPath(
    input({
      result: result({ use: 0 }),
      profile: { ...flatProfile(1), use: 3 },
      completed: new Set(["use-foundation"]),
    }),
  )
  expect(slugs(path)).toEqual(["use-foundation", "use-practitioner", "use-advanced"])
  expect(path.steps.map((s) => s.isCompleted)).toEqual([true, false, false])
})

test("after re-assessment, completed modules outside the new gaps are kept as completed work", () => {
  const path = buildLearningPath(
    input({
      result: result({ use: 2, data: 1 }),
      profile: { ...flatProfile(1), use: 2, data: 2 },
      completed: new Set(["use-foundation", "use-practitioner"]),
    }),
  )
  expect(slugs(path)).toEqual(["data-practitioner", "use-foundation", "use-practitioner"])
  expect(path.steps.filter((s) => s.reason === "completed").map((s) => s.slug)).toEqual([
    "use-foundation",
    "use-practitioner",
  ])
  expect(path.steps.filter((s) => s.isCompleted)).toHaveLength(2)
})

test("prerequisites come before their dependants, pulled in across dimensions when not mastered", () => {
  const modules = catalogue().map((m) =>
    m.slug === "implementation-practitioner"
      ? { ...m, prerequisites: ["implementation-foundation", "ethics-law-practitioner"] }
      : m,
  )
  const path = buildLearningPath(
    input({
      modules,
      result: result({ implementation: 0, ethics_law: 1 }),
      profile: { ...flatProfile(1), implementation: 2 },
    }),
  )
  expect(slugs(path)).toEqual([
    "implementation-foundation",
    "ethics-law-practitioner",
    "implementation-practitioner",
  ])
  expect(path.steps[1]!.reason).toBe("prerequisite")
})

test("a prerequisite the person masters by their assessed level or by completing it is not added", () => {
  const modules = catalogue().map((m) =>
    m.slug === "data-practitioner" ? { ...m, prerequisites: ["data-foundation", "use-practitioner"] } : m,
  )
  const assessed = buildLearningPath(
    input({ modules, result: result({ data: 1, use: 2 }), profile: { ...flatProfile(1), data: 2 } }),
  )
  expect(slugs(assessed)).toEqual(["data-practitioner"])
  const completed = buildLearningPath(
    input({
      modules,
      result: result({ data: 1, use: 0 }),
      profile: { ...flatProfile(0), data: 2 },
      completed: new Set(["use-practitioner"]),
    }),
  )
  // use-practitioner is completed: it stays on the path (as completed work) but ahead of its dependant
  expect(slugs(completed)).toEqual(["use-practitioner", "data-practitioner"])
})

test("a prerequisite later in the gap order moves ahead of its dependant, without duplicates", () => {
  const modules = catalogue().map((m) =>
    m.slug === "use-practitioner" ? { ...m, prerequisites: ["use-foundation", "data-foundation"] } : m,
  )
  const path = buildLearningPath(
    input({
      modules,
      result: result({ use: 0, data: 0 }),
      profile: { ...flatProfile(0), use: 2, data: 1 },
    }),
  )
  expect(slugs(path)).toEqual(["use-foundation", "data-foundation", "use-practitioner"])
  expect(new Set(slugs(path)).size).toBe(path.steps.length)
})

test("modules whose audiences leave out the job family are skipped unless the learner added them", () => {
  const modules = catalogue().map((m) =>
    m.slug === "data-advanced"
      ? { ...m, audiences: ["it_data" as const] }
      : m.slug === "data-expert"
        ? { ...m, prerequisites: ["data-practitioner"] }
        : m,
  )
  const base = { modules, result: result({ data: 1 }), profile: { ...flatProfile(1), data: 4 } }
  expect(slugs(buildLearningPath(input(base)))).toEqual(["data-practitioner", "data-expert"])
  expect(slugs(buildLearningPath(input({ ...base, jobFamily: "it_data" })))).toContain("data-advanced")
  const added = buildLearningPath(input({ ...base, added: new Set(["data-advanced"]) }))
  expect(slugs(added)).toEqual(["data-practitioner", "data-advanced", "data-expert"])
})

test("modules the learner added appear after the result's modules, with their missing prerequisites", () => {
  const path = buildLearningPath(
    input({
      result: result({ use: 1, evaluation: 1 }),
      profile: { ...flatProfile(1), use: 2 },
      added: new Set(["evaluation-advanced"]),
    }),
  )
  expect(slugs(path)).toEqual(["use-practitioner", "evaluation-practitioner", "evaluation-advanced"])
  expect(path.steps.map((s) => s.reason)).toEqual(["gap", "prerequisite", "added"])
})

test("an added module that is already on the path is not listed twice", () => {
  const path = buildLearningPath(
    input({ result: null, added: new Set(["use-foundation", "no-such-module"]) }),
  )
  expect(slugs(path).filter((s) => s === "use-foundation")).toHaveLength(1)
  expect(slugs(path)).not.toContain("no-such-module")
})

test("a module left out by its audience is still pulled in when a module on the path needs it", () => {
  const modules = catalogue().map((m) =>
    m.slug === "data-advanced" ? { ...m, audiences: ["it_data" as const] } : m,
  )
  const path = buildLearningPath(
    input({ modules, result: result({ data: 1 }), profile: { ...flatProfile(1), data: 4 } }),
  )
  expect(slugs(path)).toEqual(["data-practitioner", "data-advanced", "data-expert"])
  expect(path.steps[1]!.reason).toBe("prerequisite")
})

test("a completed module pulls in none of its own missing prerequisites", () => {
  const path = buildLearningPath(
    input({ result: result({ use: 0 }), profile: flatProfile(0), completed: new Set(["use-advanced"]) }),
  )
  expect(slugs(path)).toEqual(["use-advanced"])
})

test("a prerequisite cycle is refused, not looped over", () => {
  const modules = catalogue().map((m) =>
    m.slug === "use-foundation" ? { ...m, prerequisites: ["use-practitioner"] } : m,
  )
  expect(() =>
    buildLearningPath(input({ modules, result: result({ use: 0 }), profile: { ...flatProfile(1), use: 2 } })),
  ).toThrow(PrerequisiteCycleError)
})

test("an empty catalogue gives an empty path, not an error", () => {
  const path = buildLearningPath(input({ modules: [], result: result({ use: 0 }), profile: flatProfile(2) }))
  expect(path.steps).toEqual([])
  expect(path.isAtTarget).toBe(false)
})

test("groups by level keep the path order and count progress and minutes left", () => {
  const path = buildLearningPath(
    input({
      result: result({ use: 0, data: 0 }),
      profile: { ...flatProfile(1), use: 2, data: 1 },
      completed: new Set(["use-foundation"]),
    }),
  )
  expect(
    groupPathByLevel(path.steps).map((g) => [
      g.level,
      g.steps.map((s) => s.slug),
      g.completed,
      g.minutesLeft,
    ]),
  ).toEqual([
    [1, ["use-foundation", "data-foundation"], 1, 10],
    [2, ["use-practitioner"], 0, 20],
  ])
})
