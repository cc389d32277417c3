// The one loader for courses/: reads every file, validates it with the zod schemas of app/domain/content-schema.ts
// and reports each problem with its file, line and path inside the file.
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { isMap, isSeq, LineCounter, parseDocument } from "yaml"
import type { z } from "zod"
import {
  type Bilingual,
  type CourseModule,
  findPrerequisiteCycle,
  Handbook,
  Instrument,
  InstrumentV2,
  ModuleMeta,
  RoleProfiles,
  WikiTerm,
} from "~/domain/content-schema"
import { moduleMinutes } from "~/domain/course-minutes"
import { svgProblems } from "~/domain/svg-figure"
import { env } from "~/env.server"
import { cachedFromContent, forgetContent } from "./cache.server"

export type ContentError = { file: string; line?: number; path?: string; message: string }

export type Content = {
  /** version 1: kept for cycles that used it and for the demo's past cycles */
  instrument: Instrument & { hash: string }
  /** version 2: the current instrument, the default for new cycles */
  instrumentV2: InstrumentV2 & { hash: string }
  modules: CourseModule[]
  profiles: RoleProfiles
  wiki: WikiTerm[]
  handbook: Handbook | null
}

export class ContentInvalidError extends Error {
  constructor(readonly errors: ContentError[]) {
    super(`Course content is invalid:\n${errors.map(formatContentError).join("\n")}`)
  }
}

export function formatContentError(e: ContentError) {
  return `${e.file}${e.line ? `:${e.line}` : ""}${e.path ? ` at ${e.path}` : ""}: ${e.message}`
}

let chosenDir: string | undefined

/** The course content's folder: PARAT_COURSES_DIR (default courses/), or what setCoursesDir chose. */
export function coursesDir() {
  return chosenDir ?? resolve(env.PARAT_COURSES_DIR)
}

/** Reads content from another folder from now on (tests); forgets everything derived from the old content. */
export function setCoursesDir(dir: string | undefined) {
  chosenDir = dir === undefined ? undefined : resolve(dir)
  forgetContent()
}

/** Canonical JSON (sorted keys), so the hash names the content, not its formatting. */
export function contentHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex")
    .slice(0, 16)
}

/** Parses one YAML file against a schema; problems go into `errors` with line numbers. */
export function readYaml<S extends z.ZodType>(
  root: string,
  file: string,
  schema: S,
  errors: ContentError[],
): z.output<S> | null {
  const name = relative(root, file) || file
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch {
    errors.push({ file: name, message: "file is missing or unreadable" })
    return null
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      errors.push({ file: name, line: lineCounter.linePos(e.pos[0]).line, message: e.message })
    return null
  }
  const result = schema.safeParse(doc.toJS())
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const path = issue.path.map(String)
    errors.push({
      file: name,
      line: lineOf(doc, lineCounter, issue.path),
      path: path.join("."),
      message: issue.message,
    })
  }
  return null
}

function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: PropertyKey[]) {
  // Walk as deep as the path exists, so a missing key points at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as
      | { range?: [number, number] }
      | undefined
    if (node && typeof node === "object" && "range" in node && node.range)
      return lineCounter.linePos(node.range[0]).line
    if (depth === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return 1
  }
  return undefined
}

function listDirs(dir: string) {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : []
}

export function loadInstrument(
  root: string,
  errors: ContentError[],
  file = "instrument/ai-readiness.v1.yaml",
) {
  const instrument = readYaml(root, join(root, file), Instrument, errors)
  return instrument ? { ...instrument, hash: contentHash(instrument) } : null
}

export const INSTRUMENT_V2_FILE = "instrument/ai-readiness.v2.yaml"

export function loadInstrumentV2(root: string, errors: ContentError[], file = INSTRUMENT_V2_FILE) {
  const instrument = readYaml(root, join(root, file), InstrumentV2, errors)
  return instrument ? { ...instrument, hash: contentHash(instrument) } : null
}

export function loadModules(root: string, errors: ContentError[]): CourseModule[] {
  const modulesDir = join(root, "modules")
  const modules: CourseModule[] = []
  for (const dir of listDirs(modulesDir)) {
    const meta = readYaml(root, join(modulesDir, dir, "module.yaml"), ModuleMeta, errors)
    if (!meta) continue
    const file = relative(root, join(modulesDir, dir, "module.yaml"))
    if (meta.slug !== dir)
      errors.push({ file, path: "slug", message: `slug "${meta.slug}" must match the folder "${dir}"` })
    const lessonBodies: CourseModule["lessonBodies"] = {}
    for (const lesson of meta.lessons) {
      const body = { da: "", en: "" }
      for (const lang of ["da", "en"] as const) {
        const path = join(modulesDir, dir, "lessons", `${lesson.slug}.${lang}.md`)
        if (!existsSync(path)) {
          errors.push({
            file: relative(root, path),
            message: `lesson "${lesson.slug}" has no ${lang === "da" ? "Danish" : "English"} text`,
          })
          continue
        }
        body[lang] = readFileSync(path, "utf8")
        if (body[lang].trim() === "")
          errors.push({ file: relative(root, path), message: "lesson text is empty" })
      }
      lessonBodies[lesson.slug] = body
    }
    const figureSvgs = readFigures(root, join(modulesDir, dir), meta.figures, errors)
    const rest = meta
    const minutes = moduleMinutes({
      lessonTexts: Object.values(lessonBodies).map((b) => b.da),
      cases: meta.cases.length,
      exerciseMinutes: meta.exercises.map((e) => e.minutes),
      quizDraw: meta.quiz.draw,
    }).total
    modules.push({
      ...rest,
      minutes,
      lessonBodies,
      figureSvgs,
      contentHash: contentHash({ meta: rest, lessonBodies, figureSvgs }),
    })
  }
  const slugs = new Set(modules.map((m) => m.slug))
  for (const m of modules) {
    for (const p of m.prerequisites) {
      if (!slugs.has(p))
        errors.push({
          file: `modules/${m.slug}/module.yaml`,
          path: "prerequisites",
          message: `unknown prerequisite "${p}"`,
        })
    }
  }
  const cycle = findPrerequisiteCycle(modules)
  if (cycle)
    errors.push({
      file: `modules/${cycle[0]}/module.yaml`,
      path: "prerequisites",
      message: `prerequisites form a cycle: ${cycle.join(" -> ")}`,
    })
  return modules
}

/** Reads each figure's SVG per language; a missing file or one that breaks the SVG rules is an error. */
function readFigures(
  root: string,
  moduleDir: string,
  figures: CourseModule["figures"],
  errors: ContentError[],
): Record<string, Bilingual> {
  const svgs: Record<string, Bilingual> = {}
  for (const figure of figures) {
    const svg = { da: "", en: "" }
    for (const lang of ["da", "en"] as const) {
      const path = join(moduleDir, figure.file[lang])
      const file = relative(root, path)
      if (!existsSync(path)) {
        errors.push({
          file,
          message: `figure "${figure.id}" has no ${lang === "da" ? "Danish" : "English"} file`,
        })
        continue
      }
      const text = readFileSync(path, "utf8")
      const problems = svgProblems(text)
      for (const message of problems) errors.push({ file, message: `figure "${figure.id}": ${message}` })
      if (problems.length === 0) svg[lang] = text.replace(/^<\?xml[^>]*\?>\s*/, "").trim()
    }
    svgs[figure.id] = svg
  }
  return svgs
}

export function loadWiki(root: string, errors: ContentError[]): WikiTerm[] {
  const dir = join(root, "wiki")
  if (!existsSync(dir)) return []
  const terms: WikiTerm[] = []
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    const term = readYaml(root, join(dir, name), WikiTerm, errors)
    if (!term) continue
    if (`${term.slug}.yaml` !== name)
      errors.push({
        file: `wiki/${name}`,
        path: "slug",
        message: `slug "${term.slug}" must match the file name`,
      })
    terms.push(term)
  }
  return terms
}

/** Loads and validates everything under courses/. Never throws: problems come back as errors. */
export function loadAllContent(root = coursesDir()): { content: Content | null; errors: ContentError[] } {
  const errors: ContentError[] = []
  const instrument = loadInstrument(root, errors)
  const instrumentV2 = loadInstrumentV2(root, errors)
  const modules = loadModules(root, errors)
  const profiles = readYaml(root, join(root, "paths.yaml"), RoleProfiles, errors) as RoleProfiles | null
  const wiki = loadWiki(root, errors)
  const handbookPath = join(root, "handbook", "handbook.yaml")
  const handbook = existsSync(handbookPath) ? readYaml(root, handbookPath, Handbook, errors) : null
  if (!instrument || !instrumentV2 || !profiles) return { content: null, errors }
  return { content: { instrument, instrumentV2, modules, profiles, wiki, handbook }, errors }
}

// Loaded once (synced at start-up, app/services/content-sync.server.ts); bad content fails start-up loudly with
// every problem listed.
export function getContent(): Content {
  return cachedFromContent("content", () => {
    const { content, errors } = loadAllContent()
    if (!content || errors.length > 0) throw new ContentInvalidError(errors)
    return content
  })
}
