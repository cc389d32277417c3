// Keeps the modules table in step with courses/modules. Rows are matched by slug, so progress survives content
// edits; a module that leaves the disk gets removedAt (never deleted), so its history stays; one that comes
// back is live again.
import { and, eq, isNull, notInArray } from "drizzle-orm"
import type { CourseModule } from "~/domain/content-schema"
import { type Db, schema } from "./db.server"

const { modules } = schema

export type SyncSummary = { added: number; updated: number; unchanged: number; removed: number }

export function syncContentModules(
  db: Db,
  onDisk: Pick<CourseModule, "slug" | "dimension" | "level" | "title" | "minutes" | "contentHash">[],
  now = new Date(),
): SyncSummary {
  const summary: SyncSummary = { added: 0, updated: 0, unchanged: 0, removed: 0 }
  db.transaction((tx) => {
    const existing = new Map(
      tx
        .select({ slug: modules.slug, contentHash: modules.contentHash, removedAt: modules.removedAt })
        .from(modules)
        .all()
        .map((row) => [row.slug, row]),
    )
    for (const m of onDisk) {
      const row = existing.get(m.slug)
      const values = {
        dimension: m.dimension,
        level: m.level,
        title: m.title,
        minutes: m.minutes,
        contentHash: m.contentHash,
        removedAt: null,
        syncedAt: now,
      }
      if (!row) {
        tx.insert(modules)
          .values({ slug: m.slug, ...values })
          .run()
        summary.added++
      } else if (row.contentHash !== m.contentHash || row.removedAt !== null) {
        tx.update(modules).set(values).where(eq(modules.slug, m.slug)).run()
        summary.updated++
      } else {
        summary.unchanged++
      }
    }
    const slugs = onDisk.map((m) => m.slug)
    const removed = tx
      .update(modules)
      .set({ removedAt: now })
      // keeps the first removal date of a module that was already gone
      .where(and(isNull(modules.removedAt), slugs.length > 0 ? notInArray(modules.slug, slugs) : undefined))
      .returning({ slug: modules.slug, removedAt: modules.removedAt })
      .all()
    summary.removed = removed.length
  })
  return summary
}
