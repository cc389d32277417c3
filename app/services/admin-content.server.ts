import { asc, count, desc } from "drizzle-orm"
import { lawReview } from "~/domain/law-date"
import { checkContent } from "./content-check.server"
import { coursesDir, formatContentError, getContent } from "./content-loader.server"
import { type Db, getDb, schema } from "./db.server"

const { instrumentVersions, modules, cycles } = schema

/**
 * What content the database holds (every instrument version, every synced module) and what the files under
 * courses/ look like now: the content check's problems, each with file and line.
 */
export function getContentStatus(db: Db = getDb(), root = coursesDir(), now = new Date()) {
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
  const check = checkContent(root)
  // The law each live module teaches was checked on its lawAsOf date; a year later it is due for review.
  const lawAsOf = new Map(getContent().modules.map((m) => [m.slug, m.lawAsOf ?? null]))
  return {
    instruments,
    modules: moduleRows.map((row) => {
      const asOf = lawAsOf.get(row.slug) ?? null
      return { ...row, lawAsOf: asOf, lawReview: row.removedAt ? null : lawReview(asOf, now) }
    }),
    errors: check.errors.map((e) => ({ ...e, text: formatContentError(e) })),
    summary: check.summary,
    counts: check.counts,
  }
}
