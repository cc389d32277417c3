// Shared i18next settings for server and browser. Danish first, English second.
export const LANGUAGES = ["da", "en"] as const
export type Lang = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Lang = "da"
export const NAMESPACES = [
  "common",
  "auth",
  "home",
  "survey",
  "learning",
  "reports",
  "admin",
  "wiki",
  "privacy",
  "mail",
  "sso",
] as const
export type Namespace = (typeof NAMESPACES)[number]

export const i18nOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  returnNull: false,
} as const

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value)
}
