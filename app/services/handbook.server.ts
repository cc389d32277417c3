// The handbook for the good and responsible AI project, and each person's ticks in its checklists.
import { and, eq, inArray } from "drizzle-orm"
import { renderMarkdown } from "~/domain/markdown"
import { FRAMES, SCENARIOS, type Scenario } from "~/domain/toolkit-schema"
import type { Lang } from "~/i18n/config"
import { getContent } from "./content-loader.server"
import { type Db, getDb, schema } from "./db.server"
import { getToolkit } from "./toolkit-content.server"

const { handbookChecks } = schema

/** The handbook in one language, with the person's ticks (none for a visitor who is not logged in). */
export function getHandbook(personId: number | null, lang: Lang, db: Db = getDb()) {
  const handbook = getContent().handbook
  if (!handbook) return null
  const checked = new Set(
    personId === null
      ? []
      : db
          .select({ itemId: handbookChecks.itemId })
          .from(handbookChecks)
          .where(eq(handbookChecks.personId, personId))
          .all()
          .map((row) => row.itemId),
  )
  return {
    title: handbook.title[lang],
    introHtml: renderMarkdown(handbook.intro[lang]),
    phases: handbook.phases.map((phase) => ({
      key: phase.key,
      title: phase.title[lang],
      bodyHtml: renderMarkdown(phase.body[lang]),
      checklist: phase.checklist.map((item) => ({
        id: item.id,
        text: item.text[lang],
        isChecked: checked.has(item.id),
      })),
    })),
  }
}

/**
 * Saves one phase's checklist as submitted: the ticked items become checked, the phase's other items unchecked.
 * Ids that are not in the phase are ignored. Returns false when there is no such phase.
 */
export function saveHandbookPhase(
  personId: number,
  phaseKey: string,
  checkedIds: string[],
  db: Db = getDb(),
) {
  const phase = getContent().handbook?.phases.find((p) => p.key === phaseKey)
  if (!phase) return false
  const phaseIds = phase.checklist.map((item) => item.id)
  const ticked = phaseIds.filter((id) => checkedIds.includes(id))
  const now = new Date()
  db.transaction((tx) => {
    tx.delete(handbookChecks)
      .where(
        and(
          eq(handbookChecks.personId, personId),
          inArray(
            handbookChecks.itemId,
            phaseIds.filter((id) => !ticked.includes(id)),
          ),
        ),
      )
      .run()
    // An item ticked earlier keeps the time it was first ticked.
    for (const itemId of ticked)
      tx.insert(handbookChecks).values({ personId, itemId, checkedAt: now }).onConflictDoNothing().run()
  })
  return true
}

/** The four scenarios for the chooser, in the order a solution matures. */
export function listScenarios(lang: Lang) {
  const scenarios = getToolkit().scenarios
  return SCENARIOS.flatMap((key) => {
    const s = scenarios.find((x) => x.key === key)
    return s ? [{ key, title: s.title[lang], summary: s.summary[lang] }] : []
  })
}

/** One scenario's route through the phases, its four frames, its gates and the templates it uses. */
export function getScenarioRoute(key: Scenario, lang: Lang) {
  const { scenarios, templates } = getToolkit()
  const scenario = scenarios.find((s) => s.key === key)
  const phases = getContent().handbook?.phases ?? []
  if (!scenario) return null
  const phaseTitle = (phaseKey: string) => phases.find((p) => p.key === phaseKey)?.title[lang] ?? phaseKey
  return {
    key: scenario.key,
    title: scenario.title[lang],
    summary: scenario.summary[lang],
    frames: FRAMES.map((frame) => ({ frame, html: renderMarkdown(scenario.frames[frame]?.[lang] ?? "") })),
    route: scenario.route.map((step) => ({
      phase: step.phase,
      title: phaseTitle(step.phase),
      note: step.note[lang],
      gates: scenario.gates
        .filter((g) => g.after === step.phase)
        .map((g) => ({
          id: g.id,
          title: g.title[lang],
          question: g.question[lang],
          owner: g.owner[lang],
          evidence: g.evidence.map((e) => e[lang]),
          duration: g.duration[lang],
        })),
    })),
    templates: scenario.templates.flatMap((slug) => {
      const t = templates.find((x) => x.slug === slug)
      return t ? [{ slug, title: t.title[lang] }] : []
    }),
  }
}
