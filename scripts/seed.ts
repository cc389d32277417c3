// npm run db:seed [-- --synthetic 10000]: migrates and seeds the demo organisation (refuses a database with real
// people); --synthetic adds a synthetic region of that many people with three past cycles beside it, once.
import { parseArgs } from "node:util"
import { count, eq } from "drizzle-orm"
import { getContent } from "../app/services/content-loader.server"
import { syncContent } from "../app/services/content-sync.server"
import { hashPassword } from "../app/services/password.server"
import { getCurrentInstrument, getInstrumentV1 } from "../app/services/survey.server"
import { enrolKnownSecret } from "../app/services/two-factor.server"
import { openDatabase } from "../db/client"
import { people, units } from "../db/schema"
import {
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  hasRealPeople,
  seedDemoOrganisation,
} from "./seed/demo"
import { seedJourneys } from "./seed/journeys"
import { seedLearning } from "./seed/learning"
import { seedRegister } from "./seed/register"
import { seedReports } from "./seed/reports"
import { seedSurvey } from "./seed/survey"
import { generateSyntheticOrganisation } from "./seed/synthetic"

const db = openDatabase()
if (hasRealPeople(db)) {
  console.error("Refusing to seed: this database holds real (non-demo) people.")
  process.exit(1)
}
const demoHash = await hashPassword(DEMO_PASSWORD)
seedDemoOrganisation(db, demoHash)
// The content on disk in the database, as the server does at start-up (modules, wiki index, instrument versions).
syncContent(db)
// Admins sign in with a second factor; the demo admin's secret is the published one (README, npm run demo:code).
const admin = db.select({ id: people.id }).from(people).where(eq(people.email, DEMO_ADMIN_EMAIL)).get()
if (admin) enrolKnownSecret(admin.id, DEMO_TOTP_SECRET, db)
seedSurvey(db, getCurrentInstrument(), { passwordHash: demoHash })
seedReports(db, getContent())
seedLearning(db, demoHash)
seedJourneys(db, demoHash)
seedRegister(db)
const { values } = parseArgs({ options: { synthetic: { type: "string" } } })
if (values.synthetic) {
  const size = Number(values.synthetic)
  if (!Number.isInteger(size) || size < 1) {
    console.error("--synthetic takes a positive whole number of people")
    process.exit(2)
  }
  if (db.select({ id: units.id }).from(units).where(eq(units.code, "SYN-R42")).get()) {
    console.log("The synthetic region is already there.")
  } else {
    const summary = generateSyntheticOrganisation(db, {
      people: size,
      cycles: 3,
      instrument: getInstrumentV1(),
    })
    console.log(`Synthetic region added: ${summary.people} people, ${summary.results} results.`)
  }
}
const n = db.select({ n: count() }).from(people).get()?.n
console.log(
  `Demo organisation ready: ${n} people. Log in as admin@, manager@ or employee@parat.test with ${DEMO_PASSWORD}` +
    " (admin@ also asks for a code: npm run demo:code)",
)
