// Two closed past survey cycles with plausible results for the demo organisation, so the manager dashboards have
// something true to show from the first start. Deterministic (same people, same answers) and idempotent.
//
// - "Efterår 2025" and "Forår 2026", targeting the region, k = 5, everyone invited, 70-90 % answering (the
//   same people both times).
// - Some departments grow between the two cycles (they took the Foundation modules); the rest stay about level.
// - "Klinisk Etisk Enhed" has 3 people, so it is always shown as too small.
// - Left out: employee@parat.test, survey.*, learner.*, cycle.* and journey.* (other journeys need them fresh), and managers and admins
//   (placed directly in the region and hospitals, where 1-2 answers would hide a whole sibling unit).
import { and, eq, inArray } from "drizzle-orm"
import { danishDay } from "../../app/domain/calendar"
import type { CourseModule, Instrument } from "../../app/domain/content-schema"
import { type Answers, DONT_KNOW, scoreResponse } from "../../app/domain/scoring"
import { closeAndPublish } from "../../app/services/admin-cycles.server"
import { ensureInstrumentVersion } from "../../app/services/instrument.server"
import { recordResult } from "../../app/services/results.server"
import type { Db, DbOrTx } from "../../db/client"
import {
  cycleInvitations,
  cycles,
  cycleUnits,
  enrolments,
  type JobFamily,
  modules,
  people,
  responses,
  units,
} from "../../db/schema"
import { seededRandom } from "./factories"

export const REPORT_CYCLES = [
  { name: "Efterår 2025", opensAt: Date.UTC(2025, 8, 15), closesAt: Date.UTC(2025, 9, 31), wave: 0 },
  { name: "Forår 2026", opensAt: Date.UTC(2026, 2, 2), closesAt: Date.UTC(2026, 3, 17), wave: 1 },
] as const

/** Department codes whose staff took the Foundation modules between the cycles, and grew. */
const GROWING = new Set(["NOR-AKM", "NOR-RAD", "SKO-INT", "SKO-ADM", "VES-ONK", "VES-MED"])

const DIMENSION_BIAS: Record<JobFamily, Record<string, number>> = {
  doctor: { understanding: 0.05, evaluation: 0.1, ethics_law: 0.05 },
  nurse: { use: 0.05, ethics_law: 0.03 },
  other_clinical: { use: 0.03 },
  administrative: { implementation: 0.05, ethics_law: 0.02 },
  it_data: { understanding: 0.15, data: 0.2, use: 0.1, evaluation: 0.05 },
  management: { implementation: 0.15, ethics_law: 0.08 },
}

/** A stable number from a string (FNV-1a), so a person's answers do not depend on insertion order. */
function hashOf(text: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function isExcludedFromSeededResults(email: string) {
  return (
    email === "employee@parat.test" ||
    ["survey.", "learner.", "cycle.", "journey."].some((prefix) => email.startsWith(prefix))
  )
}

function departmentCode(unitPath: string, codeById: Map<number, string>) {
  // the department is the third unit on the path: region / hospital / department / section
  const id = Number(unitPath.split("/").filter(Boolean)[2])
  return codeById.get(id) ?? ""
}

function answersFor(instrument: Instrument, ability: (dimension: string) => number, random: () => number) {
  const answers: Answers = {}
  for (const dimension of instrument.dimensions) {
    const a = ability(dimension.key)
    for (const item of dimension.items) {
      if (item.kind === "likert") {
        const value = Math.min(5, Math.max(1, Math.round(1 + 4 * a + (random() - 0.5) * 1.6)))
        answers[item.id] = item.reverse ? 6 - value : value
      } else if (random() < a) {
        answers[item.id] = item.correct
      } else {
        const wrong = item.options.filter((o) => o.id !== item.correct)
        answers[item.id] = random() < 0.3 ? DONT_KNOW : wrong[Math.floor(random() * wrong.length)]!.id
      }
    }
  }
  return answers
}

/** Seeds the report cycles; returns how many results it wrote (0 on a second run). */
export function seedReports(
  db: Db,
  content: { instrument: Instrument & { hash: string }; modules: CourseModule[] },
): number {
  const { instrument } = content
  const region = db.select({ id: units.id }).from(units).where(eq(units.code, "RDEMO")).get()
  if (!region) return 0
  let written = 0

  db.transaction((t) => {
    const instrumentHash = ensureInstrumentVersion(t, instrument)
    const codeById = new Map(
      t
        .select({ id: units.id, code: units.code })
        .from(units)
        .all()
        .map((u) => [u.id, u.code]),
    )
    const staff = t
      .select({
        id: people.id,
        email: people.email,
        unitId: people.unitId,
        jobFamily: people.jobFamily,
        path: units.path,
      })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.isDemo, true), eq(people.isActive, true), eq(people.role, "employee")))
      .orderBy(people.email)
      .all()
      .filter((p) => !isExcludedFromSeededResults(p.email))

    for (const spec of REPORT_CYCLES) {
      let cycle = t.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, spec.name)).get()
      if (!cycle) {
        cycle = t
          .insert(cycles)
          .values({
            name: spec.name,
            instrumentHash,
            status: "open",
            opensOn: danishDay(new Date(spec.opensAt)),
            closesOn: danishDay(new Date(spec.closesAt)),
            minGroupSize: 5,
          })
          .returning({ id: cycles.id })
          .get()
      }
      const cycleId = cycle.id
      t.insert(cycleUnits).values({ cycleId, unitId: region.id }).onConflictDoNothing().run()
      const answered = new Set(
        t
          .select({ personId: responses.personId })
          .from(responses)
          .where(eq(responses.cycleId, cycleId))
          .all()
          .map((r) => r.personId),
      )

      for (const person of staff) {
        t.insert(cycleInvitations)
          .values({ cycleId, personId: person.id, unitId: person.unitId, jobFamily: person.jobFamily })
          .onConflictDoNothing()
          .run()
        if (answered.has(person.id)) continue
        const department = departmentCode(person.path, codeById)
        const random = seededRandom(hashOf(`${spec.name}|${person.email}`))
        // Whether someone answers is a trait of the person, so the same people answer in both cycles (a cohort
        // change of 1..k-1 people would hide the trend point: app/domain/anonymity.ts, selectTrendPoints).
        const participation = 0.7 + (hashOf(department) % 21) / 100 // 70-90 % per department
        if ((hashOf(`answers|${person.email}`) % 1000) / 1000 >= participation) continue
        const base = 0.28 + (hashOf(person.email) % 1000) / 1000 / 3.2 // 0.28..0.59, the person's own start
        const growth = spec.wave === 1 ? (GROWING.has(department) ? 0.16 : 0.02) : 0
        const bias = DIMENSION_BIAS[person.jobFamily]
        const answers = answersFor(instrument, (d) => Math.min(0.97, base + growth + (bias[d] ?? 0)), random)
        const submittedAt = new Date(spec.opensAt + Math.floor(random() * (spec.closesAt - spec.opensAt)))
        const response = t
          .insert(responses)
          .values({
            cycleId,
            personId: person.id,
            status: "submitted",
            answers,
            page: instrument.dimensions.length,
            updatedAt: submittedAt,
            submittedAt,
          })
          .returning({ id: responses.id })
          .get()
        recordResult(t, {
          responseId: response.id,
          cycleId,
          personId: person.id,
          unitId: person.unitId,
          jobFamily: person.jobFamily,
          submittedAt,
          scored: scoreResponse(instrument, answers),
        })
        written++
      }
    }
    seedFoundationCompletions(t, content.modules, staff, codeById)
    // The past cycles close as an admin closes one, oldest first: each publication is decided once, with the
    // cohort rule against the earlier one (app/services/admin-cycles.server.ts, closeAndPublish).
    for (const spec of REPORT_CYCLES) {
      const cycle = t
        .select({ id: cycles.id, status: cycles.status })
        .from(cycles)
        .where(eq(cycles.name, spec.name))
        .get()
      if (cycle && cycle.status !== "closed") closeAndPublish(db, cycle.id, new Date(spec.closesAt))
    }
  })
  return written
}

/**
 * Completed Foundation modules between the cycles: most people in the growing departments, a few elsewhere. The
 * module rows are added when the catalogue has not been synced yet (the same values a sync writes).
 */
function seedFoundationCompletions(
  t: DbOrTx,
  catalogue: CourseModule[],
  staff: { id: number; email: string; path: string }[],
  codeById: Map<number, string>,
) {
  const foundation = catalogue.filter((m) => m.level === 1)
  if (foundation.length === 0) return
  const now = new Date(REPORT_CYCLES[1].opensAt)
  for (const m of foundation) {
    t.insert(modules)
      .values({
        slug: m.slug,
        dimension: m.dimension,
        level: m.level,
        title: m.title,
        minutes: m.minutes,
        contentHash: m.contentHash,
        syncedAt: now,
      })
      .onConflictDoNothing()
      .run()
  }
  const present = new Set(
    t
      .select({ slug: modules.slug })
      .from(modules)
      .where(
        inArray(
          modules.slug,
          foundation.map((m) => m.slug),
        ),
      )
      .all()
      .map((m) => m.slug),
  )
  for (const person of staff) {
    const department = departmentCode(person.path, codeById)
    const share = GROWING.has(department) ? 0.75 : 0.15
    const random = seededRandom(hashOf(`learning|${person.email}`))
    for (const m of foundation) {
      if (!present.has(m.slug) || random() >= share) continue
      const completedAt = new Date(REPORT_CYCLES[0].closesAt + Math.floor(random() * 90) * 86_400_000)
      t.insert(enrolments)
        .values({ personId: person.id, moduleSlug: m.slug, startedAt: completedAt, completedAt })
        .onConflictDoNothing()
        .run()
    }
  }
}
