// The AI-system register: systems, their versions, training requirements, and each person's status on them.
// Only training records are read here, never survey answers or levels (they stay in results.server.ts and the
// learning path; see docs/decisions for why the two are kept apart).
import { and, asc, desc, eq, inArray } from "drizzle-orm"
import {
  countCoverage,
  type DueAgainEvent,
  dueAgainReasons,
  IN_USE_STATUSES,
  isWithinUnits,
  type MdrClass,
  type Requirement,
  type RequirementState,
  type RequirementStatus,
  type RiskClass,
  requirementStatus,
  type SystemStatus,
  type TrainingRecord,
  toolKeyOf,
} from "~/domain/ai-register"
import { contentKeyOf } from "~/domain/local-instruction"
import type { JobFamily } from "~/domain/vocabulary"
import type { Lang } from "~/i18n/config"
import { recordAudit } from "./audit.server"
import type { SessionUser } from "./auth.server"
import { getManagerScopeUnitIds } from "./auth.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { appendRecord } from "./training-records.server"

const {
  aiSystems,
  aiSystemUnits,
  aiSystemVersions,
  aiRequirements,
  dueAgainEvents,
  trainingRecords,
  people,
  units,
  modules,
  localInstructions,
} = schema

type Viewer = Pick<SessionUser, "id" | "role">

export type SystemInput = {
  name: string
  supplier: string
  intendedPurpose: string
  status: SystemStatus
  riskClass: RiskClass
  mdrClass: MdrClass
  isGenerative: boolean
  contactName: string
  handbookPhase: string | null
  unitIds: number[]
}

// ---------------------------------------------------------------- scope

function unitPaths(db: Db) {
  return new Map(
    db
      .select({ id: units.id, path: units.path })
      .from(units)
      .all()
      .map((u) => [u.id, u.path]),
  )
}

/** The manager's subtrees (their scope units); null for an admin, who sees everything. */
function scopeOf(viewer: Viewer, db: Db): number[] | null {
  if (viewer.role === "admin") return null
  if (viewer.role === "manager") return getManagerScopeUnitIds(viewer.id, db)
  return []
}

function systemUnitIds(db: DbOrTx) {
  const map = new Map<number, number[]>()
  for (const row of db.select().from(aiSystemUnits).all()) {
    if (!map.has(row.systemId)) map.set(row.systemId, [])
    map.get(row.systemId)!.push(row.unitId)
  }
  return map
}

/** A manager sees a system used in or above their units; edits it only when all its units are within theirs. */
function access(unitIds: number[], scope: number[] | null, paths: Map<number, string>) {
  if (scope === null) return { canSee: true, canEdit: true }
  const inScope = (id: number) => isWithinUnits(paths.get(id) ?? "", scope)
  const aboveScope = (id: number) => scope.some((s) => isWithinUnits(paths.get(s) ?? "", [id]))
  return {
    canSee: unitIds.some((id) => inScope(id) || aboveScope(id)),
    canEdit: unitIds.length > 0 && unitIds.every(inScope),
  }
}

/** The units a manager may assign a system to: those in their subtrees; every active unit for an admin. */
export function assignableUnits(viewer: Viewer, db: Db = getDb()) {
  const scope = scopeOf(viewer, db)
  return db
    .select({
      id: units.id,
      name: units.name,
      path: units.path,
      kind: units.kind,
      retiredAt: units.retiredAt,
    })
    .from(units)
    .orderBy(asc(units.path))
    .all()
    .filter((u) => u.retiredAt === null && (scope === null || isWithinUnits(u.path, scope)))
    .map((u) => ({ id: u.id, name: u.name, depth: u.path.split("/").length - 3 }))
}

// ---------------------------------------------------------------- the register

export function listSystems(viewer: Viewer, db: Db = getDb()) {
  const scope = scopeOf(viewer, db)
  const paths = unitPaths(db)
  const byId = systemUnitIds(db)
  const names = new Map(
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .all()
      .map((u) => [u.id, u.name]),
  )
  return db
    .select()
    .from(aiSystems)
    .orderBy(asc(aiSystems.name))
    .all()
    .map((s) => {
      const unitIds = byId.get(s.id) ?? []
      return {
        ...s,
        unitIds,
        unitNames: unitIds.map((id) => names.get(id) ?? ""),
        ...access(unitIds, scope, paths),
      }
    })
    .filter((s) => s.canSee)
}

export function getSystem(viewer: Viewer, id: number, db: Db = getDb()) {
  const system = listSystems(viewer, db).find((s) => s.id === id)
  if (!system) return null
  const versions = db
    .select({
      version: aiSystemVersions.version,
      snapshot: aiSystemVersions.snapshot,
      changedAt: aiSystemVersions.changedAt,
      changedBy: people.name,
    })
    .from(aiSystemVersions)
    .leftJoin(people, eq(people.id, aiSystemVersions.changedBy))
    .where(eq(aiSystemVersions.systemId, id))
    .orderBy(desc(aiSystemVersions.version))
    .all()
  const requirements = requirementRows(db)
    .filter((r) => r.systemId === id)
    .sort((a, b) => a.jobFamily.localeCompare(b.jobFamily) || a.contentKey.localeCompare(b.contentKey))
  return { system, versions, requirements }
}

export type RegisterOutcome = { ok: true; id: number } | { ok: false; reason: "forbidden" | "not_found" }

function snapshotOf(input: SystemInput) {
  return { ...input, unitIds: [...input.unitIds].sort((a, b) => a - b) }
}

export function createSystem(
  actor: Viewer,
  input: SystemInput,
  db: Db = getDb(),
  now = new Date(),
): RegisterOutcome {
  const scope = scopeOf(actor, db)
  if (!access(input.unitIds, scope, unitPaths(db)).canEdit) return { ok: false, reason: "forbidden" }
  return db.transaction((tx) => {
    const { unitIds, ...fields } = input
    const { id } = tx
      .insert(aiSystems)
      .values({ ...fields, version: 1, updatedAt: now, updatedBy: actor.id })
      .returning({ id: aiSystems.id })
      .get()
    for (const unitId of unitIds) tx.insert(aiSystemUnits).values({ systemId: id, unitId }).run()
    tx.insert(aiSystemVersions)
      .values({ systemId: id, version: 1, snapshot: snapshotOf(input), changedBy: actor.id, changedAt: now })
      .run()
    recordAudit(tx, actor.id, "register.create", `ai_system:${id}`, { name: input.name })
    return { ok: true as const, id }
  })
}

/** Saves a new version; a change of scope, purpose or risk class makes the system's requirements due again. */
export function updateSystem(
  actor: Viewer,
  id: number,
  input: SystemInput,
  db: Db = getDb(),
  now = new Date(),
): RegisterOutcome {
  const scope = scopeOf(actor, db)
  const paths = unitPaths(db)
  const current = db.select().from(aiSystems).where(eq(aiSystems.id, id)).get()
  if (!current) return { ok: false, reason: "not_found" }
  const before = systemUnitIds(db).get(id) ?? []
  if (!access(before, scope, paths).canEdit || !access(input.unitIds, scope, paths).canEdit)
    return { ok: false, reason: "forbidden" }
  return db.transaction((tx) => {
    const { unitIds, ...fields } = input
    const version = current.version + 1
    tx.update(aiSystems)
      .set({ ...fields, version, updatedAt: now, updatedBy: actor.id })
      .where(eq(aiSystems.id, id))
      .run()
    tx.delete(aiSystemUnits).where(eq(aiSystemUnits.systemId, id)).run()
    for (const unitId of unitIds) tx.insert(aiSystemUnits).values({ systemId: id, unitId }).run()
    tx.insert(aiSystemVersions)
      .values({ systemId: id, version, snapshot: snapshotOf(input), changedBy: actor.id, changedAt: now })
      .run()
    const reasons = dueAgainReasons({ ...current, unitIds: before }, input)
    for (const reason of reasons)
      tx.insert(dueAgainEvents).values({ reason, systemId: id, at: now, actorId: actor.id }).run()
    recordAudit(tx, actor.id, "register.update", `ai_system:${id}`, { version, dueAgain: reasons })
    return { ok: true as const, id }
  })
}

export type RequirementInput = {
  /** a course module, or else a local instruction: exactly one is set */
  moduleSlug: string | null
  instructionId: number | null
  jobFamily: JobFamily
  refreshMonths: number | null
  graceDays: number
}

export function addRequirement(
  actor: Viewer,
  systemId: number,
  input: RequirementInput,
  db: Db = getDb(),
  now = new Date(),
): RegisterOutcome | { ok: false; reason: "unknown_module" | "duplicate" } {
  const system = listSystems(actor, db).find((s) => s.id === systemId)
  if (!system) return { ok: false, reason: "not_found" }
  if (!system.canEdit) return { ok: false, reason: "forbidden" }
  if ((input.moduleSlug === null) === (input.instructionId === null))
    return { ok: false, reason: "unknown_module" }
  if (input.moduleSlug !== null) {
    const module = db.select().from(modules).where(eq(modules.slug, input.moduleSlug)).get()
    if (!module || module.removedAt) return { ok: false, reason: "unknown_module" }
  } else if (
    !db
      .select({ id: localInstructions.id })
      .from(localInstructions)
      .where(eq(localInstructions.id, input.instructionId ?? 0))
      .get()
  )
    return { ok: false, reason: "unknown_module" }
  const row = db
    .insert(aiRequirements)
    .values({ systemId, ...input, createdAt: now, createdBy: actor.id })
    .onConflictDoNothing()
    .returning({ id: aiRequirements.id })
    .get()
  if (!row) return { ok: false, reason: "duplicate" }
  recordAudit(db, actor.id, "register.requirement", `ai_system:${systemId}`, { ...input })
  return { ok: true, id: row.id }
}

/** An admin marks a module as changed in substance: every requirement on it becomes due again. */
export function markModuleChanged(actor: Viewer, slug: string, db: Db = getDb(), now = new Date()) {
  if (actor.role !== "admin") return { ok: false as const, reason: "forbidden" as const }
  if (!db.select().from(modules).where(eq(modules.slug, slug)).get())
    return { ok: false as const, reason: "not_found" as const }
  db.insert(dueAgainEvents).values({ reason: "content", moduleSlug: slug, at: now, actorId: actor.id }).run()
  recordAudit(db, actor.id, "register.module_changed", `module:${slug}`, {})
  return { ok: true as const }
}

/** The modules required anywhere, for the "mark changed" list. */
export function requiredModules(db: Db = getDb()) {
  const slugs = [
    ...new Set(
      db
        .select({ s: aiRequirements.moduleSlug })
        .from(aiRequirements)
        .all()
        .flatMap((r) => (r.s === null ? [] : [r.s])),
    ),
  ]
  if (slugs.length === 0) return []
  return db
    .select({ slug: modules.slug, title: modules.title })
    .from(modules)
    .where(inArray(modules.slug, slugs))
    .all()
}

// ---------------------------------------------------------------- statuses

function loadEvents(db: Db): DueAgainEvent[] {
  return db
    .select()
    .from(dueAgainEvents)
    .all()
    .map((e) =>
      e.reason === "content"
        ? { reason: "content", contentKey: contentKeyOf(e), at: e.at }
        : { reason: e.reason, systemId: e.systemId ?? 0, at: e.at },
    )
}

/** Every requirement with the domain's content key, a title and where the learner completes it. */
function requirementRows(db: Db) {
  return db
    .select({ r: aiRequirements, moduleTitle: modules.title, instructionTitle: localInstructions.title })
    .from(aiRequirements)
    .leftJoin(modules, eq(modules.slug, aiRequirements.moduleSlug))
    .leftJoin(localInstructions, eq(localInstructions.id, aiRequirements.instructionId))
    .all()
    .map(({ r, moduleTitle, instructionTitle }) => ({
      ...r,
      contentKey: contentKeyOf(r),
      title: moduleTitle ?? instructionTitle ?? { da: "", en: "" },
      href:
        r.instructionId !== null
          ? `/learn/instructions/${r.instructionId}`
          : `/learn/modules/${r.moduleSlug}`,
    }))
}

function loadRecords(personIds: number[], db: Db) {
  const byPerson = new Map<
    number,
    (TrainingRecord & { code: string; contentVersion: string; score: number })[]
  >()
  if (personIds.length === 0) return byPerson
  for (const r of db
    .select()
    .from(trainingRecords)
    .where(inArray(trainingRecords.personId, personIds))
    .orderBy(asc(trainingRecords.id))
    .all()) {
    if (!byPerson.has(r.personId)) byPerson.set(r.personId, [])
    byPerson.get(r.personId)!.push({ ...r, contentKey: contentKeyOf(r) })
  }
  return byPerson
}

type Person = {
  id: number
  name: string
  jobFamily: JobFamily
  unitId: number
  unitPath: string
  unitName: string
}

type StatusRow = {
  person: Person
  system: { id: number; name: string }
  requirement: Requirement & { title: { da: string; en: string }; href: string }
  status: RequirementStatus
  record: { code: string; contentVersion: string; completedAt: Date; score: number } | null
}

/** Every (person, requirement) pair that applies, with its status: the one computation every page and export uses. */
function statuses(persons: Person[], systemFilter: number | null, db: Db, now: Date): StatusRow[] {
  const systems = db
    .select()
    .from(aiSystems)
    .all()
    .filter((s) => s.status !== "retired")
  const unitsBySystem = systemUnitIds(db)
  const reqs = requirementRows(db)
  const events = loadEvents(db)
  const records = loadRecords(
    persons.map((p) => p.id),
    db,
  )
  const rows: StatusRow[] = []
  for (const system of systems) {
    if (systemFilter !== null && system.id !== systemFilter) continue
    const systemUnits = unitsBySystem.get(system.id) ?? []
    for (const r of reqs.filter((x) => x.systemId === system.id)) {
      for (const person of persons) {
        if (person.jobFamily !== r.jobFamily || !isWithinUnits(person.unitPath, systemUnits)) continue
        const own = records.get(person.id) ?? []
        const status = requirementStatus({
          requirement: r,
          jobFamily: person.jobFamily,
          usesSystem: true,
          records: own,
          events,
          now,
        })
        const rec = own.find((x) => x.id === status.recordId)
        rows.push({
          person,
          system: { id: system.id, name: system.name },
          requirement: r,
          status,
          record: rec
            ? {
                code: rec.code,
                contentVersion: rec.contentVersion,
                completedAt: rec.completedAt,
                score: rec.score,
              }
            : null,
        })
      }
    }
  }
  return rows
}

function personsWhere(filter: { personId?: number; unitScope?: number[] | null }, db: DbOrTx): Person[] {
  const all = db
    .select({
      id: people.id,
      name: people.name,
      jobFamily: people.jobFamily,
      unitId: people.unitId,
      unitPath: units.path,
      unitName: units.name,
      isActive: people.isActive,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(filter.personId !== undefined ? eq(people.id, filter.personId) : undefined)
    .all()
  return all.filter(
    (p) => p.isActive && (filter.unitScope == null || isWithinUnits(p.unitPath, filter.unitScope)),
  )
}

/** "Required for your work": the person's requirements with status and due date. */
export function requiredForPerson(personId: number, db: Db = getDb(), now = new Date()) {
  return statuses(personsWhere({ personId }, db), null, db, now).map((row) => ({
    systemName: row.system.name,
    contentKey: row.requirement.contentKey,
    href: row.requirement.href,
    title: row.requirement.title,
    state: row.status.state,
    dueAt: row.status.dueAt,
    cause: row.status.cause,
    code: row.status.state === "done" ? (row.record?.code ?? null) : null,
  }))
}

/**
 * The manager's (or admin's) view: per person and required module, in the viewer's units, optionally one unit
 * and one system. Also the evidence export's rows, so the page and the CSV cannot disagree.
 */
export function coverage(
  viewer: Viewer,
  filter: { unitId?: number | null; systemId?: number | null },
  db: Db = getDb(),
  now = new Date(),
) {
  const scope = scopeOf(viewer, db)
  if (scope !== null && scope.length === 0) return null
  let unitScope = scope
  if (filter.unitId) {
    const path = unitPaths(db).get(filter.unitId)
    if (!path || (scope !== null && !isWithinUnits(path, scope))) return null
    unitScope = [filter.unitId]
  }
  const rows = statuses(personsWhere({ unitScope }, db), filter.systemId ?? null, db, now)
  rows.sort(
    (a, b) =>
      a.system.name.localeCompare(b.system.name) ||
      a.person.unitName.localeCompare(b.person.unitName) ||
      a.person.name.localeCompare(b.person.name) ||
      a.requirement.contentKey.localeCompare(b.requirement.contentKey),
  )
  const bySystem = new Map<number, { id: number; name: string; counts: ReturnType<typeof countCoverage> }>()
  for (const system of new Map(rows.map((r) => [r.system.id, r.system])).values())
    bySystem.set(system.id, {
      ...system,
      counts: countCoverage(rows.filter((r) => r.system.id === system.id).map((r) => r.status.state)),
    })
  return {
    rows: rows.map((r) => ({
      personName: r.person.name,
      unitName: r.person.unitName,
      jobFamily: r.person.jobFamily,
      systemId: r.system.id,
      systemName: r.system.name,
      contentKey: r.requirement.contentKey,
      title: r.requirement.title,
      refreshMonths: r.requirement.refreshMonths,
      state: r.status.state,
      dueAt: r.status.dueAt,
      record: r.record,
    })),
    systems: [...bySystem.values()],
    totals: countCoverage(rows.map((r) => r.status.state)),
  }
}

/** The units a viewer may filter the coverage by. */
export function coverageUnits(viewer: Viewer, db: Db = getDb()) {
  return assignableUnits(viewer, db)
}

// ---------------------------------------------------------------- the hook from learning

/**
 * Called in the quiz's transaction when a person passes a module: if the module is required of them for a system
 * in use in their unit, a signed training record is appended (scored on the server, by the caller).
 */
export function recordIfRequired(personId: number, moduleSlug: string, score: number, db: DbOrTx, now: Date) {
  const person = personsWhere({ personId }, db)[0]
  if (!person) return null
  const required = db
    .select({ systemId: aiRequirements.systemId })
    .from(aiRequirements)
    .innerJoin(aiSystems, eq(aiSystems.id, aiRequirements.systemId))
    .where(and(eq(aiRequirements.moduleSlug, moduleSlug), eq(aiRequirements.jobFamily, person.jobFamily)))
    .all()
  if (required.length === 0) return null
  const unitsBySystem = systemUnitIds(db)
  const retired = new Set(
    db
      .select({ id: aiSystems.id })
      .from(aiSystems)
      .where(eq(aiSystems.status, "retired"))
      .all()
      .map((s) => s.id),
  )
  const applies = required.some(
    (r) => !retired.has(r.systemId) && isWithinUnits(person.unitPath, unitsBySystem.get(r.systemId) ?? []),
  )
  if (!applies) return null
  return appendRecord({ personId, moduleSlug, score, completedAt: now }, db)
}

/**
 * The register's systems in use in a person's unit (or above it), as the survey's "Which AI tools do you use" list:
 * the answer's id names the system (toolKeyOf), so reports can count use per system.
 */
export function toolSystemsForPerson(personId: number, db: Db = getDb()) {
  const person = personsWhere({ personId }, db)[0]
  if (!person) return []
  const unitsBySystem = systemUnitIds(db)
  return db
    .select({ id: aiSystems.id, name: aiSystems.name, status: aiSystems.status })
    .from(aiSystems)
    .orderBy(asc(aiSystems.name))
    .all()
    .filter(
      (s) =>
        IN_USE_STATUSES.includes(s.status) && isWithinUnits(person.unitPath, unitsBySystem.get(s.id) ?? []),
    )
    .map((s) => ({ id: toolKeyOf(s.id), name: { da: s.name, en: s.name } }))
}

/** The catalogue's modules, for choosing a requirement. */
export function moduleOptions(db: Db = getDb()) {
  return db
    .select({ slug: modules.slug, title: modules.title, removedAt: modules.removedAt })
    .from(modules)
    .orderBy(asc(modules.slug))
    .all()
    .filter((m) => m.removedAt === null)
}

/** The evidence export as CSV rows: the same coverage() rows the page shows, one per person and requirement. */
export function evidenceCsvRows(
  viewer: Viewer,
  filter: { unitId?: number | null; systemId?: number | null },
  labels: {
    headers: string[]
    lang: Lang
    jobFamily: (family: JobFamily) => string
    state: (state: RequirementState) => string
  },
  db: Db = getDb(),
  now = new Date(),
) {
  const data = coverage(viewer, filter, db, now)
  if (!data) return null
  const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "")
  return [
    labels.headers,
    ...data.rows.map((r) => [
      r.systemName,
      r.unitName,
      r.personName,
      labels.jobFamily(r.jobFamily),
      r.title[labels.lang],
      labels.state(r.state),
      day(r.dueAt),
      day(r.record?.completedAt),
      r.record?.contentVersion ?? "",
      r.record?.code ?? "",
    ]),
  ]
}
