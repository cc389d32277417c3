// npm run db:seed: migrates and seeds the demo organisation (refuses a database with real people).
import { count } from "drizzle-orm"
import { hashPassword } from "../app/services/password.server"
import { getCurrentInstrument } from "../app/services/survey.server"
import { openDatabase } from "../db/client"
import { people } from "../db/schema"
import { DEMO_PASSWORD, hasRealPeople, seedDemoOrganisation } from "../db/seed"
import { seedSurvey } from "../db/seed-survey"

const db = openDatabase()
if (hasRealPeople(db)) {
  console.error("Refusing to seed: this database holds real (non-demo) people.")
  process.exit(1)
}
const demoHash = await hashPassword(DEMO_PASSWORD)
seedDemoOrganisation(db, demoHash)
seedSurvey(db, getCurrentInstrument(), { passwordHash: demoHash })
const n = db.select({ n: count() }).from(people).get()?.n
console.log(
  `Demo organisation ready: ${n} people. Log in as admin@, manager@ or employee@parat.test with ${DEMO_PASSWORD}`,
)
