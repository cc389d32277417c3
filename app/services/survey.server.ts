// Taking the AI-readiness survey: the cycles a person is invited to, the draft saved page by page, the one final
// submit, the person's own result and their export. A person's response is always found by (cycle, person);
// no id from the browser ever picks a response.
import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm"
import type { CalendarDay } from "~/domain/calendar"
import type {
  AnyInstrument,
  Bilingual,
  Instrument,
  InstrumentItem,
  InstrumentV2,
  JobFamily,
} from "~/domain/content-schema"
import { isV2 } from "~/domain/content-schema"
import { type FormItem, type FormPage, formFor, type PageKind, type SurveyForm } from "~/domain/form"
import { type Answers, type ConfidenceGap, confidenceGap, DONT_KNOW, scoreAnswers } from "~/domain/scoring"
import {
  type AnswerError,
  checkForSubmit,
  type MissingItem,
  mergePageAnswers,
  missingItems,
  pageCount,
  parsePageForm,
  resumePage,
  reviewPage,
  type SurveyState,
  surveyState,
} from "~/domain/survey"
import { DEFAULT_MIN_GROUP_SIZE, type Language } from "~/domain/vocabulary"
import { toolSystemsForPerson } from "./ai-register.server"
import type { SessionUser } from "./auth.server"
import { cachedForDatabase, cachedFromContent } from "./cache.server"
import {
  type ContentError,
  ContentInvalidError,
  coursesDir,
  loadInstrument,
  loadInstrumentV2,
} from "./content-loader.server"
import { mayTakeCycle, openCyclesForPerson } from "./cycle-eligibility.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { getInstrumentVersion } from "./instrument.server"
import { recordResult } from "./results.server"

const { cycles, responses, results, resultScores, people } = schema

export type SurveyUser = Pick<SessionUser, "id" | "unitId">
type StoredInstrument = AnyInstrument & { hash: string }
type CycleRow = typeof cycles.$inferSelect
type ResponseRow = Pick<typeof responses.$inferSelect, "id" | "status" | "answers" | "page" | "submittedAt">

// ---------------------------------------------------------------- instrument versions

/**
 * The current instrument file (version 2), validated once per process: new cycles use it. Bad content throws
 * with every problem's file, line and path. Only the instrument is read: the survey does not wait for modules.
 */
export function getCurrentInstrument(): InstrumentV2 & { hash: string } {
  return cachedFromContent("instrument:v2", () => {
    const errors: ContentError[] = []
    const instrument = loadInstrumentV2(coursesDir(), errors)
    if (!instrument || errors.length > 0) throw new ContentInvalidError(errors)
    return instrument
  })
}

/** Version 1, as its file stands: for cycles and seeds that still use it. */
export function getInstrumentV1(): Instrument & { hash: string } {
  return cachedFromContent("instrument:v1", () => {
    const errors: ContentError[] = []
    const instrument = loadInstrument(coursesDir(), errors)
    if (!instrument || errors.length > 0) throw new ContentInvalidError(errors)
    return instrument
  })
}

// A stored version never changes (its hash names its content), so it can be kept in memory.
function instrumentOf(cycle: Pick<CycleRow, "instrumentHash">, db: Db): StoredInstrument {
  return cachedForDatabase(db, `instrument:${cycle.instrumentHash}`, () => {
    const instrument = getInstrumentVersion(cycle.instrumentHash, db)
    if (!instrument) throw new Error(`Instrument version ${cycle.instrumentHash} is not stored`)
    return instrument
  })
}

// ---------------------------------------------------------------- which cycles a person sees

function responseOf(db: DbOrTx, cycleId: number, personId: number): ResponseRow | null {
  return (
    db
      .select({
        id: responses.id,
        status: responses.status,
        answers: responses.answers,
        page: responses.page,
        submittedAt: responses.submittedAt,
      })
      .from(responses)
      .where(and(eq(responses.cycleId, cycleId), eq(responses.personId, personId)))
      .get() ?? null
  )
}

/**
 * A cycle the person may open: one they may take now (the one eligibility rule), or one they have a response
 * in (to look back on, or to be told it has closed).
 */
function cycleFor(
  db: Db,
  user: SurveyUser,
  cycleId: number,
  now: Date,
): { cycle: CycleRow; mayTake: boolean; response: ResponseRow | null } | null {
  const cycle = db
    .select()
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), ne(cycles.status, "draft")))
    .get()
  if (!cycle) return null
  const mayTake = mayTakeCycle(user.id, cycleId, db, now)
  const response = responseOf(db, cycleId, user.id)
  return mayTake || response ? { cycle, mayTake, response } : null
}

type Access = {
  cycle: CycleRow
  instrument: StoredInstrument
  /** the person's own form: v2 draws it from the bank, stable for the same person and cycle */
  form: SurveyForm
  response: ResponseRow | null
  state: SurveyState
}

/** The person's job family now (a signed-in person always has one; the fallback only satisfies the type). */
function jobFamilyOf(db: Db, personId: number): JobFamily {
  return (
    db.select({ jobFamily: people.jobFamily }).from(people).where(eq(people.id, personId)).get()?.jobFamily ??
    "administrative"
  )
}

/**
 * The person's form in a cycle. It depends on the job family now: a person whose family changes in the middle
 * of a draft gets the new family's variant, keeps every other answer, and the review page lists what is new.
 */
function formOf(db: Db, user: SurveyUser, cycle: Pick<CycleRow, "id" | "instrumentHash">): SurveyForm {
  const instrument = instrumentOf(cycle, db)
  return formFor(
    instrument,
    { personId: user.id, cycleId: cycle.id, jobFamily: jobFamilyOf(db, user.id) },
    // only version 2 asks about the register's tools
    isV2(instrument) ? toolSystemsForPerson(user.id, db) : null,
  )
}

function accessFor(db: Db, user: SurveyUser, cycleId: number, now: Date): Access | null {
  const found = cycleFor(db, user, cycleId, now)
  if (!found) return null
  const { cycle, response } = found
  const state = surveyState(found.mayTake, response)
  return { cycle, instrument: instrumentOf(cycle, db), form: formOf(db, user, cycle), response, state }
}

export type CycleSummary = {
  id: number
  name: string
  state: SurveyState
  closesOn: CalendarDay
  resumePage: number
  hasDraft: boolean
}

/**
 * The cycles to show a person: the cycles they may take now (the one eligibility rule) and the cycles they have
 * submitted (to look back on), newest first. A cycle that has closed before they submitted is not shown.
 */
export function listSurveyCycles(user: SurveyUser, db: Db = getDb(), now = new Date()): CycleSummary[] {
  const takeable = new Set(openCyclesForPerson(user.id, db, now).map((c) => c.id))
  const rows = db
    .select()
    .from(cycles)
    .where(
      and(
        ne(cycles.status, "draft"),
        or(
          inArray(cycles.id, [...takeable]),
          sql`exists (select 1 from ${responses} where ${responses.cycleId} = ${cycles.id}
            and ${responses.personId} = ${user.id} and ${responses.status} = 'submitted')`,
        ),
      ),
    )
    .orderBy(desc(cycles.opensOn), desc(cycles.id))
    .all()
  return rows.map((cycle) => {
    const response = responseOf(db, cycle.id, user.id)
    return {
      id: cycle.id,
      name: cycle.name,
      state: surveyState(takeable.has(cycle.id), response),
      closesOn: cycle.closesOn,
      resumePage: resumePage(formOf(db, user, cycle), response?.page ?? null),
      hasDraft: response?.status === "draft",
    }
  })
}

export type SurveyHomeCard =
  | { state: "none" }
  | { state: Exclude<SurveyState, "closed">; cycleId: number; cycleName: string; resumePage: number }

/** The home page's survey card: the open cycle to take first, else the latest submitted one. */
export function getSurveyHomeCard(user: SurveyUser, db: Db = getDb(), now = new Date()): SurveyHomeCard {
  const list = listSurveyCycles(user, db, now)
  const current = list.find((c) => c.state !== "submitted") ?? list[0]
  if (!current || current.state === "closed") return { state: "none" }
  return {
    state: current.state,
    cycleId: current.id,
    cycleName: current.name,
    resumePage: current.resumePage,
  }
}

export type SurveyIntro = {
  title: Bilingual
  intro: Bilingual
  minutes: number
  pageCount: number
  minGroupSize: number
}

/**
 * The survey's start page: the instrument's purpose and time (from the newest open cycle's version, else the
 * file) and the person's cycles with their state.
 */
export function getSurveyOverview(
  user: SurveyUser,
  db: Db = getDb(),
  now = new Date(),
): { intro: SurveyIntro; cycles: CycleSummary[] } {
  const list = listSurveyCycles(user, db, now)
  const open = list.find((c) => c.state !== "submitted")
  const cycle = open ? db.select().from(cycles).where(eq(cycles.id, open.id)).get() : undefined
  const instrument = cycle ? instrumentOf(cycle, db) : getCurrentInstrument()
  const form = cycle
    ? formOf(db, user, cycle)
    : formFor(
        instrument,
        { personId: user.id, cycleId: 0, jobFamily: jobFamilyOf(db, user.id) },
        toolSystemsForPerson(user.id, db),
      )
  const intro = {
    title: instrument.title,
    intro: instrument.intro,
    minutes: instrument.minutes,
    pageCount: pageCount(form),
    minGroupSize: cycle?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
  }
  return { intro, cycles: list }
}

// ---------------------------------------------------------------- pages and drafts

/** An item as the browser gets it: a knowledge item without its key. */
export type PageItem =
  | Exclude<FormItem, { kind: "knowledge" }>
  | Omit<Extract<InstrumentItem, { kind: "knowledge" }>, "correct">

export type SurveyPage = {
  cycle: { id: number; name: string }
  state: SurveyState
  page: number
  pageCount: number
  dimension: { key: string; kind: PageKind; name: Bilingual; description: Bilingual; items: PageItem[] }
  scale: Bilingual[]
  dontKnow: Bilingual
  answers: Answers
}

const withoutKey = (item: FormItem): PageItem => {
  if (item.kind !== "knowledge") return item
  const { correct: _key, ...rest } = item
  return rest
}

/** One dimension's page with the person's saved answers; null when the cycle or page is not theirs to see. */
export function getSurveyPage(
  user: SurveyUser,
  cycleId: number,
  page: number,
  db: Db = getDb(),
  now = new Date(),
): SurveyPage | null {
  const access = accessFor(db, user, cycleId, now)
  const dimension: FormPage | undefined = access?.form.pages[page - 1]
  if (!access || !dimension) return null
  const saved = access.response?.answers ?? {}
  const answers = Object.fromEntries(
    dimension.items.filter((item) => saved[item.id] !== undefined).map((item) => [item.id, saved[item.id]!]),
  )
  return {
    cycle: { id: access.cycle.id, name: access.cycle.name },
    state: access.state,
    page,
    pageCount: pageCount(access.form),
    dimension: { ...dimension, items: dimension.items.map(withoutKey) },
    scale: access.instrument.scale,
    dontKnow: access.instrument.dontKnow,
    answers,
  }
}

export type SaveOutcome =
  | { kind: "saved"; nextPage: number; reviewPage: number }
  | { kind: "invalid"; errors: AnswerError[]; values: Record<string, string> }
  | { kind: "closed" }
  | { kind: "submitted" }
  | { kind: "not_found" }

/**
 * Saves one page into the person's draft (creating it on the first page) and says where to go next. Bad input
 * saves nothing, so the stored draft stays as it was.
 */
export function saveDraftPage(
  user: SurveyUser,
  cycleId: number,
  page: number,
  direction: "next" | "back",
  entries: Iterable<[string, FormDataEntryValue]>,
  db: Db = getDb(),
  now = new Date(),
): SaveOutcome {
  const access = accessFor(db, user, cycleId, now)
  const dimension = access?.form.pages[page - 1]
  if (!access || !dimension) return { kind: "not_found" }
  if (access.state === "submitted") return { kind: "submitted" }
  if (access.state === "closed") return { kind: "closed" }
  const parsed = parsePageForm(dimension.items, entries)
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values: parsed.values }

  const review = reviewPage(access.form)
  const nextPage = direction === "next" ? page + 1 : page - 1
  const isSaved = db.transaction((tx) => {
    tx.insert(responses)
      .values({ cycleId, personId: user.id, answers: {}, page: 1, updatedAt: now })
      .onConflictDoNothing()
      .run()
    const current = responseOf(tx, cycleId, user.id)
    if (current?.status !== "draft") return false
    const answers = mergePageAnswers(current.answers, dimension.items, parsed.answers)
    tx.update(responses)
      .set({ answers, page: Math.min(Math.max(nextPage, 1), review), updatedAt: now })
      .where(and(eq(responses.id, current.id), eq(responses.status, "draft")))
      .run()
    return true
  })
  if (!isSaved) return { kind: "submitted" }
  return { kind: "saved", nextPage, reviewPage: review }
}

export type ReviewView = {
  cycle: { id: number; name: string }
  state: SurveyState
  pageCount: number
  dimensions: { key: string; name: Bilingual; page: number; answered: number; total: number }[]
  missing: (MissingItem & { text: Bilingual })[]
  /** every page's questions with the person's answer as they chose it (null: not answered yet) */
  answers: {
    key: string
    name: Bilingual
    page: number
    items: { itemId: string; question: Bilingual; answer: Bilingual | null }[]
  }[]
  hasDraft: boolean
}

/** The text of the option a person chose for an item, in both languages; null when unanswered. */
function chosenText(
  instrument: AnyInstrument,
  item: FormItem,
  answer: number | string | undefined,
): Bilingual | null {
  if (answer === undefined) return null
  if (item.kind === "tool") return answer === 1 ? item.text : null
  if (item.kind === "likert")
    return typeof answer === "number" ? (instrument.scale[answer - 1] ?? null) : null
  if (answer === DONT_KNOW) return instrument.dontKnow
  return item.options.find((o) => o.id === answer)?.text ?? null
}

export function getReview(
  user: SurveyUser,
  cycleId: number,
  db: Db = getDb(),
  now = new Date(),
): ReviewView | null {
  const access = accessFor(db, user, cycleId, now)
  if (!access) return null
  const answers = access.response?.answers ?? {}
  const missing = missingItems(access.form, answers)
  const textOf = new Map(
    access.form.pages.flatMap((d) => d.items.map((item) => [item.id, item.text] as const)),
  )
  return {
    cycle: { id: access.cycle.id, name: access.cycle.name },
    state: access.state,
    pageCount: pageCount(access.form),
    // the tools page has nothing to miss: it is left out of the count of answers
    dimensions: access.form.pages
      .map((d, i) => ({ d, page: i + 1 }))
      .filter(({ d }) => d.kind !== "tools")
      .map(({ d, page }) => ({
        key: d.key,
        name: d.name,
        page,
        total: d.items.length,
        answered: d.items.length - missing.filter((m) => m.page === page).length,
      })),
    missing: missing.map((m) => ({ ...m, text: textOf.get(m.itemId)! })),
    answers: access.form.pages.map((d, i) => ({
      key: d.key,
      name: d.name,
      page: i + 1,
      items: d.items
        .filter((item) => item.kind !== "tool" || answers[item.id] === 1)
        .map((item) => ({
          itemId: item.id,
          question: item.text,
          answer: chosenText(access.instrument, item, answers[item.id]),
        })),
    })),
    hasDraft: access.response?.status === "draft",
  }
}

// ---------------------------------------------------------------- submit

export type SubmitOutcome =
  | { kind: "submitted" }
  | { kind: "already_submitted" }
  | { kind: "closed" }
  | { kind: "missing"; missing: MissingItem[] }
  | { kind: "not_found" }

/**
 * Submits the person's draft: every answer re-validated against the cycle's instrument, then in one
 * synchronous transaction the response turns submitted (only if it still is a draft) and the scored result
 * and report aggregates are written. A second submit (double click, resend) finds it submitted and changes
 * nothing.
 */
export function submitResponse(
  user: SurveyUser,
  cycleId: number,
  db: Db = getDb(),
  now = new Date(),
): SubmitOutcome {
  const access = accessFor(db, user, cycleId, now)
  if (!access) return { kind: "not_found" }
  if (access.response?.status === "submitted") return { kind: "already_submitted" }
  if (access.state === "closed") return { kind: "closed" }
  const { instrument, form } = access
  const check = checkForSubmit(form, access.response?.answers ?? {})
  if (!check.ok || !access.response) {
    return { kind: "missing", missing: check.ok ? missingItems(form, {}) : check.missing }
  }
  const responseId = access.response.id
  const scored = scoreAnswers(instrument, form, check.answers)
  return db.transaction((t) => {
    const changed = t
      .update(responses)
      .set({ status: "submitted", answers: check.answers, submittedAt: now, updatedAt: now })
      .where(and(eq(responses.id, responseId), eq(responses.status, "draft")))
      .run().changes
    if (changed === 0) return { kind: "already_submitted" } as const
    // The unit and job family as they are now, read in the transaction: reports group by them.
    const person = t
      .select({ unitId: people.unitId, jobFamily: people.jobFamily })
      .from(people)
      .where(eq(people.id, user.id))
      .get()!
    recordResult(t, {
      responseId,
      cycleId,
      personId: user.id,
      unitId: person.unitId,
      jobFamily: person.jobFamily,
      submittedAt: now,
      scored,
    })
    return { kind: "submitted" } as const
  })
}

/** Deletes the person's unsubmitted draft in a cycle; a submitted response is final and stays. */
export function deleteDraft(
  user: SurveyUser,
  cycleId: number,
  db: Db = getDb(),
): "deleted" | "no_draft" | "submitted" {
  const response = responseOf(db, cycleId, user.id)
  if (!response) return "no_draft"
  if (response.status !== "draft") return "submitted"
  const { changes } = db
    .delete(responses)
    .where(and(eq(responses.id, response.id), eq(responses.status, "draft")))
    .run()
  return changes > 0 ? "deleted" : "submitted"
}

// ---------------------------------------------------------------- result

export type DimensionResult = {
  key: string
  name: Bilingual
  score: number | null
  level: number | null
  /** v2: the self-ratings beside the knowledge score, and how they compare */
  confidence: number | null
  gap: ConfidenceGap | null
  previous: { score: number | null; level: number | null; version: number } | null
}

export type ResultView = {
  cycle: { id: number; name: string }
  /** the instrument version the result was scored with: v1 results stay as they were scored */
  version: number
  submittedAt: Date
  previousCycle: { id: number; name: string } | null
  dimensions: DimensionResult[]
}

function scoresOf(db: Db, resultId: number) {
  return new Map(
    db
      .select({
        dimension: resultScores.dimension,
        score: resultScores.score,
        level: resultScores.level,
        confidence: resultScores.confidence,
      })
      .from(resultScores)
      .where(eq(resultScores.resultId, resultId))
      .all()
      .map((row) => [row.dimension, row] as const),
  )
}

/** The person's own result in a cycle, with their previous cycle's result beside it where there is one. */
export function getResultView(
  user: SurveyUser,
  cycleId: number,
  db: Db = getDb(),
  now = new Date(),
): { kind: "result"; view: ResultView } | { kind: "not_submitted" } | { kind: "not_found" } {
  const access = accessFor(db, user, cycleId, now)
  if (!access) return { kind: "not_found" }
  const result = db
    .select({ id: results.id, submittedAt: results.submittedAt })
    .from(results)
    .where(and(eq(results.cycleId, cycleId), eq(results.personId, user.id)))
    .get()
  if (!result) return { kind: "not_submitted" }
  const previous = db
    .select({ id: results.id, cycleId: cycles.id, name: cycles.name, instrumentHash: cycles.instrumentHash })
    .from(results)
    .innerJoin(cycles, eq(cycles.id, results.cycleId))
    .where(
      and(
        eq(results.personId, user.id),
        ne(results.cycleId, cycleId),
        lt(results.submittedAt, result.submittedAt),
      ),
    )
    .orderBy(desc(results.submittedAt))
    .limit(1)
    .get()
  const scores = scoresOf(db, result.id)
  const previousScores = previous ? scoresOf(db, previous.id) : null
  const previousVersion = previous ? instrumentOf(previous, db).version : 1
  const margin = isV2(access.instrument) ? access.instrument.blueprint.confidenceGap : 0
  const view: ResultView = {
    cycle: { id: access.cycle.id, name: access.cycle.name },
    version: access.instrument.version,
    submittedAt: result.submittedAt,
    previousCycle: previous ? { id: previous.cycleId, name: previous.name } : null,
    dimensions: access.instrument.dimensions.map((d) => {
      const own = scores.get(d.key)
      const before = previousScores?.get(d.key)
      return {
        key: d.key,
        name: d.name,
        score: own?.score ?? null,
        level: own?.level ?? null,
        confidence: own?.confidence ?? null,
        gap: confidenceGap(own?.score ?? null, own?.confidence, margin),
        previous: before ? { score: before.score, level: before.level, version: previousVersion } : null,
      }
    }),
  }
  return { kind: "result", view }
}

// ---------------------------------------------------------------- export

export type ExportedAnswer = {
  itemId: string
  dimension: string
  kind: "likert" | "knowledge" | "tool"
  question: string
  answer: number | string | null
  answerText: string | null
}

export type SurveyExport = {
  cycle: { id: number; name: string }
  instrument: { key: string; version: number; hash: string }
  status: "draft" | "submitted"
  submittedAt: string | null
  answers: ExportedAnswer[]
  /** confidence: v2's self-rating mean beside the level (null in v1) */
  scores: { dimension: string; score: number | null; level: number | null; confidence: number | null }[]
}

/** Everything stored about the person's own response in a cycle, in their language; null when there is none. */
export function exportResponse(
  user: SurveyUser,
  cycleId: number,
  lang: Language,
  db: Db = getDb(),
  now = new Date(),
): SurveyExport | null {
  const access = accessFor(db, user, cycleId, now)
  if (!access?.response) return null
  const { instrument, response, form } = access
  const textOf = (item: FormItem, answer: number | string | undefined) =>
    chosenText(instrument, item, answer)?.[lang] ?? null
  const result =
    response.status === "submitted"
      ? db.select({ id: results.id }).from(results).where(eq(results.responseId, response.id)).get()
      : undefined
  const scores = result ? scoresOf(db, result.id) : null
  return {
    cycle: { id: access.cycle.id, name: access.cycle.name },
    instrument: { key: instrument.key, version: instrument.version, hash: instrument.hash },
    status: response.status,
    submittedAt: response.submittedAt?.toISOString() ?? null,
    answers: form.pages.flatMap((d) =>
      d.items.map((item) => ({
        itemId: item.id,
        dimension: d.key,
        kind: item.kind,
        question: item.text[lang],
        answer: response.answers[item.id] ?? null,
        answerText: textOf(item, response.answers[item.id]),
      })),
    ),
    scores: scores
      ? instrument.dimensions.map((d) => ({
          dimension: d.key,
          score: scores.get(d.key)?.score ?? null,
          level: scores.get(d.key)?.level ?? null,
          confidence: scores.get(d.key)?.confidence ?? null,
        }))
      : [],
  }
}
