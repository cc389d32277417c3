// Settings the admin changes at run time, and secrets Parat makes for itself (stored once, never shown).
import { randomBytes } from "node:crypto"
import { eq } from "drizzle-orm"
import { type Db, getDb, schema } from "./db.server"

const { settings } = schema

export function getSetting<T>(key: string, fallback: T, db: Db = getDb()): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()
  return row ? (row.value as T) : fallback
}

export function setSetting(key: string, value: unknown, db: Pick<Db, "insert"> = getDb()) {
  db.insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
    .run()
}

/** A random key for signing links (unsubscribe), made on first use; the first writer wins when two race. */
export function signingSecret(db: Db = getDb()): string {
  const existing = getSetting<string | null>("secret.links", null, db)
  if (existing) return existing
  db.insert(settings)
    .values({ key: "secret.links", value: randomBytes(32).toString("base64url"), updatedAt: new Date() })
    .onConflictDoNothing()
    .run()
  return getSetting<string>("secret.links", "", db)
}
