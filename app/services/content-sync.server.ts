// Course content goes into the database at start-up (entry.server.tsx) and in the seed, never from a read path:
// the modules table, the wiki's search index and the instrument versions new cycles name.
import type { Content } from "./content-loader.server"
import { getContent } from "./content-loader.server"
import { type Db, getDb } from "./db.server"
import { ensureInstrumentVersion } from "./instrument.server"
import { type SyncSummary, syncContentModules } from "./learning-sync.server"
import { syncWikiIndex } from "./wiki.server"

/** Brings the database in step with the content on disk; bad content throws with every problem listed. */
export function syncContent(
  db: Db = getDb(),
  content: Content = getContent(),
  now = new Date(),
): SyncSummary {
  ensureInstrumentVersion(db, content.instrument)
  ensureInstrumentVersion(db, content.instrumentV2)
  syncWikiIndex(db, content.wiki)
  return syncContentModules(db, content.modules, now)
}

const started = globalThis as unknown as { __paratContentSynced?: boolean }

/** Once per process, when the server starts (a hot reload in development does not sync again). */
export function syncContentAtStartUp() {
  if (started.__paratContentSynced) return
  syncContent()
  started.__paratContentSynced = true
}
