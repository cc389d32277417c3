import { expect, test } from "vitest"
import { FRAMES, SCENARIOS } from "~/domain/toolkit-schema"
import { loader } from "~/routes/handbook"
import { makeRequest, testDb } from "./db"

const load = (query: string) => {
  testDb()
  return loader({ request: makeRequest(`/handbook${query}`), params: {}, context: {} })
}

test("the handbook offers the four scenarios in the order a solution matures", async () => {
  const data = await load("")
  expect(data.scenarios.map((s) => s.key)).toEqual([...SCENARIOS])
  expect(data.scenario).toBeNull()
})

test.each(SCENARIOS)(
  "scenario %s has its own route with all four frames and gates that name owner, evidence and duration",
  async (key) => {
    const data = await load(`?scenario=${key}`)
    const route = data.scenario!
    expect(route.key).toBe(key)
    expect(route.frames.map((f) => f.frame)).toEqual([...FRAMES])
    for (const frame of route.frames) expect(frame.html.length).toBeGreaterThan(100)
    const phaseKeys = data.handbook.phases.map((p) => p.key)
    for (const step of route.route) expect(phaseKeys).toContain(step.phase)
    const gates = route.route.flatMap((s) => s.gates)
    expect(gates.length).toBeGreaterThanOrEqual(2)
    for (const gate of gates) {
      expect(gate.owner).not.toBe("")
      expect(gate.evidence.length).toBeGreaterThan(0)
      expect(gate.duration).toMatch(/\d/)
    }
  },
)

test("the routes differ: a finished product is tendered and validated locally, a need is not", async () => {
  const need = (await load("?scenario=need")).scenario!
  const solution = (await load("?scenario=solution")).scenario!
  expect(need.route.map((s) => s.phase)).not.toContain("operation")
  expect(solution.route.map((s) => s.phase)).toContain("clinical-validation")
})

test("an unknown scenario is a 400, not a 500", async () => {
  await expect(load("?scenario=maybe")).rejects.toMatchObject({ status: 400 })
})
