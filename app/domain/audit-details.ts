// The audit log as a person reads it: targets and ids by name, instants in Danish time, changes as "from → to".
// Pure: the names come from the caller.
import { formatDay, formatInstant, isCalendarDay } from "./calendar"

export type AuditRefKind = "person" | "unit" | "cycle"
export type AuditRef = { kind: AuditRefKind; id: number }
export type AuditNames = Record<AuditRefKind, Record<number, string>>

/** Detail keys that hold ids, and what they name. */
const ID_KEYS: Record<string, AuditRefKind> = {
  unitId: "unit",
  unitIds: "unit",
  parentId: "unit",
  fromParentId: "unit",
  toParentId: "unit",
  cycleId: "cycle",
  personId: "person",
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** "person:308" → the person 308; anything else (a file name) is not a reference. */
export function parseAuditTarget(target: string | null): AuditRef | null {
  const match = /^(person|unit|cycle):(\d+)$/.exec(target ?? "")
  return match ? { kind: match[1] as AuditRefKind, id: Number(match[2]) } : null
}

/** Every person, unit and cycle an entry refers to, so their names can be fetched at once. */
export function auditRefs(target: string | null, details: Record<string, unknown> | null): AuditRef[] {
  const refs: AuditRef[] = []
  const own = parseAuditTarget(target)
  if (own) refs.push(own)
  for (const [key, value] of Object.entries(details ?? {})) {
    const kind = ID_KEYS[key]
    if (!kind) continue
    for (const id of Array.isArray(value) ? value : [value])
      if (typeof id === "number") refs.push({ kind, id })
  }
  return refs
}

/** The target by name ("Søren Hansen"), or as stored when it is no reference or no longer exists. */
export function describeAuditTarget(target: string | null, names: AuditNames): string {
  const ref = parseAuditTarget(target)
  return (ref && names[ref.kind][ref.id]) ?? target ?? ""
}

export type AuditWords = { yes: string; no: string; none: string }

function describeValue(
  value: unknown,
  kind: AuditRefKind | undefined,
  names: AuditNames,
  lang: "da" | "en",
  words: AuditWords,
): string {
  if (value === null || value === undefined || value === "") return words.none
  if (Array.isArray(value))
    return value.length === 0
      ? words.none
      : value.map((v) => describeValue(v, kind, names, lang, words)).join(", ")
  if (typeof value === "number")
    return kind
      ? (names[kind][value] ?? `#${value}`)
      : value.toLocaleString(lang === "da" ? "da-DK" : "en-GB")
  if (typeof value === "boolean") return value ? words.yes : words.no
  if (typeof value === "string") {
    if (isCalendarDay(value)) return formatDay(value, lang)
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(value, lang)
    return value
  }
  if (typeof value === "object" && "from" in value && "to" in value) {
    const change = value as { from: unknown; to: unknown }
    return `${describeValue(change.from, kind, names, lang, words)} → ${describeValue(change.to, kind, names, lang, words)}`
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${describeValue(v, ID_KEYS[k], names, lang, words)}`)
    .join("; ")
}

/** Each detail as a key and a readable value, in the order they were recorded. */
export function describeAuditDetails(
  details: Record<string, unknown> | null,
  names: AuditNames,
  lang: "da" | "en",
  words: AuditWords,
): { key: string; value: string }[] {
  return Object.entries(details ?? {}).map(([key, value]) => ({
    key,
    value: describeValue(value, ID_KEYS[key], names, lang, words),
  }))
}
