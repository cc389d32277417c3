// npm run db:migrate: applies the committed migrations to the database at DATABASE_URL.
import { databasePath, openDatabase } from "../db/client"

openDatabase()
console.log(`Database up to date: ${databasePath()}`)
