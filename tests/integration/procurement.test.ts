import { expect, test } from "vitest"
import { CLAUSE_TOPICS, SCENARIOS } from "~/domain/toolkit-schema"
import { loader as clausesLoader } from "~/routes/procurement.clauses"
import { loader as guideLoader } from "~/routes/procurement.guides.$slug"
import { loader as roadmapLoader } from "~/routes/procurement.roadmap"
import { makeRequest } from "./db"

test("the clause library covers every scenario and topic, each mapped to a named contract", async () => {
  const { library } = await clausesLoader({
    request: makeRequest("/procurement/clauses"),
    params: {},
    context: {},
  })
  expect(library.scenarios.map((s) => s.scenario)).toEqual([...SCENARIOS])
  for (const group of library.scenarios) {
    expect(group.clauses.map((c) => c.topic)).toEqual([...CLAUSE_TOPICS])
    for (const clause of group.clauses) expect(clause.contracts.length).toBeGreaterThan(0)
  }
  const keys = library.contracts.map((c) => c.key)
  for (const key of ["k01", "k02", "k03", "k04", "d17", "mcc-ai-high-risk", "mcc-ai-light"])
    expect(keys).toContain(key)
})

test("the clause library filters to one scenario, and an unknown scenario is a 400", async () => {
  const { library } = await clausesLoader({
    request: makeRequest("/procurement/clauses?scenario=demo"),
    params: {},
    context: {},
  })
  expect(library.scenarios.map((s) => s.scenario)).toEqual(["demo"])
  await expect(
    clausesLoader({ request: makeRequest("/procurement/clauses?scenario=x"), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 400 })
})

test("the roadmap runs from NEED to SOLUTION with steps for hospital and supplier; the guides open", async () => {
  const { roadmap } = await roadmapLoader({
    request: makeRequest("/procurement/roadmap"),
    params: {},
    context: {},
  })
  expect(roadmap.stages.map((s) => s.scenario)).toEqual([...SCENARIOS])
  for (const slug of ["market-dialogue", "for-suppliers"]) {
    const { guide } = await guideLoader({
      request: makeRequest(`/procurement/guides/${slug}`),
      params: { slug },
      context: {},
    })
    expect(guide.html.length).toBeGreaterThan(500)
  }
})
