// npm run db:purge: runs the retention job once (what the server also runs on a schedule; docs/privacy.md).
import { purgeExpiredData } from "../app/services/retention.server"
import { databasePath, openDatabase } from "../db/client"

const counts = purgeExpiredData(new Date(), undefined, openDatabase())
console.log(`Retention on ${databasePath()}: deleted ${JSON.stringify(counts)}`)
