import { expect, test } from "vitest"
import { ModuleMeta } from "~/domain/content-schema"
import { completenessProblems } from "~/domain/module-completeness"
import { moduleYaml } from "../fixtures/learning-content"

const t = (s: string) => ({ da: `${s} (da)`, en: `${s} (en)` })
const choice = (id: string, best = false) => ({ id, text: t(`choice ${id}`), feedback: t(`why ${id}`), best })
const decisionCase = (choices = [choice("a"), choice("b", true), choice("c")], lesson = "first") => ({
  id: "case-1",
  lesson,
  title: t("A case"),
  situation: t("A radiographer in the CT department sees a flag."),
  question: t("What do you do?"),
  choices,
})
const exercise = (minutes = 10, lesson = "first") => ({
  id: "exercise-1",
  lesson,
  title: t("An exercise"),
  task: t("Do this with a colleague."),
  minutes,
  guidance: t("A good answer names the intended purpose."),
})
const figure = {
  id: "roc",
  lesson: "first",
  file: { da: "figures/roc.da.svg", en: "figures/roc.en.svg" },
  caption: t("ROC"),
  alt: t("The curve"),
}
const withObjectives = (m: ReturnType<typeof moduleYaml>) => ({
  ...m,
  lessons: m.lessons.map((l) => ({ ...l, objectives: [t("You can explain"), t("You can judge")] })),
})
const complete = () => ({
  ...withObjectives(moduleYaml({ slug: "data-foundation", lawAsOf: "2026-11-25" })),
  cases: [decisionCase()],
  exercises: [exercise()],
  figures: [figure],
})
const issues = (value: unknown) => {
  const r = ModuleMeta.safeParse(value)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)
}

test("a module in the shape of COURSE-SCHEMA.md parses, and a minutes field of its own is refused", () => {
  expect(issues(complete())).toEqual([])
  expect(issues({ ...complete(), minutes: 40 })).toEqual([': Unrecognized key: "minutes"'])
  expect(completenessProblems(ModuleMeta.parse(complete()))).toEqual([])
})

test("a case needs exactly one best choice among 3 to 4", () => {
  const noBest = { ...complete(), cases: [decisionCase([choice("a"), choice("b"), choice("c")])] }
  expect(issues(noBest)).toEqual(["cases.0.choices: a case has exactly one choice with best: true (has 0)"])
  const twoBest = {
    ...complete(),
    cases: [decisionCase([choice("a", true), choice("b", true), choice("c")])],
  }
  expect(issues(twoBest)).toEqual(["cases.0.choices: a case has exactly one choice with best: true (has 2)"])
  const two = { ...complete(), cases: [decisionCase([choice("a", true), choice("b")])] }
  expect(issues(two)).toContain("cases.0.choices: a case has 3 or 4 choices")
})

test("cases, exercises and figures must point to a lesson of the module", () => {
  const m = {
    ...complete(),
    cases: [decisionCase(undefined, "nowhere")],
    exercises: [exercise(10, "elsewhere")],
  }
  expect(issues(m)).toEqual([
    'cases.0.lesson: case-1 points to lesson "nowhere", which the module does not have',
    'exercises.0.lesson: exercise-1 points to lesson "elsewhere", which the module does not have',
  ])
})

test("exercise minutes lie between 5 and 20, objectives number 2 to 4, figure files are SVGs under figures/", () => {
  expect(issues({ ...complete(), exercises: [exercise(30)] })).toEqual([
    "exercises.0.minutes: an exercise takes 5 to 20 minutes",
  ])
  const one = complete()
  one.lessons[0]!.objectives = [t("Only one")]
  expect(issues(one)).toEqual(["lessons.0.objectives: 2 to 4 objectives per lesson"])
  const png = {
    ...complete(),
    figures: [{ ...figure, file: { da: "figures/roc.da.png", en: "../roc.en.svg" } }],
  }
  expect(issues(png)).toHaveLength(2)
})

test("completeness names what a module still lacks: law date, objectives, a case, an exercise, source links", () => {
  const bare = ModuleMeta.parse({
    ...moduleYaml({ slug: "data-foundation" }),
    sources: [{ title: "A web page without its link" }],
  })
  expect(completenessProblems(bare).map((p) => `${p.path}: ${p.message}`)).toEqual([
    "lawAsOf: lawAsOf is missing: the date the law and facts were last checked",
    'lessons.0.objectives: lesson "first" has no objectives',
    'lessons.1.objectives: lesson "second" has no objectives',
    "cases: a module needs at least one decision case",
    "exercises: a module needs at least one exercise",
    'sources.0.url: source "A web page without its link" has no url: link the published text',
  ])
})
