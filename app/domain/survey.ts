// Taking the survey: which answers a page may carry, what is still missing, where to resume. Pure: no I/O.
import { z } from "zod"
import { type CalendarDay, danishDay } from "./calendar"
import type { FormItem, SurveyForm } from "./form"
import { type Answer, type Answers, DONT_KNOW } from "./scoring"

/** Pages: 0 is the intro, 1..n the form's pages (one per dimension, then v2's attitudes and tools), n + 1 review. */
export function pageCount(form: SurveyForm) {
  return form.pages.length
}

export function reviewPage(form: SurveyForm) {
  return form.pages.length + 1
}

/**
 * The zod schema of one stored answer: likert 1..5 as an integer, a knowledge option id or "dont_know", a ticked
 * tool as 1 (an unticked tool has no answer).
 */
export function answerSchema(item: FormItem): z.ZodType<Answer> {
  if (item.kind === "likert") return z.number().int().min(1).max(5)
  if (item.kind === "tool") return z.literal(1)
  return z.enum([DONT_KNOW, ...item.options.map((o): string => o.id)])
}

/** Whether submitting needs an answer: every item but the tools, which are ticked or not. */
export const isRequired = (item: FormItem) => item.kind !== "tool"

/** A form value ("3", "b", "dont_know", "1") as the answer it stands for, or null when the item cannot have it. */
export function parseFormValue(item: FormItem, raw: string): Answer | null {
  const value = item.kind === "knowledge" ? raw : /^[1-5]$/.test(raw) ? Number(raw) : null
  if (value === null) return null
  return answerSchema(item).safeParse(value).success ? value : null
}

export type AnswerErrorCode = "unknownItem" | "invalidValue"
export type AnswerError = { field: string; code: AnswerErrorCode }

export type PageParse =
  | { ok: true; answers: Answers }
  | { ok: false; errors: AnswerError[]; values: Record<string, string> }

/**
 * The answers one page's form carries. Fields other than the page's own items (a forged item id, an item of
 * another page, a response id) and values an item cannot have are errors; nothing is half-accepted.
 * An unanswered radio group sends nothing: that item is simply not answered yet.
 */
export function parsePageForm(
  items: FormItem[],
  entries: Iterable<[string, FormDataEntryValue]>,
  controlFields: readonly string[] = ["intent"],
): PageParse {
  const byId = new Map(items.map((item) => [item.id, item]))
  const answers: Answers = {}
  const values: Record<string, string> = {}
  const errors: AnswerError[] = []
  const seen = new Set<string>()
  for (const [field, raw] of entries) {
    if (controlFields.includes(field)) continue
    const item = byId.get(field)
    if (!item) {
      errors.push({ field, code: "unknownItem" })
      continue
    }
    if (typeof raw !== "string" || seen.has(field)) {
      errors.push({ field, code: "invalidValue" })
      continue
    }
    seen.add(field)
    if (raw === "") continue
    values[field] = raw
    const answer = parseFormValue(item, raw)
    if (answer === null) errors.push({ field, code: "invalidValue" })
    else answers[field] = answer
  }
  return errors.length > 0 ? { ok: false, errors, values } : { ok: true, answers }
}

/** A page's answers replace that page's items in the draft; other pages stay as they were. */
export function mergePageAnswers(draft: Answers, items: FormItem[], pageAnswers: Answers): Answers {
  const merged: Answers = {}
  const onPage = new Set(items.map((item) => item.id))
  for (const [id, answer] of Object.entries(draft)) if (!onPage.has(id)) merged[id] = answer
  return { ...merged, ...pageAnswers }
}

export type MissingItem = { itemId: string; page: number }

/** Items without a valid answer, in page order: the review page lists them and submit refuses them. */
export function missingItems(form: SurveyForm, answers: Answers): MissingItem[] {
  const missing: MissingItem[] = []
  form.pages.forEach((page, d) => {
    for (const item of page.items) {
      if (!isRequired(item)) continue
      const answer = answers[item.id]
      if (answer === undefined || !answerSchema(item).safeParse(answer).success)
        missing.push({ itemId: item.id, page: d + 1 })
    }
  })
  return missing
}

export type SubmitCheck = { ok: true; answers: Answers } | { ok: false; missing: MissingItem[] }

/**
 * Re-validates a whole draft before submitting: every required item of the person's form answered with a value
 * its zod schema accepts. Keys that are no item of the form are dropped, never scored.
 */
export function checkForSubmit(form: SurveyForm, draft: unknown): SubmitCheck {
  const stored = (draft && typeof draft === "object" ? draft : {}) as Record<string, unknown>
  const answers: Answers = {}
  for (const page of form.pages) {
    for (const item of page.items) {
      const parsed = answerSchema(item).safeParse(stored[item.id])
      if (parsed.success) answers[item.id] = parsed.data
    }
  }
  const missing = missingItems(form, answers)
  return missing.length > 0 ? { ok: false, missing } : { ok: true, answers }
}

export type SurveyState = "not_started" | "in_progress" | "submitted" | "closed"

export type CycleWindow = { status: "draft" | "open" | "closed"; opensOn: CalendarDay; closesOn: CalendarDay }

/** A cycle takes answers only while it is open and it is, in Denmark, one of the days from its opening to its closing day. */
export function isCycleOpen(cycle: CycleWindow, now: Date) {
  const today = danishDay(now)
  return cycle.status === "open" && cycle.opensOn <= today && today <= cycle.closesOn
}

export type CyclePhase = "draft" | "scheduled" | "taking_answers" | "past_closing" | "closed"

/**
 * Where a cycle stands for the admin: an opened cycle takes answers only within its dates, so "open" alone would
 * hide that one has not started yet or has passed its closing date (and should be closed to reach the reports).
 */
export function cyclePhase(cycle: CycleWindow, now: Date): CyclePhase {
  if (cycle.status !== "open") return cycle.status
  if (isCycleOpen(cycle, now)) return "taking_answers"
  return danishDay(now) < cycle.opensOn ? "scheduled" : "past_closing"
}

/**
 * The state the home page and the survey page show for one cycle and the person's response. `mayTake` is the
 * one eligibility rule's answer (openCyclesForPerson: open window and a targeted unit).
 */
export function surveyState(
  mayTake: boolean,
  response: { status: "draft" | "submitted" } | null,
): SurveyState {
  if (response?.status === "submitted") return "submitted"
  if (!mayTake) return "closed"
  return response ? "in_progress" : "not_started"
}

/** Where a person continues: the page they were heading to when they last saved, within 1..review. */
export function resumePage(form: SurveyForm, savedPage: number | null) {
  if (savedPage === null || savedPage < 1) return 1
  return Math.min(savedPage, reviewPage(form))
}
