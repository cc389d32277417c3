// npm run db:seed: migrates and seeds the demo organisation (refuses a database with real people).
import { count } from "drizzle-orm"
import { loadAllContent } from "../app/services/content-loader.server"
import { hashPassword } from "../app/services/password.server"
import { openDatabase } from "../db/client"
import { people } from "../db/schema"
import { DEMO_PASSWORD, hasRealPeople, seedDemoOrganisation } from "../db/seed"
import { seedReports } from "../db/seed-reports"

const db = openDatabase()
if (hasRealPeople(db)) {
  console.error("Refusing to seed: this database holds real (non-demo) people.")
  process.exit(1)
}
seedDemoOrganisation(db, await hashPassword(DEMO_PASSWORD))
// The report cycles need the instrument (and the Foundation modules, if they load), not a flawless catalogue.
const reportContent = loadAllContent().content
if (reportContent) seedReports(db, reportContent)
const n = db.select({ n: count() }).from(people).get()?.n
console.log(
  `Demo organisation ready: ${n} people. Log in as admin@, manager@ or employee@parat.test with ${DEMO_PASSWORD}`,
)
