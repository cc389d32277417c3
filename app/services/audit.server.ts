import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm"
import type { AuditAction } from "~/domain/admin-audit"
import { type AuditNames, auditRefs } from "~/domain/audit-details"
import { type Db, getDb, schema } from "./db.server"

const { auditLog, people, units, cycles } = schema

export { AUDIT_ACTIONS, type AuditAction } from "~/domain/admin-audit"

/** A database or a transaction: audit rows are written in the same transaction as the change they describe. */
export type Writer = Pick<Db, "insert">

export function recordAudit(
  db: Writer,
  actorId: number | null,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> = {},
) {
  db.insert(auditLog).values({ at: new Date(), actorId, action, target, details }).run()
}

/** A manager took a report out of Parat (a file can travel where the page cannot): who, which unit, cycle, filter. */
export function recordReportExport(
  actorId: number,
  report: { unitId: number; cycleId?: number; jobFamily?: string; format: "csv" },
  db: Db = getDb(),
) {
  recordAudit(db, actorId, "report.export", `unit:${report.unitId}`, {
    format: report.format,
    cycleId: report.cycleId ?? null,
    jobFamily: report.jobFamily ?? null,
  })
}

export type AuditFilter = { action?: AuditAction; actorId?: number; from?: Date; to?: Date; page: number }
export const AUDIT_PAGE_SIZE = 50

/** Newest first, one page at a time. */
export function listAudit(filter: AuditFilter, db: Db = getDb()) {
  const where: SQL[] = []
  if (filter.action) where.push(eq(auditLog.action, filter.action))
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId))
  if (filter.from) where.push(gte(auditLog.at, filter.from))
  if (filter.to) where.push(lt(auditLog.at, filter.to))
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      actorName: people.name,
      actorEmail: people.email,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .all()
  const entries = rows.slice(0, AUDIT_PAGE_SIZE)
  return { entries, names: namesOf(entries, db), hasMore: rows.length > AUDIT_PAGE_SIZE }
}

/** The names of the people, units and cycles a page of entries refers to (three lookups for the page). */
function namesOf(entries: { target: string | null; details: Record<string, unknown> | null }[], db: Db) {
  const ids = { person: new Set<number>(), unit: new Set<number>(), cycle: new Set<number>() }
  for (const entry of entries)
    for (const ref of auditRefs(entry.target, entry.details)) ids[ref.kind].add(ref.id)
  const named = (rows: { id: number; name: string }[]) => Object.fromEntries(rows.map((r) => [r.id, r.name]))
  const names: AuditNames = {
    person: ids.person.size
      ? named(
          db
            .select({ id: people.id, name: people.name })
            .from(people)
            .where(inArray(people.id, [...ids.person]))
            .all(),
        )
      : {},
    unit: ids.unit.size
      ? named(
          db
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, [...ids.unit]))
            .all(),
        )
      : {},
    cycle: ids.cycle.size
      ? named(
          db
            .select({ id: cycles.id, name: cycles.name })
            .from(cycles)
            .where(inArray(cycles.id, [...ids.cycle]))
            .all(),
        )
      : {},
  }
  return names
}

/** Everyone who has done an admin action, for the actor filter. */
export function listAuditActors(db: Db = getDb()) {
  return db
    .selectDistinct({ id: people.id, name: people.name, email: people.email })
    .from(auditLog)
    .innerJoin(people, eq(people.id, auditLog.actorId))
    .orderBy(people.name)
    .all()
}
