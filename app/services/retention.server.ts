// Retention: what Parat deletes on a schedule, in one place (docs/privacy.md lists the periods). Run by the server
// every PARAT_PURGE_INTERVAL_MINUTES (scripts/start.js) and by `npm run db:purge`.
import { and, eq, inArray, lt } from "drizzle-orm"
import { env } from "~/env.server"
import { recordAudit } from "./audit.server"
import { purgeExpiredSessions } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"

const { auditLog, cycles, responses } = schema

const DAY_MS = 86_400_000

export type RetentionPolicy = { auditRetentionDays: number }
export type PurgeCounts = {
  drafts: number
  sessions: number
  passwordResets: number
  loginFailures: number
  auditEntries: number
}

export function retentionPolicy(): RetentionPolicy {
  return { auditRetentionDays: env.PARAT_AUDIT_RETENTION_DAYS }
}

/**
 * Deletes expired sessions, used or expired reset tokens, unfinished two-factor sign-ins and failed-login records past
 * the throttle's window (the auth service's purgeExpiredSessions), then, in one transaction, unsubmitted drafts of
 * closed cycles (they can never be submitted or reported) and audit entries older than the retention period.
 * Submitted answers and results are kept: they are the cycle's record.
 */
export function purgeExpiredData(
  now = new Date(),
  policy = retentionPolicy(),
  db: Db = getDb(),
): PurgeCounts {
  // Sessions (idle or past their lifetime), reset links and unfinished two-factor sign-ins: the auth service's rule.
  const expired = purgeExpiredSessions(db, now)
  return db.transaction((tx) => {
    const closedCycles = tx.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, "closed"))
    const counts: PurgeCounts = {
      drafts: tx
        .delete(responses)
        .where(and(eq(responses.status, "draft"), inArray(responses.cycleId, closedCycles)))
        .run().changes,
      sessions: expired.sessions,
      passwordResets: expired.resetTokens,
      loginFailures: expired.loginAttempts,
      auditEntries: tx
        .delete(auditLog)
        .where(lt(auditLog.at, new Date(now.getTime() - policy.auditRetentionDays * DAY_MS)))
        .run().changes,
    }
    // Deleting answers or history is itself worth a line in the log; expiring sessions every few hours is not.
    if (counts.drafts > 0 || counts.auditEntries > 0) {
      recordAudit(tx, null, "data.purge", null, {
        drafts: counts.drafts,
        auditEntries: counts.auditEntries,
        auditRetentionDays: policy.auditRetentionDays,
      })
    }
    return counts
  })
}

/** Runs the purge now and then every `intervalMinutes`; returns a function that stops it. */
export function startRetentionSchedule(intervalMinutes = env.PARAT_PURGE_INTERVAL_MINUTES) {
  if (intervalMinutes <= 0) return () => {}
  const run = () => {
    try {
      const counts = purgeExpiredData()
      console.log(`Retention: deleted ${JSON.stringify(counts)}`)
    } catch (error) {
      console.error("Retention: the purge failed", error)
    }
  }
  run()
  const timer = setInterval(run, intervalMinutes * 60_000)
  timer.unref() // never keeps the process alive on shutdown
  return () => clearInterval(timer)
}
