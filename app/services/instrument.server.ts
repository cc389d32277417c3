import { eq } from "drizzle-orm"
import type { AnyInstrument } from "~/domain/content-schema"
import { type DbOrTx, getDb, schema } from "./db.server"

/** Stores an instrument version by its content hash (once), so results stay readable after the file changes. */
export function ensureInstrumentVersion(db: DbOrTx, instrument: AnyInstrument & { hash: string }) {
  const { hash, ...content } = instrument
  db.insert(schema.instrumentVersions)
    .values({ hash, key: content.key, version: content.version, content })
    .onConflictDoNothing()
    .run()
  return hash
}

/** The instrument a cycle used, from the stored copy (not the file). */
export function getInstrumentVersion(
  hash: string,
  db: DbOrTx = getDb(),
): (AnyInstrument & { hash: string }) | null {
  const row = db
    .select({ content: schema.instrumentVersions.content })
    .from(schema.instrumentVersions)
    .where(eq(schema.instrumentVersions.hash, hash))
    .get()
  return row ? { ...(row.content as AnyInstrument), hash } : null
}
