import { useTranslation } from "react-i18next"
import type { Bilingual } from "~/domain/content-schema"
import type { Language } from "~/domain/vocabulary"

/** The page's language, for content that carries both texts (instrument, modules). */
export function useLang(): Language {
  const { i18n } = useTranslation()
  return i18n.language === "en" ? "en" : "da"
}

export function pick(text: Bilingual, lang: Language) {
  return text[lang]
}
