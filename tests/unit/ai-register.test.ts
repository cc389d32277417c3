import { describe, expect, it } from "vitest"
import {
  addMonths,
  CODE_PATTERN,
  countCoverage,
  type DueAgainEvent,
  dueAgainReasons,
  effectiveRecords,
  formatCode,
  isWithinUnits,
  type Requirement,
  recordPayload,
  requirementStatus,
  type TrainingRecord,
} from "~/domain/ai-register"

const d = (iso: string) => new Date(`${iso}T12:00:00Z`)
const requirement = (over: Partial<Requirement> = {}): Requirement => ({
  id: 1,
  systemId: 7,
  contentKey: "sepsis-alert",
  jobFamily: "nurse",
  refreshMonths: null,
  graceDays: 30,
  createdAt: d("2026-01-01"),
  ...over,
})
const record = (over: Partial<TrainingRecord> = {}): TrainingRecord => ({
  id: 1,
  contentKey: "sepsis-alert",
  completedAt: d("2026-01-10"),
  correctsId: null,
  isVoid: false,
  ...over,
})
const status = (
  over: {
    requirement?: Requirement
    records?: TrainingRecord[]
    events?: DueAgainEvent[]
    now?: Date
    jobFamily?: "nurse" | "doctor"
    usesSystem?: boolean
  } = {},
) =>
  requirementStatus({
    requirement: over.requirement ?? requirement(),
    jobFamily: over.jobFamily ?? "nurse",
    usesSystem: over.usesSystem ?? true,
    records: over.records ?? [],
    events: over.events ?? [],
    now: over.now ?? d("2026-01-15"),
  })

describe("requirement status", () => {
  it("is not required for another job family or a unit that does not use the system", () => {
    expect(status({ jobFamily: "doctor" }).state).toBe("not_required")
    expect(status({ usesSystem: false, records: [record()] }).state).toBe("not_required")
  })

  it("is due until the grace days have passed, overdue the moment after", () => {
    expect(status({ now: d("2026-01-31") })).toMatchObject({
      state: "due",
      dueAt: d("2026-01-31"),
      cause: "never",
    })
    expect(status({ now: new Date(d("2026-01-31").getTime() + 1) }).state).toBe("overdue")
  })

  it("is done by a completion of the required module only", () => {
    expect(status({ records: [record()] })).toMatchObject({ state: "done", dueAt: null, recordId: 1 })
    expect(status({ records: [record({ contentKey: "other" })] }).state).toBe("due")
  })

  it("falls due after the refresh period, with the next due date shown while done", () => {
    const yearly = requirement({ refreshMonths: 12 })
    expect(status({ requirement: yearly, records: [record()], now: d("2027-01-09") })).toMatchObject({
      state: "done",
      dueAt: d("2027-01-10"),
    })
    expect(status({ requirement: yearly, records: [record()], now: d("2027-01-10") })).toMatchObject({
      state: "overdue",
      cause: "period",
    })
  })

  it("is made due again by a substantive change of the module, counting grace from the change", () => {
    const events: DueAgainEvent[] = [{ reason: "content", contentKey: "sepsis-alert", at: d("2026-03-01") }]
    expect(status({ records: [record()], events, now: d("2026-03-02") })).toMatchObject({
      state: "due",
      dueAt: d("2026-03-31"),
      cause: "content",
    })
    expect(status({ records: [record()], events, now: d("2026-04-01") }).state).toBe("overdue")
    // A completion on or after the change counts again.
    const again = record({ id: 2, completedAt: d("2026-03-01") })
    expect(status({ records: [record(), again], events, now: d("2026-04-01") })).toMatchObject({
      state: "done",
      recordId: 2,
    })
  })

  it("is made due again by a register change of the same system only", () => {
    const other: DueAgainEvent[] = [{ reason: "risk_class", systemId: 8, at: d("2026-03-01") }]
    const own: DueAgainEvent[] = [{ reason: "scope", systemId: 7, at: d("2026-03-01") }]
    const unrelatedModule: DueAgainEvent[] = [{ reason: "content", contentKey: "other", at: d("2026-03-01") }]
    expect(status({ records: [record()], events: other, now: d("2026-03-02") }).state).toBe("done")
    expect(status({ records: [record()], events: unrelatedModule, now: d("2026-03-02") }).state).toBe("done")
    expect(status({ records: [record()], events: own, now: d("2026-03-02") }).cause).toBe("scope")
  })

  it("does not move a never-met due date when the system changes", () => {
    const events: DueAgainEvent[] = [{ reason: "purpose", systemId: 7, at: d("2026-03-01") }]
    expect(status({ events, now: d("2026-03-02") })).toMatchObject({ state: "overdue", cause: "never" })
  })

  it("counts a correction instead of the record it corrects, and a void correction withdraws it", () => {
    const wrongDate = record({ id: 1, completedAt: d("2026-01-10") })
    const fixed = record({ id: 2, completedAt: d("2025-06-01"), correctsId: 1 })
    const yearly = requirement({ refreshMonths: 12 })
    expect(status({ requirement: yearly, records: [wrongDate, fixed], now: d("2026-07-01") })).toMatchObject({
      state: "overdue",
      recordId: 2,
    })
    const voided = record({ id: 3, correctsId: 1, isVoid: true })
    expect(status({ records: [wrongDate, voided] }).state).toBe("due")
  })
})

describe("records and register changes", () => {
  it("follows a chain of corrections to its last link", () => {
    const chain = [record({ id: 1 }), record({ id: 2, correctsId: 1 }), record({ id: 3, correctsId: 2 })]
    expect(effectiveRecords(chain).map((r) => r.id)).toEqual([3])
  })

  it("names scope, purpose and risk class changes, and ignores unit order and surrounding spaces", () => {
    const before = { intendedPurpose: "Early warning", riskClass: "high" as const, unitIds: [1, 2] }
    expect(
      dueAgainReasons(before, { ...before, unitIds: [2, 1], intendedPurpose: " Early warning " }),
    ).toEqual([])
    expect(
      dueAgainReasons(before, { intendedPurpose: "Triage", riskClass: "limited", unitIds: [1] }),
    ).toEqual(["scope", "purpose", "risk_class"])
  })

  it("adds months clamped to the month's end", () => {
    expect(addMonths(new Date("2026-01-31T00:00:00Z"), 1).toISOString()).toBe("2026-02-28T00:00:00.000Z")
    expect(addMonths(new Date("2028-02-29T00:00:00Z"), 12).toISOString()).toBe("2029-02-28T00:00:00.000Z")
  })

  it("counts coverage over the required only", () => {
    expect(countCoverage(["done", "due", "overdue", "not_required", "done"])).toEqual({
      required: 4,
      done: 2,
      due: 1,
      overdue: 1,
    })
  })

  it("matches unit subtrees by whole ids", () => {
    expect(isWithinUnits("/1/4/9/", [4])).toBe(true)
    expect(isWithinUnits("/1/14/9/", [4])).toBe(false)
  })

  it("makes readable codes and a payload that changes with every signed field", () => {
    const code = formatCode(new Uint8Array(16).map((_, i) => i * 17))
    expect(code).toMatch(CODE_PATTERN)
    const base = {
      code,
      personName: "A",
      contentKey: "m",
      contentVersion: "1",
      completedAt: d("2026-01-01"),
      score: 1,
      correctsCode: null,
    }
    expect(recordPayload({ ...base, score: 0.9 })).not.toBe(recordPayload(base))
    expect(recordPayload({ ...base, personName: "B" })).not.toBe(recordPayload(base))
  })
})
