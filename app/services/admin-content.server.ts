import { asc, count, desc } from "drizzle-orm"
import { type Db, getDb, schema } from "./db.server"

const { instrumentVersions, modules, cycles } = schema

/**
 * What content the database holds: every instrument version and every synced module.
 * Content errors come from the content loader (app/domain/content), which is not part of this branch yet:
 * `errors` is null until it is wired in, and the page says so instead of claiming the content is fine.
 */
export function getContentStatus(db: Db = getDb()) {
  const usage = new Map(
    db
      .select({ hash: cycles.instrumentHash, n: count() })
      .from(cycles)
      .groupBy(cycles.instrumentHash)
      .all()
      .map((r) => [r.hash, r.n]),
  )
  const instruments = db
    .select({
      hash: instrumentVersions.hash,
      key: instrumentVersions.key,
      version: instrumentVersions.version,
      loadedAt: instrumentVersions.loadedAt,
    })
    .from(instrumentVersions)
    .orderBy(asc(instrumentVersions.key), desc(instrumentVersions.version))
    .all()
    .map((row) => ({ ...row, cycleCount: usage.get(row.hash) ?? 0 }))
  const moduleRows = db
    .select({
      slug: modules.slug,
      dimension: modules.dimension,
      level: modules.level,
      title: modules.title,
      minutes: modules.minutes,
      removedAt: modules.removedAt,
      syncedAt: modules.syncedAt,
    })
    .from(modules)
    .orderBy(asc(modules.dimension), asc(modules.level), asc(modules.slug))
    .all()
  return { instruments, modules: moduleRows, errors: null as null | { file: string; message: string }[] }
}
