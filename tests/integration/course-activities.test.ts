// Loading and serving a module's objectives, decision cases, exercises and figures, and its computed minutes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeEach, expect, test } from "vitest"
import { stringify } from "yaml"
import { action as lessonAction, loader as lessonLoader } from "~/routes/learn.modules.$slug.lessons.$lesson"
import { checkCompleteness } from "~/services/content-check.server"
import {
  type ContentError,
  formatContentError,
  getContent,
  loadModules,
} from "~/services/content-loader.server"
import { makeFullCoursesDir, moduleYaml, useCoursesDir } from "../fixtures/learning-content"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

const t = (s: string) => ({ da: `${s} (da)`, en: `${s} (en)` })
const svg = (label: string, extra = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" role="img"><title>${label}</title><desc>A line.</desc><path d="M0 100 L200 0" stroke="#0b4f6c" fill="none"/><text x="10" y="90" font-size="14" fill="#1b1f24">${label}</text>${extra}</svg>`

/** data-foundation with objectives, a case, an exercise and a figure; use-foundation stays plain. */
function writeRich(root: string, figureSvg = svg("Sensitivitet")) {
  const dir = join(root, "modules", "data-foundation")
  const base = moduleYaml({ slug: "data-foundation", dimension: "data", lawAsOf: "2026-11-25" })
  const rest = base
  const meta = {
    ...rest,
    lessons: rest.lessons.map((l) => ({ ...l, objectives: [t("You can name"), t("You can judge")] })),
    cases: [
      {
        id: "case-1",
        lesson: "first",
        title: t("Porter and the flag"),
        situation: t("A porter sees a flag"),
        question: t("What now"),
        choices: [
          { id: "a", text: t("Ask the nurse"), feedback: t("Right: the nurse decides"), best: true },
          { id: "b", text: t("Ignore it"), feedback: t("No: someone must act") },
          { id: "c", text: t("Call IT"), feedback: t("Not first: the patient comes first") },
        ],
      },
    ],
    exercises: [
      {
        id: "exercise-1",
        lesson: "first",
        title: t("Map"),
        task: t("Draw the flow"),
        minutes: 15,
        guidance: t("Names every step"),
      },
    ],
    figures: [
      {
        id: "flow",
        lesson: "first",
        file: { da: "figures/flow.da.svg", en: "figures/flow.en.svg" },
        caption: t("The data flow"),
        alt: t("Data go from the ward to the model"),
      },
    ],
  }
  writeFileSync(join(dir, "module.yaml"), stringify(meta))
  // 900 Danish words over the two lessons: 5 minutes of reading
  for (const lesson of ["first", "second"]) {
    writeFileSync(
      join(dir, "lessons", `${lesson}.da.md`),
      `## Afsnit\n\n${Array(448).fill("ord").join(" ")}\n`,
    )
    writeFileSync(join(dir, "lessons", `${lesson}.en.md`), "## Section\n\nShort English.\n")
  }
  mkdirSync(join(dir, "figures"), { recursive: true })
  writeFileSync(join(dir, "figures", "flow.da.svg"), figureSvg)
  writeFileSync(join(dir, "figures", "flow.en.svg"), svg("Sensitivity"))
}

const courses = makeFullCoursesDir([
  { slug: "use-foundation" },
  { slug: "data-foundation", dimension: "data" },
])
writeRich(courses.root)
afterAll(() => courses.cleanup())

let cookie: string
beforeEach(async () => {
  useCoursesDir(courses.root)
  testDb()
  cookie = await loginCookie("employee@parat.test")
})

const path = "/learn/modules/data-foundation/lessons/first"
const params = { slug: "data-foundation", lesson: "first" }
const post = (form: Record<string, string>) => makeRequest(path, { cookie: `${cookie}; parat_lang=en`, form })

test("a module's minutes are computed from its Danish words and its activities, not from module.yaml", () => {
  const m = getContent().modules.find((x) => x.slug === "data-foundation")!
  // 900 words / 180 = 5, one case 3, one exercise 15, a quiz drawing 5 questions 5
  expect(m.minutes).toBe(28)
  expect(m.figureSvgs.flow!.da).toContain("<title>Sensitivitet</title>")
  expect(m.figureSvgs.flow!.en).toContain("<title>Sensitivity</title>")
})

test("the lesson page carries objectives, the case without its feedback, the exercise and the figure", async () => {
  const data = (await lessonLoader({
    request: makeRequest(path, { cookie: `${cookie}; parat_lang=en` }),
    params,
    context: {},
  })) as {
    page: Record<string, unknown>
  }
  expect(data.page.objectives).toEqual(["You can name (en)", "You can judge (en)"])
  expect(JSON.stringify(data.page.cases)).not.toContain("feedback")
  expect(JSON.stringify(data.page.cases)).not.toContain("best")
  expect(data.page.exercises).toMatchObject([
    { id: "exercise-1", minutes: 15, guidance: "Names every step (en)" },
  ])
  expect(data.page.figures).toMatchObject([{ id: "flow", caption: "The data flow (en)" }])
})

test("choosing in a case returns the feedback on that choice; no choice is a translated 400", async () => {
  const answered = asResponse(
    await lessonAction({
      request: post({ intent: "case", caseId: "case-1", choice: "b" }),
      params,
      context: {},
    }),
  )
  expect(answered.status).toBe(200)
  const body = await answered.json()
  expect(body.caseAnswer).toMatchObject({ caseId: "case-1", choiceId: "b", isBest: false })
  expect(body.caseAnswer.choices.find((c: { best: boolean }) => c.best).id).toBe("a")

  const none = asResponse(
    await lessonAction({
      request: post({ intent: "case", caseId: "case-1" }),
      params,
      context: {},
    }),
  )
  expect(none.status).toBe(400)
  expect(await none.json()).toEqual({ caseError: { caseId: "case-1", message: "case.chooseFirst" } })

  const unknown = asResponse(
    await lessonAction({
      request: post({ intent: "case", caseId: "case-9", choice: "a" }),
      params,
      context: {},
    }),
  )
  expect(unknown.status).toBe(400)
})

test("a missing figure file and an SVG with a script are refused at load, naming the file", () => {
  const other = makeFullCoursesDir([{ slug: "data-foundation", dimension: "data" }])
  try {
    writeRich(other.root, svg("x", "<script>alert(1)</script>"))
    const errors: ContentError[] = []
    loadModules(other.root, errors)
    expect(errors.map(formatContentError)).toEqual([
      'modules/data-foundation/figures/flow.da.svg: figure "flow": <script> is not allowed',
    ])
    writeFileSync(join(other.root, "modules", "data-foundation", "figures", "flow.da.svg"), svg("ok"))
    const yamlPath = join(other.root, "modules", "data-foundation", "module.yaml")
    writeFileSync(
      yamlPath,
      readFileSync(yamlPath, "utf8").replace("figures/flow.en.svg", "figures/gone.en.svg"),
    )
    const again: ContentError[] = []
    loadModules(other.root, again)
    expect(again.map(formatContentError)).toEqual([
      'modules/data-foundation/figures/gone.en.svg: figure "flow" has no English file',
    ])
  } finally {
    other.cleanup()
  }
})

test("content:check names what an incomplete module lacks, with file and line, and passes a complete one", () => {
  const problems = checkCompleteness(courses.root, getContent()).map(formatContentError)
  expect(problems.filter((p) => p.includes("data-foundation"))).toEqual([])
  expect(problems).toEqual([
    "modules/use-foundation/module.yaml at lawAsOf: lawAsOf is missing: the date the law and facts were last checked",
    'modules/use-foundation/module.yaml:17 at lessons.0.objectives: lesson "first" has no objectives',
    'modules/use-foundation/module.yaml:21 at lessons.1.objectives: lesson "second" has no objectives',
    "modules/use-foundation/module.yaml at cases: a module needs at least one decision case",
    "modules/use-foundation/module.yaml at exercises: a module needs at least one exercise",
  ])
})
