// Handbook templates a project lead fills in, saved per person, and the colleagues a person shares their
// handbook project with (read access to ticks and filled templates).
import { and, eq, inArray } from "drizzle-orm"
import { formatInstantDay } from "~/domain/calendar"
import { parseTemplateValues, readStoredValues, type TemplateValues } from "~/domain/template-values"
import type { Template } from "~/domain/toolkit-schema"
import type { Lang } from "~/i18n/config"
import type { getFixedT } from "~/i18n/i18n.server"
import { getContent } from "./content-loader.server"
import { type Db, getDb, schema } from "./db.server"
import { getToolkit } from "./toolkit-content.server"

const { handbookTemplateEntries: entries, handbookShares: shares, handbookChecks, people } = schema

export function listTemplates(lang: Lang) {
  return getToolkit().templates.map((t) => ({ slug: t.slug, title: t.title[lang], purpose: t.purpose[lang] }))
}

function findTemplate(slug: string) {
  return getToolkit().templates.find((t) => t.slug === slug) ?? null
}

/** A template in one language with the values given (a person's saved values, or what they just posted). */
function viewTemplate(template: Template, values: TemplateValues, lang: Lang) {
  return {
    slug: template.slug,
    title: template.title[lang],
    purpose: template.purpose[lang],
    sources: template.sources,
    sections: template.sections.map((section) => ({
      title: section.title[lang],
      help: section.help?.[lang] ?? null,
      fields: section.fields.map((f) => ({
        id: f.id,
        kind: f.kind,
        label: f.label[lang],
        help: f.help[lang],
        options: (f.options ?? []).map((o) => ({ id: o.id, label: o.label[lang] })),
        value: values[f.id] ?? "",
        /** the value as a reader sees it: a choice shows its label */
        shown:
          f.kind === "choice"
            ? (f.options?.find((o) => o.id === values[f.id])?.label[lang] ?? "")
            : (values[f.id] ?? ""),
      })),
    })),
  }
}
export type TemplateView = ReturnType<typeof viewTemplate>

function storedEntry(personId: number, slug: string, db: Db) {
  return db
    .select({ fieldValues: entries.fieldValues, updatedAt: entries.updatedAt })
    .from(entries)
    .where(and(eq(entries.personId, personId), eq(entries.templateSlug, slug)))
    .get()
}

/** A template with the person's saved values (none for a visitor), or null when there is no such template. */
export function getTemplate(personId: number | null, slug: string, lang: Lang, db: Db = getDb()) {
  const template = findTemplate(slug)
  if (!template) return null
  const entry = personId === null ? undefined : storedEntry(personId, slug, db)
  return {
    template: viewTemplate(template, readStoredValues(template, entry?.fieldValues ?? null), lang),
    updatedAt: entry?.updatedAt ?? null,
  }
}

/**
 * The line under a printed, downloaded or shared template: who filled it in and when they last saved it, or that
 * it is the blank template (a visitor, or nothing saved yet).
 */
export function templateByline(
  t: Awaited<ReturnType<typeof getFixedT>>,
  filledBy: string | null,
  updatedAt: Date | null,
  lang: Lang,
) {
  return filledBy !== null && updatedAt
    ? t("toolkit:template.filledBy", { name: filledBy, date: formatInstantDay(updatedAt, lang) })
    : t("toolkit:template.blank")
}

/** The template filled with values that failed validation, so the form shows what the person typed. */
export function getTemplateWithValues(slug: string, values: TemplateValues, lang: Lang) {
  const template = findTemplate(slug)
  return template ? viewTemplate(template, values, lang) : null
}

/** Validates and saves a person's values; null when there is no such template. */
export function saveTemplate(personId: number, slug: string, posted: TemplateValues, db: Db = getDb()) {
  const template = findTemplate(slug)
  if (!template) return null
  const result = parseTemplateValues(template, posted)
  if (!result.ok) return result
  const fieldValues = JSON.stringify(result.values)
  const updatedAt = new Date()
  db.insert(entries)
    .values({ personId, templateSlug: slug, fieldValues, updatedAt })
    .onConflictDoUpdate({ target: [entries.personId, entries.templateSlug], set: { fieldValues, updatedAt } })
    .run()
  return result
}

// ---------------------------------------------------------------- sharing

export type ShareOutcome = "shared" | "unknown" | "self" | "already"

/** Shares the person's handbook project with the colleague who has this e-mail address. */
export function shareProject(ownerId: number, email: string, db: Db = getDb()): ShareOutcome {
  const viewer = db
    .select({ id: people.id, isActive: people.isActive, erasedAt: people.erasedAt })
    .from(people)
    .where(eq(people.email, email.trim().toLowerCase()))
    .get()
  if (!viewer || !viewer.isActive || viewer.erasedAt) return "unknown"
  if (viewer.id === ownerId) return "self"
  const inserted = db.insert(shares).values({ ownerId, viewerId: viewer.id }).onConflictDoNothing().run()
  return inserted.changes === 0 ? "already" : "shared"
}

export function unshareProject(ownerId: number, viewerId: number, db: Db = getDb()) {
  return (
    db
      .delete(shares)
      .where(and(eq(shares.ownerId, ownerId), eq(shares.viewerId, viewerId)))
      .run().changes > 0
  )
}

/** Who can read the person's project, and whose projects the person can read. */
export function listShares(personId: number, db: Db = getDb()) {
  const sharedWith = db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(shares)
    .innerJoin(people, eq(people.id, shares.viewerId))
    .where(eq(shares.ownerId, personId))
    .orderBy(people.name)
    .all()
  const sharedWithMe = db
    .select({ id: people.id, name: people.name })
    .from(shares)
    .innerJoin(people, eq(people.id, shares.ownerId))
    .where(and(eq(shares.viewerId, personId), eq(people.isActive, true)))
    .orderBy(people.name)
    .all()
  return { sharedWith, sharedWithMe }
}

/** A colleague's project as the viewer may read it, or null when it is not shared with the viewer. */
export function getSharedProject(viewerId: number, ownerId: number, lang: Lang, db: Db = getDb()) {
  const share = db
    .select({ name: people.name })
    .from(shares)
    .innerJoin(people, eq(people.id, shares.ownerId))
    .where(and(eq(shares.ownerId, ownerId), eq(shares.viewerId, viewerId), eq(people.isActive, true)))
    .get()
  if (!share) return null
  const ticked = new Set(
    db
      .select({ itemId: handbookChecks.itemId })
      .from(handbookChecks)
      .where(eq(handbookChecks.personId, ownerId))
      .all()
      .map((r) => r.itemId),
  )
  const phases = (getContent().handbook?.phases ?? []).map((phase) => ({
    key: phase.key,
    title: phase.title[lang],
    items: phase.checklist.map((item) => ({
      id: item.id,
      text: item.text[lang],
      isChecked: ticked.has(item.id),
    })),
  }))
  const slugs = getToolkit().templates.map((t) => t.slug)
  const rows = db
    .select({ slug: entries.templateSlug, fieldValues: entries.fieldValues, updatedAt: entries.updatedAt })
    .from(entries)
    .where(and(eq(entries.personId, ownerId), inArray(entries.templateSlug, slugs)))
    .all()
  const templates = rows.flatMap((row) => {
    const template = findTemplate(row.slug)
    return template
      ? [
          {
            view: viewTemplate(template, readStoredValues(template, row.fieldValues), lang),
            updatedAt: row.updatedAt,
          },
        ]
      : []
  })
  return { ownerName: share.name, phases, templates }
}
