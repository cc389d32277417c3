// Two closed past survey cycles with plausible results for the demo organisation, so the manager dashboards have
// something true to show from the first start. Deterministic (same people, same answers) and idempotent.
//
// - "Efterår 2025" and "Forår 2026", targeting the region, k = 5, everyone employed then invited, 70-90 % answering.
// - Turnover between the two (TURNOVER): people who left, joined, moved between units, or answered only one of the
//   two cycles. Each change is a block of k people of one job family in one unit, so that in every cell (unit x job
//   family) the people who answered only one of the two cycles are 0 or at least k: the cohort rule
//   (docs/decisions/002-anonymity.md, point 6) then hides nothing and the trend shows both points for the region,
//   every hospital and most departments. Scattered changes of 1..k-1 people per unit would hide those cells' later points.
// - Some departments grow between the two cycles (they took the Foundation modules); the rest stay about the same.
// - "Klinisk Etisk Enhed" has 3 people, so it is always shown as too small.
// - Left out: employee@parat.test, survey.*, learner.*, cycle.* and journey.* (other journeys need them fresh), and managers and admins
//   (placed directly in the region and hospitals, where 1-2 answers would hide a whole sibling unit).
import { and, eq, inArray } from "drizzle-orm"
import { danishDay } from "../../app/domain/calendar"
import type { CourseModule, Instrument } from "../../app/domain/content-schema"
import { type Answers, DONT_KNOW } from "../../app/domain/scoring"
import { closeAndPublish } from "../../app/services/admin-cycles.server"
import { ensureInstrumentVersion } from "../../app/services/instrument.server"
import type { Db, DbOrTx } from "../../db/client"
import {
  cycleInvitations,
  cycles,
  enrolments,
  type JobFamily,
  modules,
  people,
  responses,
  units,
} from "../../db/schema"
import { ensurePerson, seededRandom } from "./factories"
import { recordSubmittedAnswers } from "./learners"
import { ensureCycle } from "./survey"

export const REPORT_CYCLES = [
  { name: "Efterår 2025", opensAt: Date.UTC(2025, 8, 15), closesAt: Date.UTC(2025, 9, 31), wave: 0 },
  { name: "Forår 2026", opensAt: Date.UTC(2026, 2, 2), closesAt: Date.UTC(2026, 3, 17), wave: 1 },
] as const

/** How someone's place in the two cycles differs from answering both in the unit they are in today. */
export type TurnoverKind =
  /** answered the first cycle, then left the organisation (a former employee, inactive today) */
  | "left"
  /** hired after the first cycle: invited to and answered only the second */
  | "joined"
  /** answered both, in another unit (`from`) the first time */
  | "moved"
  /** invited to both, answered only the second */
  | "answered_second_only"
  /** invited to both, answered only the first */
  | "answered_first_only"

/** The k of the past cycles; every turnover block holds exactly this many people. */
export const REPORT_K = 5

/**
 * The demo's turnover between the two past cycles: blocks of REPORT_K people of one job family in one unit (a
 * section where the department has sections). Drawn from the unit's staff who answer, in e-mail order.
 */
export const TURNOVER: { kind: TurnoverKind; unitCode: string; jobFamily: JobFamily; from?: string }[] = [
  // Nordhavn: nurses left the emergency department and new ones were hired; cardiology's nurses skipped spring.
  { kind: "left", unitCode: "NOR-AKM", jobFamily: "nurse" },
  { kind: "joined", unitCode: "NOR-AKM", jobFamily: "nurse" },
  { kind: "answered_first_only", unitCode: "NOR-KAR", jobFamily: "nurse" },
  // Skovbrynet: doctors rotated from the orthopaedic ward to intensive care, which also hired nurses.
  { kind: "moved", unitCode: "SKO-INT", jobFamily: "doctor", from: "SKO-ORT-1" },
  { kind: "joined", unitCode: "SKO-INT", jobFamily: "nurse" },
  // Vestkysten: chemotherapy nurses left; the medical department's nurses answered for the first time in spring.
  { kind: "left", unitCode: "VES-ONK-2", jobFamily: "nurse" },
  { kind: "answered_second_only", unitCode: "VES-MED", jobFamily: "nurse" },
]

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
    const unitRows = t.select({ id: units.id, code: units.code, path: units.path }).from(units).all()
    const codeById = new Map(unitRows.map((u) => [u.id, u.code]))
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
    const participants = planTurnover(t, staff, unitRows)

    for (const spec of REPORT_CYCLES) {
      const cycleId = ensureCycle(t, {
        name: spec.name,
        instrumentHash,
        status: "open",
        opensOn: danishDay(new Date(spec.opensAt)),
        closesOn: danishDay(new Date(spec.closesAt)),
        minGroupSize: REPORT_K,
        unitIds: [region.id],
      })
      const answered = new Set(
        t
          .select({ personId: responses.personId })
          .from(responses)
          .where(eq(responses.cycleId, cycleId))
          .all()
          .map((r) => r.personId),
      )

      for (const person of participants) {
        const place = person.waves[spec.wave]
        if (!place) continue // not employed then
        t.insert(cycleInvitations)
          .values({ cycleId, personId: person.id, unitId: place.unitId, jobFamily: person.jobFamily })
          .onConflictDoNothing()
          .run()
        if (answered.has(person.id) || !place.answers) continue
        const department = departmentCode(place.path, codeById)
        const random = seededRandom(hashOf(`${spec.name}|${person.email}`))
        const base = 0.28 + (hashOf(person.email) % 1000) / 1000 / 3.2 // 0.28..0.59, the person's own start
        const growth = spec.wave === 1 ? (GROWING.has(department) ? 0.16 : 0.02) : 0
        const bias = DIMENSION_BIAS[person.jobFamily]
        const answers = answersFor(instrument, (d) => Math.min(0.97, base + growth + (bias[d] ?? 0)), random)
        const submittedAt = new Date(spec.opensAt + Math.floor(random() * (spec.closesAt - spec.opensAt)))
        // Written with the app's result writer (recordResult) rather than its submit: the turnover places a person
        // in the unit they were in then, or they have left since, and submitResponse takes the person as they are now.
        recordSubmittedAnswers(t, {
          cycleId,
          instrument,
          personId: person.id,
          unitId: place.unitId,
          jobFamily: person.jobFamily,
          answers,
          submittedAt,
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

type Staff = { id: number; email: string; unitId: number; jobFamily: JobFamily; path: string }
type Place = { unitId: number; path: string; answers: boolean }
/** A person of the past cycles: where they were invited in each (null: not employed then) and whether they answered. */
type Participant = { id: number; email: string; jobFamily: JobFamily; waves: [Place | null, Place | null] }

/**
 * Who took part in each past cycle, and where. Everyone answers (or not) as a trait of their own (70-90 % per
 * department), the same in both cycles, except the TURNOVER blocks. Former employees are added (inactive).
 */
function planTurnover(
  t: DbOrTx,
  staff: Staff[],
  unitRows: { id: number; code: string; path: string }[],
): Participant[] {
  const unitByCode = new Map(unitRows.map((u) => [u.code, u]))
  const codeById = new Map(unitRows.map((u) => [u.id, u.code]))
  const unitOf = (code: string) => {
    const unit = unitByCode.get(code)
    if (!unit) throw new Error(`Seed the demo organisation before the reports (${code})`)
    return unit
  }
  const participants = staff.map((p): Participant => {
    const participation = 0.7 + (hashOf(departmentCode(p.path, codeById)) % 21) / 100 // 70-90 % per department
    const answers = (hashOf(`answers|${p.email}`) % 1000) / 1000 < participation
    const place = { unitId: p.unitId, path: p.path, answers }
    return { id: p.id, email: p.email, jobFamily: p.jobFamily, waves: [place, { ...place }] }
  })
  const taken = new Set<number>()
  for (const [blockIndex, block] of TURNOVER.entries()) {
    const unit = unitOf(block.unitCode)
    if (block.kind === "left") {
      for (let i = 0; i < REPORT_K; i++) {
        const email = `former.${block.unitCode.toLowerCase()}.${i + 1}@parat.test`
        const id = ensurePerson(t, {
          email,
          name: `${FORMER_NAMES[(blockIndex + i) % FORMER_NAMES.length]} (fratrådt)`,
          jobFamily: block.jobFamily,
          unitId: unit.id,
          isDemo: true,
        })
        t.update(people).set({ isActive: false }).where(eq(people.id, id)).run()
        const place = { unitId: unit.id, path: unit.path, answers: true }
        participants.push({ id, email, jobFamily: block.jobFamily, waves: [place, null] })
      }
      continue
    }
    const chosen = participants
      .filter(
        (p) =>
          !taken.has(p.id) &&
          p.jobFamily === block.jobFamily &&
          p.waves[1]?.unitId === unit.id &&
          p.waves[0]?.answers,
      )
      .slice(0, REPORT_K)
    if (chosen.length < REPORT_K)
      throw new Error(`Too few ${block.jobFamily} answering in ${block.unitCode} for a turnover block`)
    for (const p of chosen) {
      taken.add(p.id)
      const [first, second] = p.waves as [Place, Place]
      if (block.kind === "joined") p.waves[0] = null
      else if (block.kind === "answered_second_only") first.answers = false
      else if (block.kind === "answered_first_only") second.answers = false
      else if (block.kind === "moved") {
        const from = unitOf(block.from ?? "")
        p.waves[0] = { unitId: from.id, path: from.path, answers: true }
      }
    }
  }
  return participants
}

const FORMER_NAMES = ["Karen Holm", "Bente Lund", "Nikolaj Friis", "Trine Kjær", "Ole Bach", "Hanne Dahl"]

/**
 * Completed Foundation modules between the cycles: most people in the growing departments, a few elsewhere. The
 * modules come from the content sync that runs first (syncContent, as at start-up). The completions are written
 * directly: through the app each would mean reading every lesson and passing the quiz (markLessonRead,
 * submitQuiz), hundreds of calls per department, which would make the seed many times slower.
 */
function seedFoundationCompletions(
  t: DbOrTx,
  catalogue: CourseModule[],
  staff: Staff[],
  codeById: Map<number, string>,
) {
  const foundation = catalogue.filter((m) => m.level === 1)
  if (foundation.length === 0) return
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
