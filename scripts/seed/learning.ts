// Learning demo data: the course modules synced into the database, and two demo learners with a fixed, submitted
// survey result in a closed spring cycle, so their learning paths are real. Deterministic and idempotent.
// The demo employee (employee@parat.test) gets no result and no progress: they start from the Foundation path.
import { eq } from "drizzle-orm"
import { isV2 } from "../../app/domain/content-schema"
import { getContent } from "../../app/services/content-loader.server"
import { ensureInstrumentVersion, getInstrumentVersion } from "../../app/services/instrument.server"
import { syncContentModules } from "../../app/services/learning-sync.server"
import type { Db, DbOrTx } from "../../db/client"
import { cycles, units } from "../../db/schema"
import { ensurePerson, ensureUnit } from "./factories"
import { DEMO_LEARNERS, LEARNING_CYCLE_NAME, recordSubmittedResult } from "./learners"
import { ensureCycle } from "./survey"

/** Finds or creates the closed spring cycle over the whole region (other seeds may have made it already). */
function ensureSpringCycle(db: DbOrTx, regionId: number, instrumentHash: string) {
  const id = ensureCycle(db, {
    name: LEARNING_CYCLE_NAME,
    instrumentHash,
    status: "closed",
    opensOn: "2026-03-02",
    closesOn: "2026-03-27",
    minGroupSize: 5,
    unitIds: [regionId],
  })
  return db
    .select({ id: cycles.id, instrumentHash: cycles.instrumentHash })
    .from(cycles)
    .where(eq(cycles.id, id))
    .get()!
}

export function seedLearning(db: Db, passwordHash: string) {
  const content = getContent()
  syncContentModules(db, content.modules)
  const region = db.select({ id: units.id }).from(units).where(eq(units.kind, "region")).limit(1).get()
  if (!region) throw new Error("Seed the demo organisation before the learning demo data")

  db.transaction((t) => {
    const instrumentHash = ensureInstrumentVersion(t, content.instrument)
    const cycle = ensureSpringCycle(t, region.id, instrumentHash)
    const instrument = getInstrumentVersion(cycle.instrumentHash, t)!
    // the demo's spring cycle is a closed, past cycle: it keeps instrument v1
    if (isV2(instrument)) throw new Error("The spring cycle is expected to use instrument v1")
    for (const [i, learner] of DEMO_LEARNERS.entries()) {
      const unitId = ensureUnit(t, { code: learner.unitCode, name: learner.unitCode, kind: "department" })
      const personId = ensurePerson(t, {
        email: learner.email,
        name: learner.name,
        jobFamily: learner.jobFamily,
        unitId,
        language: learner.language,
        passwordHash,
        isDemo: true,
      })
      recordSubmittedResult(t, {
        cycleId: cycle.id,
        instrument,
        personId,
        unitId,
        jobFamily: learner.jobFamily,
        levels: learner.levels,
        submittedAt: new Date(Date.UTC(2026, 2, 10 + i, 9, 30)),
      })
    }
  })
}
