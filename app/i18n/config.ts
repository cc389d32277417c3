// Shared i18next settings for server and browser. Danish first, English second.
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from "~/domain/vocabulary"

export { DEFAULT_LANGUAGE, LANGUAGES }
export type Lang = Language
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

export const isLang = isLanguage
