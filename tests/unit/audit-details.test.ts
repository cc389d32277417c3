import { expect, test } from "vitest"
import {
  auditRefs,
  describeAuditDetails,
  describeAuditTarget,
  parseAuditTarget,
} from "~/domain/audit-details"

const names = {
  person: { 308: "Søren Hansen" },
  unit: { 2: "Nordhavn Hospital", 18: "Vestkysten" },
  cycle: { 5: "Vinter 2026" },
}
const words = { yes: "Ja", no: "Nej", none: "Ingen" }

test("a target like person:308 is read as the person's name; other targets stay as written", () => {
  expect(parseAuditTarget("person:308")).toEqual({ kind: "person", id: 308 })
  expect(parseAuditTarget("nojs.csv")).toBeNull()
  expect(describeAuditTarget("person:308", names)).toBe("Søren Hansen")
  expect(describeAuditTarget("cycle:5", names)).toBe("Vinter 2026")
  expect(describeAuditTarget("person:999", names)).toBe("person:999")
  expect(describeAuditTarget("nojs.csv", names)).toBe("nojs.csv")
  expect(describeAuditTarget(null, names)).toBe("")
})

test("ids in the details are collected for lookup, with the target's", () => {
  expect(auditRefs("person:308", { unitId: 2, unitIds: [18, 2], cycleId: null, rows: 3 })).toEqual([
    { kind: "person", id: 308 },
    { kind: "unit", id: 2 },
    { kind: "unit", id: 18 },
    { kind: "unit", id: 2 },
  ])
})

test("details read as names, Danish dates and times, and changes from → to, not ids and UTC JSON", () => {
  const rows = describeAuditDetails(
    {
      unitIds: [18],
      cycleId: 5,
      opensOn: "2026-11-24",
      expiresAt: "2026-11-26T19:56:23.990Z",
      role: { from: "employee", to: "manager" },
      invited: 1096,
      isActive: false,
      jobFamily: null,
    },
    names,
    "da",
    words,
  )
  expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual({
    unitIds: "Vestkysten",
    cycleId: "Vinter 2026",
    opensOn: "24. november 2026",
    expiresAt: expect.stringMatching(/26\. nov\.? 2026.*20[.:]56/),
    role: "employee → manager",
    invited: "1.096",
    isActive: "Nej",
    jobFamily: "Ingen",
  })
})
