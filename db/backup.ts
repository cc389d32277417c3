// Backup and restore of the SQLite file (docs/operations.md). The backup uses SQLite's online backup API, so the
// app keeps serving while it runs; the restore checks the copy's integrity before it replaces anything.
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs"
import Database from "better-sqlite3"
import { openDatabase } from "./client"

/** All remaining pages in one step: the copy is one snapshot, and writes by the app cannot restart it forever. */
const ALL_PAGES = 0x7fffffff

/**
 * Writes a consistent copy of the database at `sourcePath` to `targetPath` while other processes read and write
 * it. Opens its own connection and never migrates or writes the source.
 */
export async function backupDatabase(sourcePath: string, targetPath: string) {
  if (!existsSync(sourcePath)) throw new Error(`No database at ${sourcePath}`)
  const source = new Database(sourcePath, { fileMustExist: true })
  try {
    source.pragma("busy_timeout = 5000")
    const { totalPages } = await source.backup(targetPath, { progress: () => ALL_PAGES })
    const check = checkIntegrity(targetPath)
    if (check !== "ok") throw new Error(`The backup failed its integrity check: ${check}`)
    return { pages: totalPages }
  } finally {
    source.close()
  }
}

/** "ok", or SQLite's first complaint about the file (PRAGMA integrity_check). */
export function checkIntegrity(path: string): string {
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    return (error as Error).message
  }
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join("; ") || "no answer"
  } catch (error) {
    return (error as Error).message
  } finally {
    db.close()
  }
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`]

/**
 * Replaces the database at `targetPath` with a backup: checks the backup's integrity, migrates a copy of it to the
 * current schema, keeps the replaced database beside it (`<target>.before-restore-<time>`), then swaps the files.
 * The app must be stopped while this runs.
 */
export function restoreDatabase(backupPath: string, targetPath: string, now = new Date()) {
  const check = checkIntegrity(backupPath)
  if (check !== "ok") throw new Error(`Refusing to restore ${backupPath}: ${check}`)
  const staging = `${targetPath}.restoring`
  for (const path of [staging, ...sidecars(staging)]) rmSync(path, { force: true })
  copyFileSync(backupPath, staging)
  const restored = openDatabase(staging) // applies any migrations the backup is missing
  restored.$client.pragma("wal_checkpoint(TRUNCATE)")
  restored.$client.close()
  rmSync(`${staging}-wal`, { force: true })
  rmSync(`${staging}-shm`, { force: true })
  const afterMigration = checkIntegrity(staging)
  if (afterMigration !== "ok")
    throw new Error(`The migrated copy failed its integrity check: ${afterMigration}`)

  let keptAs: string | null = null
  if (existsSync(targetPath)) {
    // Fold the old database's write-ahead log into its file first, so the kept copy is whole.
    const old = new Database(targetPath, { fileMustExist: true })
    old.pragma("wal_checkpoint(TRUNCATE)")
    old.close()
    keptAs = `${targetPath}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`
    renameSync(targetPath, keptAs)
  }
  for (const path of sidecars(targetPath)) rmSync(path, { force: true })
  renameSync(staging, targetPath)
  return { keptAs }
}
