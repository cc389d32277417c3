// Survey cycles from the admin's side: create, target units, open (invite), close, and participation counts.
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm"
import {
  decideParticipationCounts,
  type ParticipationAtom,
  type ShownCount,
  showCount,
} from "~/domain/admin-counts"
import { flattenTree } from "~/domain/admin-tree"
import type { CalendarDay } from "~/domain/calendar"
import { effectiveK } from "~/domain/disclosure"
import { cyclePhase } from "~/domain/survey"
import { env } from "~/env.server"
import { recordAudit } from "./audit.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { DEFAULT_REMINDER_DAYS, enqueueInvitations } from "./mail.server"
import { takeLearningSnapshot } from "./reports/learning-snapshot.server"
import { type Phases, phaseClock, publishClosedCycles, publishCycle } from "./reports/publish.server"

const { cycles, cycleUnits, cycleInvitations, instrumentVersions, publishedCycles, units } = schema

/** The stored versions, newest first: the current file's version (v2) is stored first, so a new cycle defaults to it. */
export function listInstrumentVersions(db: Db = getDb()) {
  return db
    .select({
      hash: instrumentVersions.hash,
      key: instrumentVersions.key,
      version: instrumentVersions.version,
      loadedAt: instrumentVersions.loadedAt,
    })
    .from(instrumentVersions)
    .orderBy(asc(instrumentVersions.key), desc(instrumentVersions.version), desc(instrumentVersions.loadedAt))
    .all()
}

export function listCycles(db: Db = getDb(), now = new Date()) {
  const invited = db
    .select({ cycleId: cycleInvitations.cycleId, n: count().as("n") })
    .from(cycleInvitations)
    .groupBy(cycleInvitations.cycleId)
    .as("invited")
  return db
    .select({
      id: cycles.id,
      name: cycles.name,
      status: cycles.status,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      minGroupSize: cycles.minGroupSize,
      instrumentKey: instrumentVersions.key,
      instrumentVersion: instrumentVersions.version,
      invited: sql<number>`coalesce(${invited.n}, 0)`,
    })
    .from(cycles)
    .innerJoin(instrumentVersions, eq(instrumentVersions.hash, cycles.instrumentHash))
    .leftJoin(invited, eq(invited.cycleId, cycles.id))
    .orderBy(desc(cycles.opensOn), desc(cycles.id))
    .all()
    .map((cycle) => ({ ...cycle, phase: cyclePhase(cycle, now) }))
}

export type CycleInput = {
  name: string
  instrumentHash: string
  unitIds: number[]
  opensOn: CalendarDay
  closesOn: CalendarDay
}

export type CycleOutcome =
  | { ok: true; id: number }
  | {
      ok: false
      reason:
        | "not_found"
        | "instrument_not_found"
        | "unit_not_found"
        | "dates"
        | "no_units"
        | "not_draft"
        | "not_open"
    }

/** Creates a draft cycle over the given units; actorId null is the seed. */
export function createCycle(actorId: number | null, input: CycleInput, db: DbOrTx = getDb()): CycleOutcome {
  const unitIds = [...new Set(input.unitIds)]
  if (unitIds.length === 0) return { ok: false, reason: "no_units" }
  if (input.closesOn < input.opensOn) return { ok: false, reason: "dates" }
  const instrument = db
    .select({ hash: instrumentVersions.hash })
    .from(instrumentVersions)
    .where(eq(instrumentVersions.hash, input.instrumentHash))
    .get()
  if (!instrument) return { ok: false, reason: "instrument_not_found" }
  const found = db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, unitIds), isNull(units.retiredAt)))
    .all()
  if (found.length !== unitIds.length) return { ok: false, reason: "unit_not_found" }
  const id = db.transaction((tx) => {
    const { id } = tx
      .insert(cycles)
      .values({
        name: input.name,
        instrumentHash: input.instrumentHash,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        status: "draft",
        minGroupSize: env.PARAT_MIN_GROUP_SIZE,
        reminderDays: DEFAULT_REMINDER_DAYS,
      })
      .returning({ id: cycles.id })
      .get()
    tx.insert(cycleUnits)
      .values(unitIds.map((unitId) => ({ cycleId: id, unitId })))
      .run()
    recordAudit(tx, actorId, "cycle.create", `cycle:${id}`, {
      name: input.name,
      instrumentHash: input.instrumentHash,
      unitIds,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
    })
    return id
  })
  return { ok: true, id }
}

// Active people whose unit lies in a subtree the cycle targets (a path prefix match per targeted unit).
const targetedPeople = (cycleId: number) => sql`
  select distinct p.id as person_id, p.unit_id, p.job_family
  from people p
  join units u on u.id = p.unit_id
  join cycle_units cu on cu.cycle_id = ${cycleId}
  join units t on t.id = cu.unit_id
  where p.is_active = 1 and substr(u.path, 1, length(t.path)) = t.path`

/** Invites the active people in the cycle's targeted subtrees as they are now (unit and job family); idempotent. */
export function inviteTargetedPeople(db: DbOrTx, cycleId: number) {
  db.run(sql`insert or ignore into cycle_invitations (cycle_id, person_id, unit_id, job_family)
    select ${cycleId}, person_id, unit_id, job_family from (${targetedPeople(cycleId)})`)
}

/**
 * Opens a draft cycle: invites the active people in the targeted subtrees as they are now (and queues their
 * invitation e-mails) and fixes k (PARAT_MIN_GROUP_SIZE) for the cycle, so a later change of the setting cannot
 * open a closed view.
 */
export function openCycle(
  actorId: number,
  id: number,
  db: Db = getDb(),
  minGroupSize: number = env.PARAT_MIN_GROUP_SIZE,
  now = new Date(),
): CycleOutcome {
  const cycle = db
    .select({ status: cycles.status, name: cycles.name })
    .from(cycles)
    .where(eq(cycles.id, id))
    .get()
  if (!cycle) return { ok: false, reason: "not_found" }
  if (cycle.status !== "draft") return { ok: false, reason: "not_draft" }
  db.transaction((tx) => {
    tx.update(cycles).set({ status: "open", minGroupSize, openedAt: now }).where(eq(cycles.id, id)).run()
    inviteTargetedPeople(tx, id)
    enqueueInvitations(tx, id, now)
    const invited = tx
      .select({ n: count() })
      .from(cycleInvitations)
      .where(eq(cycleInvitations.cycleId, id))
      .get()?.n
    recordAudit(tx, actorId, "cycle.open", `cycle:${id}`, { name: cycle.name, invited, minGroupSize })
  })
  return { ok: true, id }
}

export function closeCycle(actorId: number, id: number, db: Db = getDb()): CycleOutcome {
  const cycle = db
    .select({ status: cycles.status, name: cycles.name })
    .from(cycles)
    .where(eq(cycles.id, id))
    .get()
  if (!cycle) return { ok: false, reason: "not_found" }
  if (cycle.status !== "open") return { ok: false, reason: "not_open" }
  db.transaction((tx) => {
    const published = closeAndPublish(db, id)
    recordAudit(tx, actorId, "cycle.close", `cycle:${id}`, { name: cycle.name, ...published })
  })
  return { ok: true, id }
}

/**
 * Closes a cycle and decides, once, everything it will ever publish (app/services/reports/publish.server.ts), and
 * takes a dated snapshot of learning progress under the same rule (learning-snapshot.server.ts).
 * Synchronous: runs inside the caller's transaction (the admin's close, or the demo seed's past cycles).
 * `phases`, when given, gets the seconds spent in each phase (npm run bench prints them).
 */
export function closeAndPublish(db: Db, id: number, now = new Date(), phases?: Phases) {
  db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, id)).run()
  const { cellsWithPeople, hiddenSmall, hiddenByCohort, hiddenByAudit, hiddenAcrossCycles } = publishCycle(
    db,
    id,
    now,
    phases,
  )
  const phase = phaseClock(phases)
  const learning = takeLearningSnapshot(db, now)
  phase("learning snapshot")
  return {
    cellsWithPeople,
    hiddenSmall,
    hiddenByCohort,
    hiddenByAudit,
    hiddenAcrossCycles,
    learningSnapshot: learning.snapshotId,
  }
}

export type ParticipationRow = {
  unitId: number
  name: string
  code: string
  depth: number
  isRetired: boolean
  invited: ShownCount
  submitted: ShownCount
}

/**
 * A cycle with its targets and participation per unit (subtree sums), under the reports' disclosure rule: every
 * count below k is withheld, and so is any count from which a small group could be worked out.
 */
export function getCycleDetail(id: number, db: Db = getDb(), now = new Date()) {
  const row = db
    .select({
      id: cycles.id,
      name: cycles.name,
      status: cycles.status,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      minGroupSize: cycles.minGroupSize,
      reminderDays: cycles.reminderDays,
      instrumentHash: cycles.instrumentHash,
      instrumentKey: instrumentVersions.key,
      instrumentVersion: instrumentVersions.version,
    })
    .from(cycles)
    .innerJoin(instrumentVersions, eq(instrumentVersions.hash, cycles.instrumentHash))
    .where(eq(cycles.id, id))
    .get()
  if (!row) return null
  const cycle = { ...row, phase: cyclePhase(row, now) }
  const k = cycle.status === "draft" ? env.PARAT_MIN_GROUP_SIZE : cycle.minGroupSize
  const targets = db
    .select({ id: units.id, name: units.name, code: units.code, path: units.path })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(eq(cycleUnits.cycleId, id))
    .orderBy(asc(units.path))
    .all()

  if (cycle.status === "draft") {
    // Before opening: how many would be invited today.
    const wouldInvite = db.get<{ n: number }>(sql`select count(*) as n from (${targetedPeople(id)})`)?.n ?? 0
    return { cycle, k, targets, wouldInvite: showCount(wouldInvite, k), totals: null, rows: [] }
  }

  if (cycle.status === "closed") {
    const published = publishedParticipation(db, id)
    return {
      cycle,
      k: published.k,
      targets,
      wouldInvite: null,
      totals: published.totals,
      rows: published.rows,
    }
  }

  // An open cycle: invited and submitted people per unit and job family (the unit they were invited in), decided
  // by the reports' disclosure rule and exact audit over today's tree (app/domain/admin-counts.ts).
  const atoms = db.all<ParticipationAtom>(sql`
    select i.unit_id as unitId, i.job_family as family, count(*) as invited,
      sum(case when r.status = 'submitted' then 1 else 0 end) as submitted
    from cycle_invitations i
    left join responses r on r.cycle_id = i.cycle_id and r.person_id = i.person_id
    where i.cycle_id = ${id}
    group by 1, 2`)
  const allUnits = db
    .select({
      id: units.id,
      name: units.name,
      code: units.code,
      parentId: units.parentId,
      path: units.path,
      retiredAt: units.retiredAt,
    })
    .from(units)
    .all()
  const counts = decideParticipationCounts(allUnits, atoms, k)
  const hiddenCounts = { invited: { kind: "hidden" }, submitted: { kind: "hidden" } } as const

  const targetPaths = targets.map((t) => t.path)
  const rows: ParticipationRow[] = flattenTree(
    allUnits
      .filter((u) => targetPaths.some((p) => u.path.startsWith(p)))
      .map((u) => ({ ...u, isRetired: u.retiredAt !== null })),
  ).map(({ unit, depth }) => ({
    unitId: unit.id,
    name: unit.name,
    code: unit.code,
    depth,
    isRetired: unit.isRetired,
    ...(counts.get(unit.id) ?? hiddenCounts),
  }))
  // The total is the root's subtree: the targets' common top, shown under the same rule.
  const root = allUnits.find((u) => u.parentId === null && targetPaths.some((p) => p.startsWith(u.path)))
  return {
    cycle,
    k,
    targets,
    wouldInvite: null,
    totals: (root && counts.get(root.id)) ?? hiddenCounts,
    rows,
  }
}

/**
 * A closed cycle's participation as its publication shows it (app/services/reports/publish.server.ts): the tree
 * as it stood at close (the targeted subtrees then, names, depths, retired then) and only the cells the
 * publication shows, the same figures a manager sees, with the publication's k. A hidden cell was never stored, so
 * nothing here can say whether it was small. A later move, rename, retirement or change of k changes nothing here.
 */
function publishedParticipation(db: Db, id: number) {
  // A cycle closed before publications existed (an older database) is published now, as the reports do.
  if (
    !db
      .select({ id: publishedCycles.cycleId })
      .from(publishedCycles)
      .where(eq(publishedCycles.cycleId, id))
      .get()
  )
    publishClosedCycles(db)
  const publication = db
    .select({ k: publishedCycles.k, publishedAt: publishedCycles.publishedAt })
    .from(publishedCycles)
    .where(eq(publishedCycles.cycleId, id))
    .get()
  const closedAt = publication?.publishedAt.getTime() ?? 0
  const tree = db.all<{
    id: number
    name: string
    parentId: number | null
    path: string
    code: string | null
    retiredAt: number | null
    invited: number | null
    submitted: number | null
  }>(sql`
    select p.unit_id as id, p.name, p.parent_id as parentId, p.path, u.code, u.retired_at as retiredAt,
      c.invited, c.submitted
    from published_units p
    left join units u on u.id = p.unit_id
    left join published_cells c on c.cycle_id = p.cycle_id and c.unit_id = p.unit_id and c.slice = 'all'
    where p.cycle_id = ${id}`)
  const targetIds = new Set(
    db
      .select({ unitId: cycleUnits.unitId })
      .from(cycleUnits)
      .where(eq(cycleUnits.cycleId, id))
      .all()
      .map((t) => t.unitId),
  )
  const targetPaths = tree.filter((u) => targetIds.has(u.id)).map((u) => u.path)
  const counts = (u: (typeof tree)[number]) => ({
    invited: u.invited === null ? HIDDEN : ({ kind: "count", n: u.invited } as const),
    submitted: u.submitted === null ? HIDDEN : ({ kind: "count", n: u.submitted } as const),
  })
  const rows: ParticipationRow[] = flattenTree(
    tree
      .filter((u) => targetPaths.some((p) => u.path.startsWith(p)))
      // retired when the cycle closed, not since
      .map((u) => ({ ...u, code: u.code ?? "", isRetired: u.retiredAt !== null && u.retiredAt <= closedAt })),
  ).map(({ unit, depth }) => ({
    unitId: unit.id,
    name: unit.name,
    code: unit.code,
    depth,
    isRetired: unit.isRetired,
    ...counts(unit),
  }))
  const root = tree.find((u) => u.parentId === null && targetPaths.some((p) => p.startsWith(u.path)))
  return {
    k: publication?.k ?? effectiveK(env.PARAT_MIN_GROUP_SIZE),
    totals: root ? counts(root) : { invited: HIDDEN, submitted: HIDDEN },
    rows,
  }
}
const HIDDEN = { kind: "hidden" } as const

/** The days after opening on which non-submitters are reminded; a closed cycle's schedule no longer matters. */
export function setReminderDays(
  actorId: number | null,
  id: number,
  reminderDays: number[],
  db: DbOrTx = getDb(),
): CycleOutcome {
  const cycle = db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, id)).get()
  if (!cycle) return { ok: false, reason: "not_found" }
  if (cycle.status === "closed") return { ok: false, reason: "not_open" }
  db.transaction((tx) => {
    tx.update(cycles).set({ reminderDays }).where(eq(cycles.id, id)).run()
    recordAudit(tx, actorId, "cycle.reminders", `cycle:${id}`, { reminderDays })
  })
  return { ok: true, id }
}
