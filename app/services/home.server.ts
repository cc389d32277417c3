import { count, eq, isNull } from "drizzle-orm"
import type { SessionUser } from "./auth.server"
import { getManagerScopeUnitIds } from "./auth.server"
import { getDb, schema } from "./db.server"

/** What the home page shows each role: only true figures, and honest empty states. */
export function getHomeSummary(user: SessionUser, db = getDb()) {
  const scopeCount = user.role === "manager" ? getManagerScopeUnitIds(user.id, db).length : 0
  const isAdmin = user.role === "admin"
  const peopleCount = isAdmin
    ? (db.select({ n: count() }).from(schema.people).where(eq(schema.people.isActive, true)).get()?.n ?? 0)
    : 0
  const unitCount = isAdmin
    ? (db.select({ n: count() }).from(schema.units).where(isNull(schema.units.retiredAt)).get()?.n ?? 0)
    : 0
  return { scopeCount, peopleCount, unitCount }
}
