import { count, eq, isNull } from "drizzle-orm"
import { isCycleOpen } from "~/domain/survey"
import type { SessionUser } from "./auth.server"
import { getManagerScopeUnitIds } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { getDefaultReportCycleName } from "./reports.server"

const { cycles, people, units } = schema

/** Cycles taking answers now: opened by an admin and within their dates (the survey's own rule). */
function cyclesTakingAnswers(db: Db, now: Date) {
  return db
    .select({ status: cycles.status, opensOn: cycles.opensOn, closesOn: cycles.closesOn })
    .from(cycles)
    .where(eq(cycles.status, "open"))
    .all()
    .filter((cycle) => isCycleOpen(cycle, now)).length
}

/** What the home page shows each role beyond their own survey and learning: only true figures. */
export function getHomeSummary(user: SessionUser, db: Db = getDb(), now = new Date()) {
  const isManager = user.role === "manager"
  const isAdmin = user.role === "admin"
  const n = (row: { n: number } | undefined) => row?.n ?? 0
  return {
    scopeCount: isManager ? getManagerScopeUnitIds(user.id, db).length : 0,
    reportCycle: isManager ? getDefaultReportCycleName(user, db) : null,
    peopleCount: isAdmin
      ? n(db.select({ n: count() }).from(people).where(eq(people.isActive, true)).get())
      : 0,
    unitCount: isAdmin ? n(db.select({ n: count() }).from(units).where(isNull(units.retiredAt)).get()) : 0,
    openCycleCount: isAdmin ? cyclesTakingAnswers(db, now) : 0,
  }
}
