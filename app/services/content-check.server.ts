// Whole-catalogue checks on top of the schema validation: the content check of `npm run content:check`.
// Every problem names its file (and line where it can be found), so a writer can fix it without reading code.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { extractContentLinks } from "~/domain/content-links"
import { DIMENSIONS, JOB_FAMILIES, LEVELS } from "~/domain/content-schema"
import { checkBank } from "~/domain/instrument-check"
import { findItemOverlaps } from "~/domain/item-overlap"
import { completenessProblems } from "~/domain/module-completeness"
import { findQuizCues } from "~/domain/quiz-cues"
import { checkToolkit } from "~/domain/toolkit-check"
import {
  type Content,
  type ContentError,
  coursesDir,
  INSTRUMENT_V2_FILE,
  loadAllContent,
} from "./content-loader.server"
import { loadToolkit } from "./toolkit-content.server"

export const MIN_WIKI_TERMS = 60
/** questions an attempt draws at least; the pool holds at least twice the draw */
export const MIN_QUIZ_DRAW = 5
export const MIN_LESSONS = 2

/**
 * Whether a module without lawAsOf, objectives, a case, an exercise or source links fails the check (on since every
 * module has them). Switched off, those problems are listed as warnings, for completing a new catalogue in steps.
 */
export const COMPLETENESS_IS_REQUIRED = true

export type ContentCheckOptions = { minWikiTerms?: number; requireComplete?: boolean }

export function checkContent(root = coursesDir(), options: ContentCheckOptions = {}) {
  const { content, errors } = loadAllContent(root)
  const all: ContentError[] = [...errors]
  const warnings: ContentError[] = []
  if (!content) return { errors: all, warnings, summary: "", counts: null }
  all.push(...checkCatalogue(root, content, options))
  const incomplete = checkCompleteness(root, content)
  if (options.requireComplete ?? COMPLETENESS_IS_REQUIRED) all.push(...incomplete)
  else warnings.push(...incomplete)
  all.push(...checkToolkitFiles(root, content, all))
  const v2 = content.instrumentV2
  const bank = v2.dimensions.reduce((n, d) => n + d.knowledge.length, 0)
  const summary = `instrument ${content.instrument.key} v${content.instrument.version} (${content.instrument.hash}) and v${v2.version} (${v2.hash}, ${bank} knowledge items), ${content.modules.length} modules, ${content.wiki.length} wiki terms, handbook ${content.handbook ? `with ${content.handbook.phases.length} phases` : "absent"}`
  const counts = {
    instrument: content.instrument.key,
    v1: content.instrument.version,
    v2: v2.version,
    knowledgeItems: bank,
    modules: content.modules.length,
    wikiTerms: content.wiki.length,
    handbookPhases: content.handbook?.phases.length ?? 0,
  }
  return { errors: all, warnings, summary, counts }
}

/** Per module: lawAsOf, objectives on every lesson, a case, an exercise, a url for every source. */
export function checkCompleteness(root: string, content: Content): ContentError[] {
  const lineFinder = makeLineFinder(root)
  return content.modules.flatMap((m) => {
    const file = `modules/${m.slug}/module.yaml`
    return completenessProblems(m).map((p) => ({
      file,
      line: lineFinder(file, p.near ?? `${p.path.split(".")[0]}:`),
      path: p.path,
      message: p.message,
    }))
  })
}

/** The handbook's toolkit: its schema errors go into `errors`, its cross-file problems are returned with lines. */
function checkToolkitFiles(root: string, content: Content, errors: ContentError[]): ContentError[] {
  const toolkit = loadToolkit(root, errors)
  const lineFinder = makeLineFinder(root)
  return checkToolkit(toolkit, {
    modules: new Set(content.modules.map((m) => m.slug)),
    phases: new Set(content.handbook?.phases.map((p) => p.key) ?? []),
  }).map((p) => ({
    file: p.file,
    line: p.needle ? lineFinder(p.file, p.needle) : undefined,
    path: p.path,
    message: p.message,
  }))
}

/** The cross-file rules: links, references, quiz size, the four levels per dimension, reachability. */
export function checkCatalogue(root: string, content: Content, options: ContentCheckOptions = {}) {
  const errors: ContentError[] = []
  const wikiSlugs = new Set(content.wiki.map((t) => t.slug))
  const moduleSlugs = new Set(content.modules.map((m) => m.slug))
  const lineFinder = makeLineFinder(root)

  /** Checks the wiki: and module: links of one Markdown text. */
  const checkLinks = (markdown: string, file: string, where: { path?: string; lineOffset?: number }) => {
    for (const link of extractContentLinks(markdown)) {
      const known = link.kind === "wiki" ? wikiSlugs : moduleSlugs
      if (known.has(link.target)) continue
      const needle = `${link.kind}:${link.target}`
      errors.push({
        file,
        line: where.lineOffset === undefined ? lineFinder(file, `(${needle})`) : where.lineOffset + link.line,
        path: where.path,
        message:
          link.kind === "wiki"
            ? `broken wiki link "${needle}": there is no wiki term "${link.target}"`
            : `broken module link "${needle}": there is no module "${link.target}"`,
      })
    }
  }

  for (const m of content.modules) {
    const file = `modules/${m.slug}/module.yaml`
    if (m.lessons.length < MIN_LESSONS)
      errors.push({
        file,
        line: lineFinder(file, "lessons:"),
        path: "lessons",
        message: `a module needs at least ${MIN_LESSONS} lessons (has ${m.lessons.length})`,
      })
    if (m.quiz.draw < MIN_QUIZ_DRAW)
      errors.push({
        file,
        line: lineFinder(file, "draw:"),
        path: "quiz.draw",
        message: `an attempt draws at least ${MIN_QUIZ_DRAW} questions (draws ${m.quiz.draw})`,
      })
    if (m.quiz.questions.length < 2 * m.quiz.draw)
      errors.push({
        file,
        line: lineFinder(file, "questions:"),
        path: "quiz.questions",
        message: `the pool needs at least twice the questions an attempt draws (${2 * m.quiz.draw}, has ${m.quiz.questions.length})`,
      })
    for (const cue of findQuizCues(m.quiz.questions)) {
      errors.push({
        file,
        line: cue.questionId ? lineFinder(file, `- id: ${cue.questionId}`) : lineFinder(file, "questions:"),
        path: cue.questionId ? `quiz.questions.${cue.questionId}` : "quiz.questions",
        message: `the quiz gives its key away: ${cue.message}`,
      })
    }
    if (m.citizen && m.level !== 1)
      errors.push({
        file,
        line: lineFinder(file, "citizen:"),
        path: "citizen",
        message: "only level 1 (Foundation) modules can be part of the citizen track",
      })
    for (const [lesson, body] of Object.entries(m.lessonBodies)) {
      for (const lang of ["da", "en"] as const) {
        checkLinks(body[lang], `modules/${m.slug}/lessons/${lesson}.${lang}.md`, { lineOffset: 0 })
      }
    }
  }

  for (const term of content.wiki) {
    const file = `wiki/${term.slug}.yaml`
    for (const lang of ["da", "en"] as const) checkLinks(term.body[lang], file, { path: `body.${lang}` })
    for (const related of term.related) {
      if (!wikiSlugs.has(related))
        errors.push({
          file,
          line: lineFinder(file, "related:"),
          path: "related",
          message: `related term "${related}" does not exist`,
        })
      if (related === term.slug)
        errors.push({ file, path: "related", message: "a term cannot be related to itself" })
    }
    for (const moduleSlug of term.modules) {
      if (!moduleSlugs.has(moduleSlug))
        errors.push({
          file,
          line: lineFinder(file, "modules:"),
          path: "modules",
          message: `module "${moduleSlug}" (listed as teaching this term) does not exist`,
        })
    }
  }
  const minWikiTerms = options.minWikiTerms ?? MIN_WIKI_TERMS
  if (content.wiki.length < minWikiTerms)
    errors.push({
      file: "wiki/",
      message: `the wiki needs at least ${minWikiTerms} terms (has ${content.wiki.length})`,
    })

  if (content.handbook) errors.push(...checkHandbook(content.handbook, checkLinks, lineFinder))

  errors.push(...checkCoverage(content, lineFinder))
  errors.push(...checkInstrumentBank(content, lineFinder))
  return errors
}

/**
 * The v2 item bank: no cued keys, a source per item, a form for every job family, Angoff thresholds, and no item
 * that a module quiz asks the same way (the quiz would teach the answer, and growth would be item exposure).
 */
function checkInstrumentBank(content: Content, lineFinder: LineFinder): ContentError[] {
  const itemLine = (itemId: string) => lineFinder(INSTRUMENT_V2_FILE, `id: ${itemId}`)
  const errors: ContentError[] = checkBank(content.instrumentV2).map((problem) => ({
    file: INSTRUMENT_V2_FILE,
    line: problem.itemId ? itemLine(problem.itemId) : undefined,
    message: problem.message,
  }))
  const items = content.instrumentV2.dimensions.flatMap((d) =>
    d.knowledge.map((k) => ({
      id: k.id,
      text: k.text,
      keys: k.options.filter((o) => o.id === k.correct).map((o) => o.text),
    })),
  )
  const quizQuestions = content.modules.flatMap((m) =>
    m.quiz.questions.map((q) => ({
      id: `${m.slug}/${q.id}`,
      text: q.text,
      keys: q.options.filter((o) => q.correct.includes(o.id)).map((o) => o.text),
    })),
  )
  for (const overlap of findItemOverlaps(items, quizQuestions)) {
    const [slug, questionId] = overlap.questionId.split("/")
    errors.push({
      file: INSTRUMENT_V2_FILE,
      line: itemLine(overlap.itemId),
      message: `survey item ${overlap.itemId} asks what quiz question ${questionId} of module ${slug} asks, with the same answer (${Math.round(overlap.similarity * 100)} % of the words of question and key shared, ${overlap.lang}): rewrite the survey item (another situation or another step of the same competence), so the quiz does not give it away`,
    })
  }
  return errors
}

/** The line of the nth (default first) line of a file that contains a text. */
type LineFinder = (file: string, needle: string, occurrence?: number) => number | undefined

function checkHandbook(
  handbook: NonNullable<Content["handbook"]>,
  checkLinks: (markdown: string, file: string, where: { path?: string }) => void,
  lineFinder: LineFinder,
) {
  const file = "handbook/handbook.yaml"
  const errors: ContentError[] = []
  for (const lang of ["da", "en"] as const) checkLinks(handbook.intro[lang], file, { path: `intro.${lang}` })
  const phaseKeys = new Set<string>()
  const itemIds = new Set<string>()
  handbook.phases.forEach((phase, p) => {
    if (phaseKeys.has(phase.key))
      errors.push({
        file,
        line: lineFinder(file, `key: ${phase.key}`),
        path: `phases.${p}.key`,
        message: `phase "${phase.key}" appears twice`,
      })
    phaseKeys.add(phase.key)
    for (const lang of ["da", "en"] as const)
      checkLinks(phase.body[lang], file, { path: `phases.${p}.body.${lang}` })
    phase.checklist.forEach((item, i) => {
      // Ticks are stored per item id, so an id must be unique in the whole handbook.
      if (itemIds.has(item.id))
        errors.push({
          file,
          line: lineFinder(file, `id: ${item.id}`, 2),
          path: `phases.${p}.checklist.${i}.id`,
          message: `checklist item "${item.id}" appears twice`,
        })
      itemIds.add(item.id)
    })
  })
  return errors
}

/** Every dimension has a module at every level, and every module is reached by some path. */
function checkCoverage(content: Content, lineFinder: LineFinder) {
  const errors: ContentError[] = []
  for (const dimension of DIMENSIONS) {
    const missing = LEVELS.filter(
      (level) => !content.modules.some((m) => m.dimension === dimension && m.level === level),
    )
    if (missing.length > 0)
      errors.push({
        file: "modules/",
        message: `dimension "${dimension}" has no module at level ${missing.join(", ")}`,
      })
  }
  for (const m of content.modules) {
    if (!isReachable(m, content.profiles.profiles)) {
      const file = `modules/${m.slug}/module.yaml`
      errors.push({
        file,
        line: lineFinder(file, "level:"),
        path: "level",
        message: `no path reaches module "${m.slug}": no job family in its audiences has a target of level ${m.level} or more in "${m.dimension}" (courses/paths.yaml)`,
      })
    }
  }
  return errors
}

/** Level 1 is for everyone; a higher module needs a job family in its audiences whose target reaches its level. */
export function isReachable(
  m: Pick<Content["modules"][number], "level" | "dimension" | "audiences">,
  profiles: Content["profiles"]["profiles"],
) {
  if (m.level === 1) return true
  const families = m.audiences.includes("all")
    ? JOB_FAMILIES
    : JOB_FAMILIES.filter((f) => m.audiences.includes(f))
  return families.some((family) => profiles[family][m.dimension] >= m.level)
}

/** Finds lines for errors the YAML parser cannot place (links inside texts, duplicates). */
function makeLineFinder(root: string): LineFinder {
  const cache = new Map<string, string[]>()
  return (file, needle, occurrence = 1) => {
    let lines = cache.get(file)
    if (!lines) {
      try {
        lines = readFileSync(join(root, file), "utf8").split("\n")
      } catch {
        lines = []
      }
      cache.set(file, lines)
    }
    let seen = 0
    const index = lines.findIndex((line) => line.includes(needle) && ++seen === occurrence)
    return index === -1 ? undefined : index + 1
  }
}
