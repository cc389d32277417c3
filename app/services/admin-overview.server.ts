import { count, eq, isNull } from "drizzle-orm"
import { type Db, getDb, schema } from "./db.server"

export function getAdminOverview(db: Db = getDb()) {
  const n = (value: { n: number } | undefined) => value?.n ?? 0
  return {
    people: n(db.select({ n: count() }).from(schema.people).where(eq(schema.people.isActive, true)).get()),
    units: n(db.select({ n: count() }).from(schema.units).where(isNull(schema.units.retiredAt)).get()),
    openCycles: n(
      db.select({ n: count() }).from(schema.cycles).where(eq(schema.cycles.status, "open")).get(),
    ),
  }
}
