// The AI-system register's rules, free of I/O: who must complete which training for which system, and whether
// they have (done), still may (due) or are late (overdue). Survey answers and levels are never an input here: the
// training record is compliance evidence, kept apart from the anonymous competence measurement (decision record).
import type { JobFamily } from "./vocabulary"

export const SYSTEM_STATUSES = ["need", "prototype", "demo", "solution", "in_operation", "retired"] as const
export type SystemStatus = (typeof SYSTEM_STATUSES)[number]

/** AI Act risk classes as a deployer records them. */
export const RISK_CLASSES = ["minimal", "limited", "high", "prohibited"] as const
export type RiskClass = (typeof RISK_CLASSES)[number]

export const MDR_CLASSES = ["none", "I", "IIa", "IIb", "III"] as const
export type MdrClass = (typeof MDR_CLASSES)[number]

/** Why a requirement became due again for everyone it applies to. */
export const DUE_AGAIN_REASONS = ["content", "scope", "purpose", "risk_class"] as const
export type DueAgainReason = (typeof DUE_AGAIN_REASONS)[number]

export const REQUIREMENT_STATES = ["not_required", "done", "due", "overdue"] as const
export type RequirementState = (typeof REQUIREMENT_STATES)[number]

const DAY = 24 * 60 * 60 * 1000

export type Requirement = {
  id: number
  systemId: number
  /** what must be completed: a course module's slug, or "instruction:<id>" (contentKeyOf in local-instruction.ts) */
  contentKey: string
  jobFamily: JobFamily
  /** months after a completion until a refresher is due; null: once is enough until something changes */
  refreshMonths: number | null
  /** days a person has to complete it from when it starts to apply to them */
  graceDays: number
  createdAt: Date
}

/** One append-only training record. A correction is a new record pointing at the one it corrects. */
export type TrainingRecord = {
  id: number
  contentKey: string
  completedAt: Date
  /** the record this one corrects; the corrected record no longer counts */
  correctsId: number | null
  /** a correction that withdraws the corrected record without replacing it */
  isVoid: boolean
}

/** A "made due again" event: a substantive change of a module or instruction (by content key) or a register change. */
export type DueAgainEvent =
  | { reason: "content"; contentKey: string; at: Date }
  | { reason: Exclude<DueAgainReason, "content">; systemId: number; at: Date }

export type RequirementStatus = {
  state: RequirementState
  /** when it must be (or next must be) completed; null when not required or done without a refresh period */
  dueAt: Date | null
  /** the record that satisfies it (done), or the latest counted one before it fell due again */
  recordId: number | null
  /** why it is due: never done, a change, or the refresh period elapsed */
  cause: "never" | DueAgainReason | "period" | null
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

/**
 * The records that count: every record not corrected by a later one, minus void corrections. Corrections may
 * chain (a correction of a correction); only the last link counts.
 */
export function effectiveRecords<R extends TrainingRecord>(records: readonly R[]): R[] {
  const corrected = new Set<number>()
  for (const r of records) if (r.correctsId !== null) corrected.add(r.correctsId)
  return records.filter((r) => !corrected.has(r.id) && !r.isVoid)
}

/** The latest event that made this requirement due again, if any. */
export function lastResetOf(
  requirement: Requirement,
  events: readonly DueAgainEvent[],
): DueAgainEvent | null {
  let last: DueAgainEvent | null = null
  for (const e of events) {
    const applies =
      e.reason === "content" ? e.contentKey === requirement.contentKey : e.systemId === requirement.systemId
    if (applies && (!last || e.at.getTime() >= last.at.getTime())) last = e
  }
  return last
}

/**
 * A person's status on one requirement at `now`. `appliesSince` is when the requirement started to apply to them
 * (the later of its creation and their joining the unit, as the caller knows it); it defaults to its creation.
 * A completion counts when it is on or after the last reset (a change of content or register entry). Without a
 * counting completion it is due until appliesSince (or the reset) plus the grace days, then overdue. With one
 * and a refresh period it is done until completion plus the period, then overdue at once: a refresher's due date
 * was shown all along.
 */
export function requirementStatus(input: {
  requirement: Requirement
  jobFamily: JobFamily
  /** whether the person's unit uses the system (the unit or an ancestor is among its units) and it is not retired */
  usesSystem: boolean
  records: readonly TrainingRecord[]
  events: readonly DueAgainEvent[]
  now: Date
  appliesSince?: Date
}): RequirementStatus {
  const { requirement, now } = input
  if (!input.usesSystem || input.jobFamily !== requirement.jobFamily)
    return { state: "not_required", dueAt: null, recordId: null, cause: null }
  const reset = lastResetOf(requirement, input.events)
  const since = input.appliesSince ?? requirement.createdAt
  const latest = effectiveRecords(input.records)
    .filter((r) => r.contentKey === requirement.contentKey)
    .sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b.id - a.id)[0]
  const counts = latest && (!reset || latest.completedAt.getTime() >= reset.at.getTime())
  if (latest && counts) {
    if (requirement.refreshMonths === null)
      return { state: "done", dueAt: null, recordId: latest.id, cause: null }
    const next = addMonths(latest.completedAt, requirement.refreshMonths)
    if (now.getTime() < next.getTime())
      return { state: "done", dueAt: next, recordId: latest.id, cause: null }
    return { state: "overdue", dueAt: next, recordId: latest.id, cause: "period" }
  }
  const startsAt = Math.max(since.getTime(), reset && latest ? reset.at.getTime() : 0)
  const dueAt = new Date(startsAt + requirement.graceDays * DAY)
  const cause = latest && reset ? reset.reason : "never"
  return {
    state: now.getTime() <= dueAt.getTime() ? "due" : "overdue",
    dueAt,
    recordId: latest?.id ?? null,
    cause,
  }
}

export type CoverageCounts = { required: number; done: number; due: number; overdue: number }

/** Sums statuses into the counts a manager and the evidence export show. */
export function countCoverage(states: readonly RequirementState[]): CoverageCounts {
  const counts: CoverageCounts = { required: 0, done: 0, due: 0, overdue: 0 }
  for (const s of states) {
    if (s === "not_required") continue
    counts.required++
    counts[s]++
  }
  return counts
}

/** The fields whose change in the register makes the system's requirements due again. */
export function dueAgainReasons(
  before: { intendedPurpose: string; riskClass: RiskClass; unitIds: readonly number[] },
  after: { intendedPurpose: string; riskClass: RiskClass; unitIds: readonly number[] },
): Exclude<DueAgainReason, "content">[] {
  const reasons: Exclude<DueAgainReason, "content">[] = []
  const scope = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(",")
  if (scope(before.unitIds) !== scope(after.unitIds)) reasons.push("scope")
  if (before.intendedPurpose.trim() !== after.intendedPurpose.trim()) reasons.push("purpose")
  if (before.riskClass !== after.riskClass) reasons.push("risk_class")
  return reasons
}

/** Statuses of systems staff can use, and so list among "the AI tools you use" in the survey. */
export const IN_USE_STATUSES: readonly SystemStatus[] = ["prototype", "demo", "solution", "in_operation"]

/** The survey's tool answer id of a registered system ("tools.system_12" once the form adds "tools."). */
export const toolKeyOf = (systemId: number) => `system_${systemId}`

/** The register system an answered tool id names, or null for the instrument's own short list. */
export function systemIdOfTool(itemId: string): number | null {
  const m = /^tools\.system_([1-9][0-9]*)$/.exec(itemId)
  return m ? Number(m[1]) : null
}

/** Whether `unitPath` ("/1/4/9/") lies within any of the units (a unit's own id or an ancestor's). */
export function isWithinUnits(unitPath: string, unitIds: readonly number[]): boolean {
  return unitIds.some((id) => unitPath.includes(`/${id}/`))
}

/** The canonical text a training record's signature covers: fixed key order, no whitespace. */
export function recordPayload(r: {
  code: string
  personName: string
  contentKey: string
  contentVersion: string
  completedAt: Date
  score: number
  correctsCode: string | null
}): string {
  return JSON.stringify([
    "parat-training-record-v1",
    r.code,
    r.personName,
    r.contentKey,
    r.contentVersion,
    r.completedAt.toISOString(),
    r.score,
    r.correctsCode,
  ])
}

/** Verification codes: 16 characters from an alphabet without look-alikes, shown in groups of four. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
export const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/

export function formatCode(bytes: Uint8Array): string {
  let out = ""
  for (let i = 0; i < 16; i++) out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length]
  return out.match(/.{4}/g)!.join("-")
}
