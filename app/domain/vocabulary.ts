// The domain's fixed words, free of any library so that components can import them without pulling zod into
// the browser bundle.
export const DIMENSIONS = [
  "understanding",
  "use",
  "evaluation",
  "ethics_law",
  "data",
  "implementation",
] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const JOB_FAMILIES = [
  "doctor",
  "nurse",
  "other_clinical",
  "administrative",
  "it_data",
  "management",
] as const
export type JobFamily = (typeof JOB_FAMILIES)[number]
export const LEVELS = [1, 2, 3, 4] as const
export type Level = 0 | 1 | 2 | 3 | 4
export function isDimension(value: unknown): value is Dimension {
  return typeof value === "string" && (DIMENSIONS as readonly string[]).includes(value)
}
export function isLevel(value: unknown): value is Level {
  return value === 0 || value === 1 || value === 2 || value === 3 || value === 4
}
export const ROLES = ["employee", "manager", "admin"] as const
export type Role = (typeof ROLES)[number]
export const LANGUAGES = ["da", "en"] as const
export type Language = (typeof LANGUAGES)[number]
/** Danish first: the language of a visitor we know nothing about, and of every fallback. */
export const DEFAULT_LANGUAGE: Language = "da"
export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value)
}
/** k of the anonymity rule (docs/decisions/002-anonymity.md): 5 unless configured, and never below 3. */
export const DEFAULT_MIN_GROUP_SIZE = 5
export const MIN_GROUP_SIZE_FLOOR = 3
/** What an admin can do to a person's data on request (docs/privacy.md): delete it, or strip the identity from it. */
export const ERASURE_MODES = ["erase", "anonymise"] as const
export type ErasureMode = (typeof ERASURE_MODES)[number]
