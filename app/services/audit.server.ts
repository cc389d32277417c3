import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm"
import type { AuditAction } from "~/domain/admin-audit"
import { type Db, getDb, schema } from "./db.server"

const { auditLog, people } = schema

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
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE }
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
