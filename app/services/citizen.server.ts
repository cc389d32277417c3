// The citizen track, readable by anyone without logging in: pages for patients and relatives (courses/citizen/)
// and, to learn more, the Foundation modules marked `citizen: true`.
import type { CourseModule } from "~/domain/content-schema"
import { renderMarkdown } from "~/domain/markdown"
import type { Lang } from "~/i18n/config"
import { getContent } from "./content-loader.server"
import { getToolkit } from "./toolkit-content.server"

/** The pages for patients and relatives (courses/citizen/), in their order. */
export function listCitizenPages(lang: Lang) {
  return getToolkit().citizen.map((p) => ({ slug: p.slug, title: p.title[lang], easyRead: p.easyRead[lang] }))
}

/** One page for patients and relatives with its neighbours, or null. */
export function getCitizenPage(slug: string, lang: Lang) {
  const pages = getToolkit().citizen
  const index = pages.findIndex((p) => p.slug === slug)
  if (index === -1) return null
  const page = pages[index]!
  const neighbour = (i: number) => {
    const p = pages[i]
    return p ? { slug: p.slug, title: p.title[lang] } : null
  }
  return {
    slug: page.slug,
    title: page.title[lang],
    easyRead: page.easyRead[lang],
    html: renderMarkdown(page.body[lang]),
    sources: page.sources,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  }
}

function citizenModules(): CourseModule[] {
  return getContent().modules.filter((m) => m.citizen && m.level === 1)
}

export function listCitizenModules(lang: Lang) {
  return citizenModules().map((m) => ({
    slug: m.slug,
    dimension: m.dimension,
    title: m.title[lang],
    summary: m.summary[lang],
    minutes: m.minutes,
    lessonCount: m.lessons.length,
  }))
}

/** One citizen module's overview, or null when the module is not part of the citizen track. */
export function getCitizenModule(slug: string, lang: Lang) {
  const m = citizenModules().find((c) => c.slug === slug)
  if (!m) return null
  return {
    slug: m.slug,
    dimension: m.dimension,
    title: m.title[lang],
    summary: m.summary[lang],
    minutes: m.minutes,
    lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title[lang] })),
    sources: m.sources,
  }
}

/** One lesson of a citizen module with its neighbours, or null when either does not exist. */
export function getCitizenLesson(slug: string, lessonSlug: string, lang: Lang) {
  const m = citizenModules().find((c) => c.slug === slug)
  const index = m?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1
  if (!m || index === -1) return null
  const lesson = m.lessons[index]!
  const neighbour = (i: number) => {
    const l = m.lessons[i]
    return l ? { slug: l.slug, title: l.title[lang] } : null
  }
  return {
    module: { slug: m.slug, title: m.title[lang] },
    lesson: {
      slug: lesson.slug,
      title: lesson.title[lang],
      html: renderMarkdown(m.lessonBodies[lesson.slug]![lang]),
    },
    objectives: (lesson.objectives ?? []).map((o) => o[lang]),
    figures: m.figures
      .filter((f) => f.lesson === lesson.slug)
      .map((f) => ({
        id: f.id,
        svg: m.figureSvgs[f.id]?.[lang] ?? "",
        caption: f.caption[lang],
        alt: f.alt[lang],
      })),
    position: index + 1,
    total: m.lessons.length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  }
}
