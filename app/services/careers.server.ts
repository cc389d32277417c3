// Career paths for non-clinical staff (courses/careers/careers.yaml): roles to grow into, with the levels and
// modules that lead there. Shown on the learning path of the job families a role names.
import type { JobFamily } from "~/domain/vocabulary"
import type { Lang } from "~/i18n/config"
import { getContent } from "./content-loader.server"
import { getToolkit } from "./toolkit-content.server"

function viewRoles(lang: Lang, family: JobFamily | null) {
  const careers = getToolkit().careers
  if (!careers) return null
  const modules = getContent().modules
  return {
    intro: careers.intro[lang],
    roles: careers.roles
      .filter((r) => family === null || r.families.includes(family))
      .map((r) => ({
        slug: r.slug,
        title: r.title[lang],
        summary: r.summary[lang],
        startingPoints: r.startingPoints[lang],
        steps: r.steps.map((s) => ({
          level: s.level,
          title: s.title[lang],
          description: s.description[lang],
          modules: s.modules.flatMap((slug) => {
            const m = modules.find((x) => x.slug === slug)
            return m ? [{ slug, title: m.title[lang] }] : []
          }),
        })),
      })),
  }
}

export function listCareers(lang: Lang) {
  return viewRoles(lang, null)
}

/** The roles a job family can grow into (none for the clinical families and management). */
export function careersForFamily(family: JobFamily, lang: Lang) {
  return viewRoles(lang, family)?.roles ?? []
}
