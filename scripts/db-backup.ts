// npm run db:backup -- <file>: a consistent copy of the database at DATABASE_URL while the app keeps serving.
import { resolve } from "node:path"
import { backupDatabase } from "../db/backup"
import { databasePath } from "../db/client"

const target = process.argv[2]
if (!target) {
  console.error("Usage: npm run db:backup -- <backup file>")
  process.exit(2)
}
const source = databasePath()
const { pages } = await backupDatabase(source, resolve(target))
console.log(`Backed up ${source} to ${resolve(target)} (${pages} pages, integrity ok)`)
