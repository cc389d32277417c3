import { createInstance, type i18n } from "i18next"
import { initReactI18next } from "react-i18next"
import type { Role } from "~/domain/vocabulary"
import { DEFAULT_LANGUAGE, i18nOptions, isLang, LANGUAGES, type Lang } from "./config"
import { resources } from "./resources"

export const LANGUAGE_COOKIE = "parat_lang"

/** The language of a request: the language cookie (kept in step with the profile at login), then Accept-Language. */
export function detectLanguage(request: Request): Lang {
  const cookie = request.headers.get("Cookie") ?? ""
  const match = /(?:^|;\s*)parat_lang=([a-z]{2})/.exec(cookie)
  if (match && isLang(match[1])) return match[1]
  return pickFromAcceptLanguage(request.headers.get("Accept-Language"))
}

export function pickFromAcceptLanguage(header: string | null): Lang {
  if (!header) return DEFAULT_LANGUAGE
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";")
      const q = params.find((p) => p.trim().startsWith("q="))
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const entry of ranked) if (isLang(entry.lang)) return entry.lang
  return DEFAULT_LANGUAGE
}

export function languageCookie(lang: Lang) {
  return `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`
}

/** A fresh instance per request, so two users' languages never mix. */
export async function createI18n(lang: Lang): Promise<i18n> {
  const instance = createInstance()
  await instance.use(initReactI18next).init({ ...i18nOptions, lng: lang, resources, initAsync: false })
  return instance
}

/** A translator for server-side messages (validation errors, CSV headers). */
export async function getFixedT(request: Request) {
  const instance = await createI18n(detectLanguage(request))
  return instance.t
}

/**
 * The translations a browser gets with each page: everything but the administration texts (admins, and the public
 * password-reset page) and the report texts (managers), which together are half of the bundle; the e-mail texts
 * only where they are shown (admins, managers, the unsubscribe page).
 */
export function bundlesFor(lang: Lang, role: Role | null, pathname: string) {
  const { admin, reports, itemAnalysis, mail, ...shared } = resources[lang]
  return {
    ...shared,
    ...(role === "admin" || pathname.startsWith("/reset-password") ? { admin } : {}),
    ...(role === "admin" ? { itemAnalysis } : {}),
    ...(role === "manager" ? { reports } : {}),
    ...(role === "admin" || role === "manager" || pathname.startsWith("/unsubscribe") ? { mail } : {}),
  }
}

export { LANGUAGES }
