import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, expect, test } from "vitest"
import { stringify } from "yaml"
import {
  type ContentError,
  formatContentError,
  loadAllContent,
  loadModules,
} from "~/services/content-loader.server"
import { makeCoursesDir, moduleYaml } from "../fixtures/learning-content"

let dirs: ReturnType<typeof makeCoursesDir>[] = []
afterEach(() => {
  for (const d of dirs) d.cleanup()
  dirs = []
})
function courses() {
  const d = makeCoursesDir()
  dirs.push(d)
  return d
}
function load(root: string) {
  const errors: ContentError[] = []
  const modules = loadModules(root, errors)
  return { modules, errors, messages: errors.map(formatContentError) }
}

test("valid modules load with their lessons in both languages and a content hash", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation" })
  c.writeModule({ slug: "use-practitioner", level: 2, prerequisites: ["use-foundation"] })
  const { modules, errors } = load(c.root)
  expect(errors).toEqual([])
  expect(modules.map((m) => m.slug)).toEqual(["use-foundation", "use-practitioner"])
  expect(modules[0]!.lessonBodies.first!.en).toContain("first en")
  expect(modules[0]!.contentHash).toMatch(/^[0-9a-f]{16}$/)
})

test("the real course modules in courses/ pass validation, whatever their number", () => {
  const { modules, errors } = load(join(process.cwd(), "courses"))
  // Modules still being written are reported, never silently dropped; every complete one loads.
  for (const e of errors) expect(formatContentError(e)).toMatch(/^modules\//)
  expect(modules.length).toBeGreaterThan(0)
})

test("broken YAML is reported with its file and line", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation" }, "slug: use-foundation\nlevel: [1\n")
  const { messages } = load(c.root)
  expect(messages[0]).toMatch(/^modules\/use-foundation\/module\.yaml:\d+: /)
})

test("a level outside 1-4 is reported with the line and path of the field", () => {
  const c = courses()
  const yaml = stringify({ ...moduleYaml({ slug: "use-foundation" }), level: 5 })
  c.writeModule({ slug: "use-foundation" }, yaml)
  const line = yaml.split("\n").findIndex((l) => l.startsWith("level:")) + 1
  const { messages } = load(c.root)
  expect(messages).toHaveLength(1)
  expect(messages[0]).toContain(`modules/use-foundation/module.yaml:${line} at level:`)
})

test("a single-choice question with two correct options and a correct id that is no option are refused", () => {
  const c = courses()
  const meta = moduleYaml({ slug: "use-foundation" })
  meta.quiz.questions[0]!.correct = ["a", "b"]
  meta.quiz.questions[1]!.correct = ["a", "z"]
  c.writeModule({ slug: "use-foundation" }, stringify(meta))
  const { messages } = load(c.root)
  expect(messages.some((m) => m.includes("quiz.questions.0.correct") && m.includes("exactly one"))).toBe(true)
  expect(messages.some((m) => m.includes("quiz.questions.1.correct") && m.includes('"z"'))).toBe(true)
})

test("a missing lesson text names the file and the language", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation" })
  rmSync(join(c.root, "modules", "use-foundation", "lessons", "second.en.md"))
  const { messages } = load(c.root)
  expect(messages).toEqual([
    'modules/use-foundation/lessons/second.en.md: lesson "second" has no English text',
  ])
})

test("an empty lesson text is refused", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation" })
  writeFileSync(join(c.root, "modules", "use-foundation", "lessons", "first.da.md"), "  \n")
  expect(load(c.root).messages[0]).toContain("lesson text is empty")
})

test("a slug that does not match its folder is refused", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation" }, stringify(moduleYaml({ slug: "use-other" })))
  expect(load(c.root).messages).toContain(
    'modules/use-foundation/module.yaml at slug: slug "use-other" must match the folder "use-foundation"',
  )
})

test("an unknown prerequisite is refused", () => {
  const c = courses()
  c.writeModule({ slug: "use-practitioner", prerequisites: ["use-nothing"] })
  expect(load(c.root).messages[0]).toContain('unknown prerequisite "use-nothing"')
})

test("a prerequisite cycle is refused at content load, naming the cycle", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation", prerequisites: ["use-advanced"] })
  c.writeModule({ slug: "use-practitioner", prerequisites: ["use-foundation"] })
  c.writeModule({ slug: "use-advanced", prerequisites: ["use-practitioner"] })
  const { messages } = load(c.root)
  expect(messages).toHaveLength(1)
  expect(messages[0]).toMatch(
    /prerequisites form a cycle: use-advanced -> use-practitioner -> use-foundation -> use-advanced/,
  )
})

test("a module that is its own prerequisite is refused", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation", prerequisites: ["use-foundation"] })
  expect(load(c.root).messages.some((m) => m.includes("cannot be its own prerequisite"))).toBe(true)
})

test("loadAllContent reports module problems alongside the rest, so start-up fails loudly", () => {
  const c = courses()
  c.writeModule({ slug: "use-foundation", prerequisites: ["use-foundation"] })
  const { errors } = loadAllContent(c.root)
  expect(errors.map((e) => e.file)).toContain("modules/use-foundation/module.yaml")
})
