// The procurement kit (courses/procurement/): the clause library per scenario, the roadmap from NEED to SOLUTION,
// and the guides (market dialogue, suppliers).
import { renderMarkdown } from "~/domain/markdown"
import { CLAUSE_TOPICS, SCENARIOS, type Scenario } from "~/domain/toolkit-schema"
import type { Lang } from "~/i18n/config"
import { getToolkit } from "./toolkit-content.server"

export function listGuides(lang: Lang) {
  return getToolkit().guides.map((g) => ({ slug: g.slug, title: g.title[lang], summary: g.summary[lang] }))
}

export function getGuide(slug: string, lang: Lang) {
  const guide = getToolkit().guides.find((g) => g.slug === slug)
  return guide
    ? {
        slug,
        title: guide.title[lang],
        summary: guide.summary[lang],
        html: renderMarkdown(guide.body[lang]),
        sources: guide.sources,
      }
    : null
}

/** The clauses of one scenario (or all), grouped by scenario in maturity order and by topic in a fixed order. */
export function getClauseLibrary(lang: Lang, only: Scenario | null) {
  const library = getToolkit().clauses
  if (!library) return null
  const contractName = (key: string) => library.contracts.find((c) => c.key === key)?.name[lang] ?? key
  return {
    intro: library.intro[lang],
    contracts: library.contracts.map((c) => ({ key: c.key, name: c.name[lang], use: c.use[lang] })),
    scenarios: SCENARIOS.filter((s) => only === null || s === only).map((scenario) => ({
      scenario,
      clauses: CLAUSE_TOPICS.flatMap((topic) =>
        library.clauses
          .filter((c) => c.scenario === scenario && c.topic === topic)
          .map((c) => ({
            topic,
            demand: c.demand[lang],
            why: c.why[lang],
            contracts: c.contracts.map((ref) => ({
              key: ref.key,
              name: contractName(ref.key),
              where: ref.where[lang],
            })),
          })),
      ),
    })),
    sources: library.sources,
  }
}

export function getRoadmap(lang: Lang) {
  const roadmap = getToolkit().roadmap
  const scenarios = getToolkit().scenarios
  if (!roadmap) return null
  return {
    intro: roadmap.intro[lang],
    stages: roadmap.stages.map((s) => ({
      scenario: s.scenario,
      title: scenarios.find((x) => x.key === s.scenario)?.title[lang] ?? s.scenario,
      hospital: s.hospital.map((h) => h[lang]),
      supplier: s.supplier.map((h) => h[lang]),
      nextStep: s.nextStep[lang],
    })),
    sources: roadmap.sources,
  }
}
