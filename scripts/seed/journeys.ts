// Fixed demo logins for the cross-feature browser journeys (a cycle for one hospital; survey to learning path), so
// those journeys never share state with another spec. They start fresh: no response, no result, no progress.
// Deterministic and idempotent; run after the survey seed so they are invited to the current cycle.
import { eq } from "drizzle-orm"
import type { Db } from "../../db/client"
import { cycleInvitations, cycles, type JobFamily, type Language, units } from "../../db/schema"
import { ensurePerson } from "./factories"
import { CURRENT_CYCLE_NAME } from "./survey"

export const JOURNEY_PEOPLE: {
  email: string
  name: string
  jobFamily: JobFamily
  unitCode: string
  language: Language
}[] = [
  // The admin's cycle journey: one employee in each of two hospitals.
  {
    email: "cycle.nor@parat.test",
    name: "Carl Cyklus",
    jobFamily: "it_data",
    unitCode: "NOR-ITD",
    language: "da",
  },
  {
    email: "cycle.ves@parat.test",
    name: "Vera Cyklus",
    jobFamily: "nurse",
    unitCode: "VES-NEU",
    language: "da",
  },
  // The survey-to-learning journey, once in each language.
  {
    email: "journey.one@parat.test",
    name: "Jonna Rejse",
    jobFamily: "nurse",
    unitCode: "SKO-PAE",
    language: "da",
  },
  {
    email: "journey.two@parat.test",
    name: "Jamie Journey",
    jobFamily: "doctor",
    unitCode: "SKO-INT",
    language: "en",
  },
]

export function seedJourneys(db: Db, passwordHash: string) {
  db.transaction((t) => {
    const current = t.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, CURRENT_CYCLE_NAME)).get()
    for (const person of JOURNEY_PEOPLE) {
      const unit = t.select({ id: units.id }).from(units).where(eq(units.code, person.unitCode)).get()
      if (!unit) throw new Error(`Seed the demo organisation before the journey logins (${person.unitCode})`)
      const personId = ensurePerson(t, {
        email: person.email,
        name: person.name,
        jobFamily: person.jobFamily,
        unitId: unit.id,
        language: person.language,
        passwordHash,
        isDemo: true,
      })
      // Invited to the current cycle like everyone who was there when it opened.
      if (current) {
        t.insert(cycleInvitations)
          .values({ cycleId: current.id, personId, unitId: unit.id, jobFamily: person.jobFamily })
          .onConflictDoNothing()
          .run()
      }
    }
  })
}
