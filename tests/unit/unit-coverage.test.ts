import { expect, test } from "vitest"
import { championState, countChampions, dimensionCoverage } from "~/domain/unit-coverage"
import { DIMENSIONS, JOB_FAMILIES } from "~/domain/vocabulary"

const targets = Object.fromEntries(
  JOB_FAMILIES.map((f) => [f, Object.fromEntries(DIMENSIONS.map((d) => [d, f === "doctor" ? 3 : 2]))]),
) as Parameters<typeof dimensionCoverage>[0]["targets"]
const cell = (levels: number[]) => ({ use: { n: levels.reduce((a, b) => a + b, 0), levels } })

test("the share at target sums each family against its own target when every family with people is shown", () => {
  const nurses = cell([0, 1, 3, 1, 0]) // target 2: 4 of 5
  const doctors = cell([0, 0, 4, 2, 0]) // target 3: 2 of 6
  const all = cell([0, 1, 7, 3, 0])
  const use = dimensionCoverage({ all, families: { nurse: nurses, doctor: doctors }, targets }).find(
    (d) => d.dimension === "use",
  )!
  expect(use).toEqual({
    dimension: "use",
    n: 11,
    atTarget: 6,
    byFamily: [
      { family: "doctor", n: 6, atTarget: 2 },
      { family: "nurse", n: 5, atTarget: 4 },
    ],
  })
})

test("with hidden families of different targets the unit's share is not computed, the shown families' still are", () => {
  const nurses = cell([0, 1, 3, 1, 0])
  const all = cell([0, 2, 6, 3, 0]) // 11 people, only 5 in shown cells
  const use = dimensionCoverage({ all, families: { nurse: nurses }, targets }).find(
    (d) => d.dimension === "use",
  )!
  expect(use.n).toBe(11)
  expect(use.atTarget).toBeNull()
  expect(use.byFamily).toEqual([{ family: "nurse", n: 5, atTarget: 4 }])
})

test("with the unit's own cell hidden nothing of the unit is shown", () => {
  const use = dimensionCoverage({ all: null, families: {}, targets }).find((d) => d.dimension === "use")!
  expect(use).toEqual({ dimension: "use", n: null, atTarget: null, byFamily: [] })
})

test("a champion is somebody at level 3 or 4 in implementation or evaluation; hidden or unscored is unknown", () => {
  const scores = (impl: number[], evaln: number[]) => ({
    implementation: { n: impl.reduce((a, b) => a + b, 0), levels: impl },
    evaluation: { n: evaln.reduce((a, b) => a + b, 0), levels: evaln },
  })
  expect(championState(scores([1, 2, 2, 0, 0], [0, 0, 4, 0, 1]))).toBe("champion")
  expect(championState(scores([1, 2, 2, 1, 0], [0, 0, 5, 0, 0]))).toBe("champion")
  expect(championState(scores([1, 2, 2, 0, 0], [0, 3, 2, 0, 0]))).toBe("none")
  expect(championState(null)).toBe("unknown")
  expect(championState({ use: { n: 5, levels: [0, 0, 0, 5, 0] } })).toBe("unknown")
  expect(countChampions(["champion", "none", "none", "unknown"])).toEqual({
    champion: 1,
    none: 2,
    unknown: 1,
  })
})

test("a hidden family's people count at target from the unit's cell when every hidden family shares the target", () => {
  // Nurses shown (target 2); other clinical hidden but present (target 2 in this test's targets).
  const nurses = cell([0, 1, 3, 1, 0])
  const all = cell([0, 3, 6, 2, 0]) // 6 more people, 2 below target 2 and 4 at or above
  const use = dimensionCoverage({
    all,
    families: { nurse: nurses },
    targets,
    presentFamilies: ["nurse", "other_clinical"],
  }).find((d) => d.dimension === "use")!
  expect(use.atTarget).toBe(4 + 4)
  // With a doctor (target 3) also possibly among the hidden people, their targets differ: not computed.
  const mixed = dimensionCoverage({
    all,
    families: { nurse: nurses },
    targets,
    presentFamilies: ["nurse", "other_clinical", "doctor"],
  }).find((d) => d.dimension === "use")!
  expect(mixed.atTarget).toBeNull()
})
