import { expect, test } from "vitest"
import type { SurveyForm } from "~/domain/form"
import { DONT_KNOW } from "~/domain/scoring"
import {
  checkForSubmit,
  cyclePhase,
  isCycleOpen,
  mergePageAnswers,
  missingItems,
  pageCount,
  parseFormValue,
  parsePageForm,
  resumePage,
  reviewPage,
  surveyState,
} from "~/domain/survey"

const t = { da: "x", en: "x" }
const opts = [
  { id: "a" as const, text: t },
  { id: "b" as const, text: t },
  { id: "c" as const, text: t },
]
const instrument: SurveyForm = {
  pages: [
    {
      key: "understanding",
      kind: "dimension",
      name: t,
      description: t,
      items: [
        { id: "understanding.s1", kind: "likert", reverse: false, text: t },
        { id: "understanding.k1", kind: "knowledge", text: t, options: opts, correct: "b" },
      ],
    },
    {
      key: "use",
      kind: "dimension",
      name: t,
      description: t,
      items: [{ id: "use.s1", kind: "likert", reverse: true, text: t }],
    },
  ],
}
const page1 = instrument.pages[0]!.items
const likert = page1[0]!
const knowledge = page1[1]!

test("form values: likert 1..5 as integers, knowledge option ids and don't know; nothing else", () => {
  expect(parseFormValue(likert, "1")).toBe(1)
  expect(parseFormValue(likert, "5")).toBe(5)
  for (const bad of ["0", "6", "2.5", " 3", "3 ", "", "b", "1e0", DONT_KNOW])
    expect(parseFormValue(likert, bad)).toBeNull()
  expect(parseFormValue(knowledge, "a")).toBe("a")
  expect(parseFormValue(knowledge, DONT_KNOW)).toBe(DONT_KNOW)
  for (const bad of ["d", "A", "1", "", "dont know"]) expect(parseFormValue(knowledge, bad)).toBeNull()
})

test("a page form with valid answers gives them; an unanswered radio group is simply not answered", () => {
  expect(
    parsePageForm(page1, [
      ["intent", "next"],
      ["understanding.s1", "4"],
    ]),
  ).toEqual({
    ok: true,
    answers: { "understanding.s1": 4 },
  })
  expect(
    parsePageForm(page1, [
      ["intent", "next"],
      ["understanding.k1", ""],
    ]),
  ).toEqual({ ok: true, answers: {} })
})

test("a forged item id, another page's item or a response id is refused, with nothing half-accepted", () => {
  const forged = parsePageForm(page1, [
    ["understanding.s1", "4"],
    ["understanding.s9", "4"],
    ["use.s1", "2"],
    ["responseId", "17"],
  ])
  expect(forged).toEqual({
    ok: false,
    errors: [
      { field: "understanding.s9", code: "unknownItem" },
      { field: "use.s1", code: "unknownItem" },
      { field: "responseId", code: "unknownItem" },
    ],
    values: { "understanding.s1": "4" },
  })
})

test("an out-of-range value or a field sent twice is an invalid value", () => {
  expect(parsePageForm(page1, [["understanding.s1", "7"]])).toMatchObject({
    ok: false,
    errors: [{ field: "understanding.s1", code: "invalidValue" }],
  })
  expect(
    parsePageForm(page1, [
      ["understanding.s1", "2"],
      ["understanding.s1", "3"],
    ]),
  ).toMatchObject({ ok: false, errors: [{ field: "understanding.s1", code: "invalidValue" }] })
  const file = new File(["x"], "x.txt")
  expect(parsePageForm(page1, [["understanding.s1", file]])).toMatchObject({
    ok: false,
    errors: [{ field: "understanding.s1", code: "invalidValue" }],
  })
})

test("a page's answers replace that page's items in the draft and leave other pages alone", () => {
  const draft = { "understanding.s1": 2, "understanding.k1": "a", "use.s1": 5 }
  expect(mergePageAnswers(draft, page1, { "understanding.s1": 4 })).toEqual({
    "understanding.s1": 4,
    "use.s1": 5,
  })
})

test("missing items are listed in page order, with invalid stored values counted as missing", () => {
  expect(missingItems(instrument, {})).toEqual([
    { itemId: "understanding.s1", page: 1 },
    { itemId: "understanding.k1", page: 1 },
    { itemId: "use.s1", page: 2 },
  ])
  expect(
    missingItems(instrument, { "understanding.s1": 9, "understanding.k1": DONT_KNOW, "use.s1": 1 }),
  ).toEqual([{ itemId: "understanding.s1", page: 1 }])
})

test("submit re-validates the whole draft: all answered passes, stray keys are dropped", () => {
  expect(
    checkForSubmit(instrument, { "understanding.s1": 3, "understanding.k1": "c", "use.s1": 2, "old.s1": 4 }),
  ).toEqual({ ok: true, answers: { "understanding.s1": 3, "understanding.k1": "c", "use.s1": 2 } })
  expect(
    checkForSubmit(instrument, { "understanding.s1": "3", "understanding.k1": "c", "use.s1": 2 }),
  ).toEqual({
    ok: false,
    missing: [{ itemId: "understanding.s1", page: 1 }],
  })
  expect(checkForSubmit(instrument, null)).toMatchObject({ ok: false, missing: { length: 3 } })
})

// Closes on Christmas Eve: open until midnight Danish time, and from midnight Danish time on its first day.
const open = { status: "open" as const, opensOn: "2026-12-01", closesOn: "2026-12-24" }

test("a cycle is open from 00:00 Danish time on its first day to 24:00 Danish time on its last", () => {
  expect(isCycleOpen(open, new Date("2026-11-30T22:59:59Z"))).toBe(false) // 23:59 in Copenhagen, 30 November
  expect(isCycleOpen(open, new Date("2026-11-30T23:00:00Z"))).toBe(true) // 00:00 in Copenhagen, 1 December
  expect(isCycleOpen(open, new Date("2026-12-24T22:59:59Z"))).toBe(true) // 23:59 on Christmas Eve
  expect(isCycleOpen(open, new Date("2026-12-24T23:00:00Z"))).toBe(false) // 00:00 on Christmas Day
  expect(isCycleOpen({ ...open, status: "closed" }, new Date("2026-12-10T12:00:00Z"))).toBe(false)
  expect(isCycleOpen({ ...open, status: "draft" }, new Date("2026-12-10T12:00:00Z"))).toBe(false)
})

test("a summer cycle follows Danish summer time (UTC+2)", () => {
  const summer = { status: "open" as const, opensOn: "2026-06-01", closesOn: "2026-06-30" }
  expect(isCycleOpen(summer, new Date("2026-05-31T22:00:00Z"))).toBe(true)
  expect(isCycleOpen(summer, new Date("2026-05-31T21:59:59Z"))).toBe(false)
  expect(isCycleOpen(summer, new Date("2026-06-30T21:59:59Z"))).toBe(true)
  expect(isCycleOpen(summer, new Date("2026-06-30T22:00:00Z"))).toBe(false)
})

test("the admin's cycle phase: draft, scheduled, taking answers, past closing, closed", () => {
  const during = new Date("2026-12-10T12:00:00Z")
  expect(cyclePhase({ ...open, status: "draft" }, during)).toBe("draft")
  expect(cyclePhase(open, new Date("2026-11-30T22:00:00Z"))).toBe("scheduled")
  expect(cyclePhase(open, new Date("2026-11-30T23:00:00Z"))).toBe("taking_answers")
  expect(cyclePhase(open, new Date("2026-12-24T22:59:00Z"))).toBe("taking_answers")
  expect(cyclePhase(open, new Date("2026-12-24T23:00:00Z"))).toBe("past_closing")
  expect(cyclePhase({ ...open, status: "closed" }, during)).toBe("closed")
})

test("the survey state: not started, in progress, submitted (also after closing), closed", () => {
  const during = new Date("2026-12-10T12:00:00Z")
  const after = new Date("2027-01-10T12:00:00Z")
  const isOpenDuring = isCycleOpen(open, during)
  const isOpenAfter = isCycleOpen(open, after)
  expect(surveyState(isOpenDuring, null)).toBe("not_started")
  expect(surveyState(isOpenDuring, { status: "draft" })).toBe("in_progress")
  expect(surveyState(isOpenDuring, { status: "submitted" })).toBe("submitted")
  expect(surveyState(isOpenAfter, { status: "submitted" })).toBe("submitted")
  expect(surveyState(isOpenAfter, { status: "draft" })).toBe("closed")
  expect(surveyState(isOpenAfter, null)).toBe("closed")
})

test("pages: one per dimension, then review; resume stays within 1..review", () => {
  expect(pageCount(instrument)).toBe(2)
  expect(reviewPage(instrument)).toBe(3)
  expect(resumePage(instrument, null)).toBe(1)
  expect(resumePage(instrument, 0)).toBe(1)
  expect(resumePage(instrument, 2)).toBe(2)
  expect(resumePage(instrument, 3)).toBe(3)
  expect(resumePage(instrument, 12)).toBe(3)
})
