// npm run db:seed: migrates and seeds the demo organisation (refuses a database with real people).
import { count } from "drizzle-orm"
import { getContent } from "../app/services/content-loader.server"
import { hashPassword } from "../app/services/password.server"
import { getCurrentInstrument } from "../app/services/survey.server"
import { openDatabase } from "../db/client"
import { people } from "../db/schema"
import { DEMO_PASSWORD, hasRealPeople, seedDemoOrganisation } from "../db/seed"
import { seedJourneys } from "../db/seed-journeys"
import { seedLearning } from "../db/seed-learning"
import { seedReports } from "../db/seed-reports"
import { seedSurvey } from "../db/seed-survey"
import { seedWiki } from "../db/seed-wiki"

const db = openDatabase()
if (hasRealPeople(db)) {
  console.error("Refusing to seed: this database holds real (non-demo) people.")
  process.exit(1)
}
const demoHash = await hashPassword(DEMO_PASSWORD)
seedDemoOrganisation(db, demoHash)
seedSurvey(db, getCurrentInstrument(), { passwordHash: demoHash })
seedReports(db, getContent())
seedLearning(db, demoHash)
seedWiki(db)
seedJourneys(db, demoHash)
const n = db.select({ n: count() }).from(people).get()?.n
console.log(
  `Demo organisation ready: ${n} people. Log in as admin@, manager@ or employee@parat.test with ${DEMO_PASSWORD}`,
)
