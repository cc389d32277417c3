import { expect, test } from "vitest"
import { chooseReportCycle, coversAnyScope } from "~/domain/report-cycles"

const region = "/1/"
const nordhavn = "/1/2/"
const nordhavnEmergency = "/1/2/7/"
const skovbrynet = "/1/3/"

test("a cycle covers a scope when it targets the scope, an ancestor or a unit inside it", () => {
  expect(coversAnyScope([region], [nordhavn])).toBe(true)
  expect(coversAnyScope([nordhavn], [nordhavn])).toBe(true)
  expect(coversAnyScope([nordhavnEmergency], [nordhavn])).toBe(true)
  expect(coversAnyScope([skovbrynet], [nordhavn])).toBe(false)
  expect(coversAnyScope([], [nordhavn])).toBe(false)
  expect(coversAnyScope([region], [])).toBe(false)
  // "/1/2/" must not be taken for a prefix of "/1/20/"
  expect(coversAnyScope(["/1/20/"], [nordhavn])).toBe(false)
})

const cyclesFor = (scopePaths: string[]) => [
  { id: 1, targetPaths: [region], scopePaths },
  { id: 2, targetPaths: [nordhavn], scopePaths },
  { id: 3, targetPaths: [skovbrynet], scopePaths },
]

test("the report opens on the latest closed cycle that covered the manager's units, not a later one elsewhere", () => {
  const cycles = cyclesFor([nordhavn])
  expect(chooseReportCycle(cycles, undefined)).toEqual({ offered: cycles.slice(0, 2), chosen: cycles[1] })
  expect(chooseReportCycle(cyclesFor([skovbrynet]), undefined).chosen).toMatchObject({ id: 3 })
  expect(chooseReportCycle(cyclesFor([region]), undefined).chosen).toMatchObject({ id: 3 })
})

test("coverage is judged per cycle, in the tree each cycle closed on", () => {
  // The manager's unit stood under Skovbrynet when cycle 3 closed and under Nordhavn before.
  const cycles = [
    { id: 2, targetPaths: [nordhavn], scopePaths: ["/1/2/9/"] },
    { id: 3, targetPaths: [skovbrynet], scopePaths: ["/1/3/9/"] },
  ]
  expect(chooseReportCycle(cycles, undefined).offered.map((c) => c.id)).toEqual([2, 3])
  // A unit that did not exist when a cycle closed has no path in it: that cycle is not offered.
  expect(chooseReportCycle([{ id: 4, targetPaths: [region], scopePaths: [] }], undefined).chosen).toBeNull()
})

test("a cycle that never covered the manager's units cannot be asked for", () => {
  const cycles = cyclesFor([nordhavn])
  expect(chooseReportCycle(cycles, 3).chosen).toBe("not_found")
  expect(chooseReportCycle(cycles, 1).chosen).toEqual(cycles[0])
  expect(chooseReportCycle(cycles, 99).chosen).toBe("not_found")
})

test("without any covering cycle there is nothing to choose", () => {
  expect(chooseReportCycle(cyclesFor(["/9/"]), undefined)).toEqual({ offered: [], chosen: null })
})
