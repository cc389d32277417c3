// The language a source is written in, so a page can mark a source in the other language (WCAG 3.1.2).

export type SourceLike = { title: string; url?: string; lang?: "da" | "en" }

const DANISH_LETTERS = /[æøåÆØÅ]/
// Short words that are Danish and not English, for titles without æ, ø or å ("Videregivelse af oplysninger").
const DANISH_WORDS = /(^|[\s(])(og|af|til|om|med|ved|samt|eller|vejledning|bekendtgørelse)(?=[\s,.:;)]|$)/i

/**
 * The source's own `lang` when content gives one; else Danish when its title has æ, ø or å or a Danish short word, or
 * it lives on a .dk site; else English.
 */
export function sourceLanguage(source: SourceLike): "da" | "en" {
  if (source.lang) return source.lang
  if (DANISH_LETTERS.test(source.title) || DANISH_WORDS.test(source.title)) return "da"
  try {
    if (source.url && new URL(source.url).hostname.endsWith(".dk")) return "da"
  } catch {
    // not a URL: decide by the title alone
  }
  return "en"
}
