import { count } from "drizzle-orm"
import { getDb, schema } from "./db.server"

export function isSeeded(db = getDb()) {
  return (db.select({ n: count() }).from(schema.units).get()?.n ?? 0) > 0
}
