// Workshop kits (courses/workshops/): facilitated formats that deepen modules. A module page lists the kits
// that name it, so the link lives in the kit's file and the module files stay untouched.
import { renderMarkdown } from "~/domain/markdown"
import type { Lang } from "~/i18n/config"
import { getContent } from "./content-loader.server"
import { getToolkit } from "./toolkit-content.server"

export function listWorkshops(lang: Lang) {
  return getToolkit().workshops.map((w) => ({
    slug: w.slug,
    title: w.title[lang],
    goal: w.goal[lang],
    minutes: w.minutes,
  }))
}

export function getWorkshop(slug: string, lang: Lang) {
  const kit = getToolkit().workshops.find((w) => w.slug === slug)
  if (!kit) return null
  const modules = getContent().modules
  return {
    slug: kit.slug,
    title: kit.title[lang],
    goal: kit.goal[lang],
    audience: kit.audience[lang],
    minutes: kit.minutes,
    agenda: kit.agenda.map((a) => ({ minutes: a.minutes, title: a.title[lang], activity: a.activity[lang] })),
    materials: kit.materials.map((m) => m[lang]),
    cases: kit.cases.map((c) => ({ title: c.title[lang], html: renderMarkdown(c.body[lang]) })),
    debrief: kit.debrief.map((d) => d[lang]),
    modules: kit.modules.flatMap((slug) => {
      const m = modules.find((x) => x.slug === slug)
      return m ? [{ slug, title: m.title[lang] }] : []
    }),
    sources: kit.sources,
  }
}

/** The kits that deepen one module, for its page. */
export function workshopsForModule(moduleSlug: string, lang: Lang) {
  return getToolkit()
    .workshops.filter((w) => w.modules.includes(moduleSlug))
    .map((w) => ({ slug: w.slug, title: w.title[lang], minutes: w.minutes }))
}
