// LIX (læsbarhedsindeks), the Danish readability index: words per sentence plus the percentage of long words
// (more than six letters). Below 35 is easy; the citizen pages must stay there. Pure.

/** Markdown reduced to its words: links keep their text, markup and list marks go. */
export function markdownToPlainText(markdown: string) {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_`>|]/g, " ")
}

export type LixResult = { lix: number; words: number; sentences: number; longWords: number }

/**
 * LIX of a text. A sentence ends at . ! ? : (as in the classic definition) or a line break (headings and list items count as sentences, as
 * the usual LIX counters do); a word is a run of letters or digits; a long word has more than six letters.
 */
export function computeLix(text: string): LixResult {
  const plain = markdownToPlainText(text)
  const words = plain.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? []
  const sentences = plain.split(/[.!?:]+(?=\s|$)|\n+/u).filter((part) => /[\p{L}\p{N}]/u.test(part)).length
  const longWords = words.filter((w) => w.replace(/[-'’]/g, "").length > 6).length
  if (words.length === 0 || sentences === 0) return { lix: 0, words: 0, sentences: 0, longWords: 0 }
  const lix = words.length / sentences + (longWords * 100) / words.length
  return { lix: Math.round(lix * 10) / 10, words: words.length, sentences, longWords }
}

/** The limit for plain Danish on the citizen pages. */
export const MAX_CITIZEN_LIX = 35
