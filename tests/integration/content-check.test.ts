import { spawnSync } from "node:child_process"
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { expect, test } from "vitest"
import { parse, stringify } from "yaml"
import { checkContent, isReachable } from "~/services/content-check.server"
import { formatContentError } from "~/services/content-loader.server"

const BROKEN = resolve("tests/fixtures/broken-courses")

/** The fixture's planted faults; its modules' missing objectives, cases and the like are tested on their own. */
function brokenErrors() {
  return checkContent(BROKEN, { requireComplete: false }).errors.map(formatContentError)
}

test("the real courses/ passes the content check", () => {
  const { errors, summary } = checkContent(resolve("courses"))
  expect(errors.map(formatContentError)).toEqual([])
  expect(summary).toMatch(/24 modules, \d+ wiki terms, handbook with \d+ phases/)
})

test("a broken wiki link in a lesson is reported with file and line", () => {
  expect(brokenErrors()).toContain(
    'modules/understanding-foundation/lessons/what-is-ai.da.md:5: broken wiki link "wiki:no-such-term": there is no wiki term "no-such-term"',
  )
})

test("a lesson without its English text is reported", () => {
  expect(brokenErrors()).toContain(
    'modules/understanding-foundation/lessons/missing-english.en.md: lesson "missing-english" has no English text',
  )
})

test("a quiz explanation without English is reported at its line", () => {
  expect(brokenErrors()).toContainEqual(
    expect.stringMatching(
      /^modules\/use-foundation\/module\.yaml:47 at quiz\.questions\.2\.explanation\.en: /,
    ),
  )
})

test("a pool smaller than twice the draw and a module with one lesson are reported", () => {
  const errors = brokenErrors()
  expect(errors).toContain(
    "modules/evaluation-foundation/module.yaml:18 at quiz.questions: the pool needs at least twice the questions an attempt draws (10, has 3)",
  )
  expect(errors).toContain(
    "modules/evaluation-foundation/module.yaml:12 at lessons: a module needs at least 2 lessons (has 1)",
  )
})

test("a module link to a missing module is reported, in lessons and in the handbook", () => {
  const errors = brokenErrors()
  expect(errors).toContain(
    'modules/data-advanced/lessons/one.da.md:3: broken module link "module:no-such-module": there is no module "no-such-module"',
  )
  expect(errors).toContain(
    'handbook/handbook.yaml:2 at intro.da: broken module link "module:missing-module": there is no module "missing-module"',
  )
})

test("wiki bodies, related terms and teaching modules are checked", () => {
  const errors = brokenErrors()
  expect(errors).toContain(
    'wiki/bias.yaml:6 at body.en: broken wiki link "wiki:ghost-term": there is no wiki term "ghost-term"',
  )
  expect(errors).toContain('wiki/bias.yaml:7 at related: related term "no-such-related" does not exist')
  expect(errors).toContain(
    'wiki/bias.yaml:8 at modules: module "no-such-module" (listed as teaching this term) does not exist',
  )
  expect(errors).toContain("wiki/: the wiki needs at least 60 terms (has 2)")
})

test("a duplicated handbook checklist id is reported at its second occurrence", () => {
  expect(brokenErrors()).toContain(
    'handbook/handbook.yaml:10 at phases.0.checklist.1.id: checklist item "need-1" appears twice',
  )
})

test("a module no path reaches and missing levels of a dimension are reported", () => {
  const errors = brokenErrors()
  expect(errors).toContainEqual(
    expect.stringMatching(
      /^modules\/data-advanced\/module\.yaml:3 at level: no path reaches module "data-advanced"/,
    ),
  )
  expect(errors).toContain('modules/: dimension "data" has no module at level 1, 2, 4')
})

test("a quiz whose key always sits in the same position is reported with its questions", () => {
  expect(brokenErrors()).toContain(
    "modules/data-advanced/module.yaml:20 at quiz.questions: the quiz gives its key away: the correct option is option 1 in 5 of 5 single-choice questions (chance allows 4): q1, q2, q3, q4, q5",
  )
})

test("the broken fixture fails as a whole and nothing else is reported", () => {
  expect(brokenErrors()).toHaveLength(24)
})

const ones = { understanding: 1, use: 1, evaluation: 1, ethics_law: 1, data: 1, implementation: 1 }
const profiles = {
  doctor: ones,
  nurse: ones,
  other_clinical: ones,
  administrative: ones,
  it_data: { ...ones, data: 3 },
  management: { ...ones, implementation: 4 },
}

test("isReachable: level 1 is for everyone, higher levels need a family whose target reaches them", () => {
  expect(isReachable({ level: 1, dimension: "use", audiences: ["doctor"] }, profiles)).toBe(true)
  expect(isReachable({ level: 3, dimension: "data", audiences: ["all"] }, profiles)).toBe(true)
  expect(isReachable({ level: 4, dimension: "data", audiences: ["all"] }, profiles)).toBe(false)
  expect(isReachable({ level: 3, dimension: "data", audiences: ["nurse", "doctor"] }, profiles)).toBe(false)
  expect(isReachable({ level: 4, dimension: "implementation", audiences: ["management"] }, profiles)).toBe(
    true,
  )
})

function runContentCheck(dir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/content-check.ts"], {
    env: { ...process.env, PARAT_COURSES_DIR: dir },
    encoding: "utf8",
  })
}

test("npm run content:check exits 1 on the broken fixture and lists each problem", () => {
  const run = runContentCheck(BROKEN)
  expect(run.status).toBe(1)
  // the 24 planted faults and, since every module must be complete, 17 completeness problems
  expect(run.stderr).toContain("Content check failed with 41 problem(s):")
  expect(run.stderr).toContain(
    "modules/understanding-foundation/lessons/what-is-ai.da.md:5: broken wiki link",
  )
  expect(run.stderr).toContain(
    "modules/data-advanced/module.yaml at cases: a module needs at least one decision case",
  )
})

test("npm run content:check exits 0 on the real courses/", () => {
  const run = runContentCheck(resolve("courses"))
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  expect(run.stdout).toMatch(/^Content check passed: /)
})

test("content:check refuses a cued v2 bank and names the file and the item's line", () => {
  const dir = mkdtempSync(join(tmpdir(), "parat-courses-"))
  try {
    cpSync(resolve("courses"), dir, { recursive: true })
    const file = join(dir, "instrument/ai-readiness.v2.yaml")
    const bank = parse(readFileSync(file, "utf8"))
    const all = bank.dimensions.flatMap((d: { knowledge: unknown[] }) => d.knowledge)
    for (const item of all.slice(0, 30)) {
      const distractor = item.options.find((o: { id: string }) => o.id !== item.correct)
      distractor.text.en = `${distractor.text.en}, always`
    }
    bank.levels[0].min = 30
    writeFileSync(file, stringify(bank))
    const errors = checkContent(dir).errors.map(formatContentError)
    const line = readFileSync(file, "utf8").split("\n").indexOf("      - id: understanding.k1") + 1
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^instrument/ai-readiness\\.v2\\.yaml:${line}: absolute words .* in \\d+ distractors but only \\d keys \\(en\\)`,
        ),
      ),
      "instrument/ai-readiness.v2.yaml: levels must follow from the modified Angoff standard setting: 39, 63, 81, 88 (the file has 30, 63, 81, 88)",
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test("every real module is complete: law date, objectives, a case, an exercise, links", () => {
  const { errors, warnings } = checkContent(resolve("courses"), { requireComplete: true })
  expect([...errors, ...warnings].map(formatContentError)).toEqual([])
})

test("content:check refuses a survey item that a module quiz asks the same way, at the item's line", () => {
  const dir = mkdtempSync(join(tmpdir(), "parat-courses-"))
  try {
    cpSync(resolve("courses"), dir, { recursive: true })
    const file = join(dir, "modules/use-foundation/module.yaml")
    const module = parse(readFileSync(file, "utf8"))
    // A writer copies survey item use.k5 into the quiz: its question and its key, in both languages.
    const bank = parse(readFileSync(join(dir, "instrument/ai-readiness.v2.yaml"), "utf8"))
    const item = bank.dimensions
      .flatMap((d: { knowledge: { id: string }[] }) => d.knowledge)
      .find((k: { id: string }) => k.id === "use.k5")
    const question = module.quiz.questions[0]
    question.text = item.text
    question.kind = "single"
    question.options = item.options.map((o: { id: string; text: unknown }) => ({ id: o.id, text: o.text }))
    question.correct = [item.correct]
    writeFileSync(file, stringify(module))
    const errors = checkContent(dir).errors.map(formatContentError)
    const v2 = readFileSync(join(dir, "instrument/ai-readiness.v2.yaml"), "utf8")
    const line = v2.split("\n").indexOf("      - id: use.k5") + 1
    expect(errors).toEqual([
      `instrument/ai-readiness.v2.yaml:${line}: survey item use.k5 asks what quiz question ${question.id} of module use-foundation asks, with the same answer (100 % of the words of question and key shared, da): rewrite the survey item (another situation or another step of the same competence), so the quiz does not give it away`,
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
