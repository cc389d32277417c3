import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import Database from "better-sqlite3"
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3"
import { migrate } from "drizzle-orm/better-sqlite3/migrator"
import { env } from "../app/env.server"
import * as schema from "./schema"

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** A transaction on Parat's database, as db.transaction((tx) => ...) hands it over. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0]
/** What a reader or writer takes when it may run on its own or inside a caller's transaction. */
export type DbOrTx = Db | Tx

// Resolved from the working directory: the app, the scripts and the tests all run from the project root.
const MIGRATIONS = resolve(env.PARAT_MIGRATIONS_DIR)

/** The configured database file (DATABASE_URL). */
export function databasePath() {
  return resolve(env.DATABASE_URL)
}

/** Opens a database file with Parat's pragmas and brings its schema up to date. */
export function openDatabase(path = databasePath()): Db {
  mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("foreign_keys = ON")
  sqlite.pragma("busy_timeout = 5000")
  sqlite.pragma("synchronous = NORMAL")
  const db = drizzle(sqlite, { schema }) as Db
  migrate(db, { migrationsFolder: MIGRATIONS })
  return db
}

// One connection per process, kept across Vite's hot reloads in development.
const globalForDb = globalThis as unknown as { __paratDb?: Db }

export function getDb(): Db {
  globalForDb.__paratDb ??= openDatabase()
  return globalForDb.__paratDb
}

/** Makes `db` the process-wide database (tests and the benchmark point the app at their own file). */
export function setDb(db: Db | undefined) {
  globalForDb.__paratDb = db
}
