// The admin's table of job titles: which job family a Stilling in an HR export means.
import { asc, eq } from "drizzle-orm"
import { jobTitleTable, titleKey } from "~/domain/hr-export"
import type { JobFamily } from "~/domain/vocabulary"
import { recordAudit } from "./audit.server"
import { type Db, getDb, schema } from "./db.server"

const { jobTitles } = schema

export function listOwnJobTitles(db: Db = getDb()) {
  return db
    .select({ title: jobTitles.title, jobFamily: jobTitles.jobFamily })
    .from(jobTitles)
    .orderBy(asc(jobTitles.title))
    .all()
}

/** Parat's defaults with the admin's titles over them, as the import reads them. */
export function getJobTitleTable(db: Db = getDb()) {
  return jobTitleTable(listOwnJobTitles(db))
}

export function saveJobTitle(actorId: number, title: string, jobFamily: JobFamily, db: Db = getDb()) {
  const key = titleKey(title)
  db.transaction((tx) => {
    tx.insert(jobTitles)
      .values({ title: key, jobFamily })
      .onConflictDoUpdate({ target: jobTitles.title, set: { jobFamily } })
      .run()
    recordAudit(tx, actorId, "job_title.save", key, { jobFamily })
  })
}

export function removeJobTitle(actorId: number, title: string, db: Db = getDb()) {
  const key = titleKey(title)
  db.transaction((tx) => {
    tx.delete(jobTitles).where(eq(jobTitles.title, key)).run()
    recordAudit(tx, actorId, "job_title.remove", key, {})
  })
}
