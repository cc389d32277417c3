// Text folding and safe FTS5 queries for the AI wiki. Pure: the same folding is applied to the indexed texts and to
// the user's query, so "traeningsdata", "træningsdata" and "TRÆNINGSDATA" all find the same entry.
import type { Language } from "./vocabulary"

const DANISH_LETTERS: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" }

/** Lower case, æ->ae, ø->oe, å->aa, and every other diacritic removed (é->e, ü->u). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøå]/g, (letter) => DANISH_LETTERS[letter]!)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
}

export const MAX_QUERY_TOKENS = 8
const MAX_TOKEN_LENGTH = 40

/** The words of a query as the FTS5 unicode61 tokenizer sees them: runs of letters and digits. */
export function queryTokens(input: string): string[] {
  return foldText(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .map((token) => token.slice(0, MAX_TOKEN_LENGTH))
    .slice(0, MAX_QUERY_TOKENS)
}

/**
 * A user's search text as an FTS5 MATCH expression: every word a quoted prefix term, all words required.
 * Quoting every token means FTS5 syntax typed by a user (AND, NEAR, quotes, column filters) is searched as text,
 * never parsed. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const tokens = queryTokens(input)
  if (tokens.length === 0) return null
  const prefix = (token: string) => `"${token.replaceAll('"', '""')}"*`
  return tokens
    .map((token) => {
      const stem = stemOf(token)
      return stem ? `(${prefix(token)} OR ${prefix(stem)})` : prefix(token)
    })
    .join(" AND ")
}

// Danish and English endings, longest first: "hallucinering" and "hallucinating" both reach "hallucin", which is
// also the start of "hallucination". A word is searched as itself or as its stem.
const ENDINGS = [
  "eringerne",
  "ationerne",
  "eringer",
  "eringen",
  "ationer",
  "ationen",
  "ations",
  "ering",
  "ation",
  "ating",
  "erne",
  "ated",
  "ing",
  "ene",
  "er",
  "en",
  "et",
  "es",
]
const MIN_STEM = 5

/** A folded word without its inflection ending, or null when the word is short or has no known ending. */
export function stemOf(token: string): string | null {
  if (token.length < MIN_STEM + 2) return null
  const ending = ENDINGS.find((e) => token.endsWith(e) && token.length - e.length >= MIN_STEM)
  return ending ? token.slice(0, -ending.length) : null
}

/** Markdown as searchable text: link targets (wiki:slug, URLs) and markup characters are left out. */
export function markdownToSearchText(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/[#*_`>|[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
}

/** Terms grouped under their initial letter in the language's alphabetical order (Danish: ... Z, Æ, Ø, Å). */
export function groupByInitial<T extends { term: string }>(
  terms: T[],
  lang: Language,
): { letter: string; terms: T[] }[] {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true })
  const sorted = [...terms].sort((a, b) => collator.compare(a.term, b.term))
  const groups: { letter: string; terms: T[] }[] = []
  for (const term of sorted) {
    const letter = initialOf(term.term)
    const last = groups.at(-1)
    if (last && last.letter === letter) last.terms.push(term)
    else groups.push({ letter, terms: [term] })
  }
  return groups
}

function initialOf(term: string) {
  const first = term.trim().charAt(0).toLocaleUpperCase("da")
  return /\p{L}/u.test(first) ? first : "#"
}
