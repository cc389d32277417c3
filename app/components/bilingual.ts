import { useTranslation } from "react-i18next"
import type { Bilingual } from "~/domain/content-schema"

/** The page's language, for content that carries both texts (instrument, modules). */
export function useLang(): "da" | "en" {
  const { i18n } = useTranslation()
  return i18n.language === "en" ? "en" : "da"
}

export function pick(text: Bilingual, lang: "da" | "en") {
  return text[lang]
}
