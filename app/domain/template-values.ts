// The values a person types into a handbook template: checked against the template's own fields. Pure.
import { hasForbiddenCharacters } from "./plain-text"
import type { Template } from "./toolkit-schema"

export const MAX_TEXT = 300
export const MAX_TEXTAREA = 5000
// A long answer may keep its line breaks and tabs; every other control or direction character is refused.
const FORBIDDEN_IN_TEXTAREA =
  /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF]/u

/** Why a field's value was refused: a key of the toolkit translations. */
export type TemplateError =
  | "template.errors.choice"
  | "template.errors.characters"
  | "template.errors.tooLongText"
  | "template.errors.tooLongTextarea"

export type TemplateValues = Record<string, string>
/** Error values are translation keys of the toolkit namespace. */
export type TemplateValuesResult =
  | { ok: true; values: TemplateValues }
  | { ok: false; errors: Record<string, TemplateError>; values: TemplateValues }

export function templateFields(template: Pick<Template, "sections">) {
  return template.sections.flatMap((s) => s.fields)
}

/**
 * Keeps the template's own fields only (anything else posted is ignored), normalises line breaks, and checks
 * each value: an empty value is allowed (a template is filled in over time).
 */
export function parseTemplateValues(
  template: Pick<Template, "sections">,
  posted: TemplateValues,
): TemplateValuesResult {
  const values: TemplateValues = {}
  const errors: Record<string, TemplateError> = {}
  for (const field of templateFields(template)) {
    const raw = (posted[field.id] ?? "").replace(/\r\n?/g, "\n").normalize("NFC")
    const value = field.kind === "textarea" ? raw.trim() : raw.replace(/\s+/g, " ").trim()
    values[field.id] = value
    if (value === "") continue
    if (field.kind === "choice") {
      if (!field.options?.some((o) => o.id === value)) errors[field.id] = "template.errors.choice"
    } else if (field.kind === "text") {
      if (hasForbiddenCharacters(value)) errors[field.id] = "template.errors.characters"
      else if (value.length > MAX_TEXT) errors[field.id] = "template.errors.tooLongText"
    } else {
      if (FORBIDDEN_IN_TEXTAREA.test(value.replace(/[\n\t]/g, " ")))
        errors[field.id] = "template.errors.characters"
      else if (value.length > MAX_TEXTAREA) errors[field.id] = "template.errors.tooLongTextarea"
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, values }
}

/** Stored JSON back to values, keeping only strings of fields the template still has. */
export function readStoredValues(template: Pick<Template, "sections">, json: string | null): TemplateValues {
  if (!json) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return {}
  }
  if (!parsed || typeof parsed !== "object") return {}
  const out: TemplateValues = {}
  for (const field of templateFields(template)) {
    const v = (parsed as Record<string, unknown>)[field.id]
    if (typeof v === "string" && v !== "") out[field.id] = v
  }
  return out
}
