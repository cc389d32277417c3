// The demo learners and how a person gets a submitted survey result of given levels in a closed cycle (through the
// app's result writer). Apart from learning.ts so that the browser fixtures can import it without the cycle seeding
// (which reaches the mail service and its translations, JSON that Playwright's loader does not import).
import { and, eq } from "drizzle-orm"
import type { Dimension, Instrument, Level } from "../../app/domain/content-schema"
import { type Answers, scoreDimension, scoreResponse } from "../../app/domain/scoring"
import { recordResult } from "../../app/services/results.server"
import type { DbOrTx } from "../../db/client"
import { cycleInvitations, type JobFamily, type Language, responses } from "../../db/schema"

export const LEARNING_CYCLE_NAME = "Forår 2026"

/** The demo learners and the level they reach in each dimension of the spring survey. */
export const DEMO_LEARNERS: {
  email: string
  name: string
  jobFamily: JobFamily
  unitCode: string
  language: Language
  levels: Record<Dimension, Level>
}[] = [
  {
    email: "learner.one@parat.test",
    name: "Lone Læring",
    jobFamily: "nurse",
    unitCode: "NOR-AKM",
    language: "da",
    levels: { understanding: 1, use: 0, evaluation: 1, ethics_law: 2, data: 0, implementation: 1 },
  },
  {
    email: "learner.two@parat.test",
    name: "Leo Learner",
    jobFamily: "administrative",
    unitCode: "SKO-ADM",
    language: "en",
    levels: { understanding: 1, use: 1, evaluation: 0, ethics_law: 1, data: 0, implementation: 2 },
  },
]

type ScoringInstrument = Pick<Instrument, "dimensions" | "levels" | "minAnsweredShare">

/**
 * Answers that give exactly `level` in every dimension: the first combination (all agreement answers the same,
 * the first n knowledge checks right) that lands on the level. Throws if the instrument cannot produce it.
 */
export function answersForLevels(instrument: ScoringInstrument, levels: Record<Dimension, Level>): Answers {
  const answers: Answers = {}
  for (const dimension of instrument.dimensions) {
    const knowledge = dimension.items.filter((i) => i.kind === "knowledge")
    let found: Answers | null = null
    for (let value = 1; value <= 5 && !found; value++) {
      for (let right = 0; right <= knowledge.length && !found; right++) {
        const candidate: Answers = {}
        for (const item of dimension.items) {
          if (item.kind === "likert") candidate[item.id] = item.reverse ? 6 - value : value
        }
        knowledge.forEach((item, i) => {
          const wrong = item.options.find((o) => o.id !== item.correct)!.id
          candidate[item.id] = i < right ? item.correct : wrong
        })
        if (scoreDimension(dimension, candidate, instrument).level === levels[dimension.key])
          found = candidate
      }
    }
    if (!found) throw new Error(`no answers give level ${levels[dimension.key]} in ${dimension.key}`)
    Object.assign(answers, found)
  }
  return answers
}

/**
 * Invites a person to a closed cycle and gives them a submitted response whose answers score exactly `levels`,
 * scored and recorded (result, scores, report aggregates) by the app's own result writer (recordResult, which the
 * survey's submit calls): the cycle is closed, so the app's submit itself would refuse. Does nothing if the person
 * already answered the cycle. Used by the demo learners and by browser tests that need a person with a path.
 */
export function recordSubmittedResult(
  t: DbOrTx,
  input: {
    cycleId: number
    instrument: ScoringInstrument
    personId: number
    unitId: number
    jobFamily: JobFamily
    levels: Record<Dimension, Level>
    submittedAt: Date
  },
) {
  const { cycleId, instrument, personId, unitId, jobFamily, submittedAt } = input
  t.insert(cycleInvitations).values({ cycleId, personId, unitId, jobFamily }).onConflictDoNothing().run()
  const hasResponse = t
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.cycleId, cycleId), eq(responses.personId, personId)))
    .get()
  if (hasResponse) return
  recordSubmittedAnswers(t, {
    cycleId,
    instrument,
    personId,
    unitId,
    jobFamily,
    answers: answersForLevels(instrument, input.levels),
    submittedAt,
  })
}

/**
 * Writes a person's submitted response with these answers and records its result (scores, report aggregates)
 * with the app's own result writer, recordResult, which the survey's submit calls. For seeds whose cycles are
 * closed or whose people have moved since, where the app's submit would refuse or place them wrongly.
 */
export function recordSubmittedAnswers(
  t: DbOrTx,
  input: {
    cycleId: number
    instrument: ScoringInstrument
    personId: number
    unitId: number
    jobFamily: JobFamily
    answers: Answers
    submittedAt: Date
  },
) {
  const { cycleId, instrument, personId, unitId, jobFamily, answers, submittedAt } = input
  const { id: responseId } = t
    .insert(responses)
    .values({
      cycleId,
      personId,
      status: "submitted",
      answers,
      page: instrument.dimensions.length,
      updatedAt: submittedAt,
      submittedAt,
    })
    .returning({ id: responses.id })
    .get()
  recordResult(t, {
    responseId,
    cycleId,
    personId,
    unitId,
    jobFamily,
    submittedAt,
    scored: scoreResponse(instrument, answers),
  })
}
