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
import { csvCell, toCsv } from "~/domain/survey-export"

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

const open = { status: "open" as const, opensAt: new Date(1000), closesAt: new Date(2000) }

test("a cycle is open only with status open and now in [opensAt, closesAt)", () => {
  expect(isCycleOpen(open, new Date(1000))).toBe(true)
  expect(isCycleOpen(open, new Date(1999))).toBe(true)
  expect(isCycleOpen(open, new Date(999))).toBe(false)
  expect(isCycleOpen(open, new Date(2000))).toBe(false)
  expect(isCycleOpen({ ...open, status: "closed" }, new Date(1500))).toBe(false)
  expect(isCycleOpen({ ...open, status: "draft" }, new Date(1500))).toBe(false)
})

test("the admin's cycle phase: draft, scheduled, taking answers, past closing, closed", () => {
  expect(cyclePhase({ ...open, status: "draft" }, new Date(1500))).toBe("draft")
  expect(cyclePhase(open, new Date(999))).toBe("scheduled")
  expect(cyclePhase(open, new Date(1000))).toBe("taking_answers")
  expect(cyclePhase(open, new Date(1999))).toBe("taking_answers")
  expect(cyclePhase(open, new Date(2000))).toBe("past_closing")
  expect(cyclePhase({ ...open, status: "closed" }, new Date(1500))).toBe("closed")
})

test("the survey state: not started, in progress, submitted (also after closing), closed", () => {
  const during = new Date(1500)
  const after = new Date(3000)
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

test("CSV cells are quoted when needed and never start a formula", () => {
  expect(csvCell("plain")).toBe("plain")
  expect(csvCell(42.5)).toBe("42.5")
  expect(csvCell(-3)).toBe("-3")
  expect(csvCell(null)).toBe("")
  expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"')
  expect(csvCell("line\nbreak")).toBe('"line\nbreak"')
  expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
  expect(csvCell("+1")).toBe("'+1")
  expect(csvCell("-1")).toBe("'-1")
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)")
  expect(csvCell("\tx")).toBe("'\tx")
  expect(
    toCsv([
      ["a", "b"],
      [1, null],
    ]),
  ).toBe("\uFEFFa,b\r\n1,\r\n")
})
