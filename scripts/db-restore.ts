// npm run db:restore -- <file>: checks a backup's integrity, migrates it and puts it in place of the database at
// DATABASE_URL (kept beside it as .before-restore-<time>). Stop the app first.
import { resolve } from "node:path"
import { restoreDatabase } from "../db/backup"
import { databasePath } from "../db/client"

const backup = process.argv[2]
if (!backup) {
  console.error("Usage: npm run db:restore -- <backup file>")
  process.exit(2)
}
try {
  const { keptAs } = restoreDatabase(resolve(backup), databasePath())
  console.log(`Restored ${resolve(backup)} to ${databasePath()} (integrity ok, migrated)`)
  if (keptAs) console.log(`The replaced database is kept as ${keptAs}`)
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
