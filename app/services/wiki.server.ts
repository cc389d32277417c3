// The AI wiki: the terms from courses/wiki, and full-text search over them with SQLite FTS5 (table wiki_fts).
import type { WikiTerm } from "~/domain/content-schema"
import { renderMarkdown } from "~/domain/markdown"
import { foldText, groupByInitial, markdownToSearchText, toFtsQuery } from "~/domain/wiki-search"
import { LANGUAGES, type Lang } from "~/i18n/config"
import { getContent } from "./content-loader.server"
import { type Db, getDb } from "./db.server"

/** Replaces the whole search index with the given terms, in one transaction (folded texts, both languages). */
export function syncWikiIndex(db: Db, terms: WikiTerm[]) {
  const remove = db.$client.prepare("DELETE FROM wiki_fts")
  const insert = db.$client.prepare(
    "INSERT INTO wiki_fts (slug, lang, term, short, body) VALUES (?, ?, ?, ?, ?)",
  )
  db.$client.transaction(() => {
    remove.run()
    for (const term of terms) {
      for (const lang of LANGUAGES) {
        insert.run(
          term.slug,
          lang,
          foldText([term.term[lang], ...term.synonyms[lang]].join(" ")),
          foldText(term.short[lang]),
          foldText(markdownToSearchText(term.body[lang])),
        )
      }
    }
  })()
}

export type WikiHit = { slug: string; term: string; short: string }

/**
 * Terms matching a search, best first (bm25; a hit in the term weighs most, then the short definition).
 * Both languages are searched, so "machine learning" finds the Danish entry too; hits in the page's language
 * come first. The texts shown come from the content, not from the folded index.
 */
export function searchWiki(query: string, lang: Lang, db: Db = getDb()): WikiHit[] {
  const match = toFtsQuery(query)
  if (!match) return []
  const rows = db.$client
    .prepare(
      `SELECT slug, lang, bm25(wiki_fts, 0, 0, 10.0, 4.0, 1.0) AS rank
       FROM wiki_fts WHERE wiki_fts MATCH ? ORDER BY rank LIMIT 200`,
    )
    .all(match) as { slug: string; lang: Lang; rank: number }[]
  const ordered = [...rows].sort(
    (a, b) => Number(a.lang !== lang) - Number(b.lang !== lang) || a.rank - b.rank,
  )
  const bySlug = new Map(getContent().wiki.map((t) => [t.slug, t]))
  const hits: WikiHit[] = []
  const seen = new Set<string>()
  for (const row of ordered) {
    const term = bySlug.get(row.slug)
    if (!term || seen.has(row.slug)) continue
    seen.add(row.slug)
    hits.push({ slug: term.slug, term: term.term[lang], short: term.short[lang] })
  }
  return hits
}

/** All terms, A to Z in the page's language, grouped by initial letter. */
export function listWikiTerms(lang: Lang) {
  const terms = getContent().wiki.map((t) => ({ slug: t.slug, term: t.term[lang], short: t.short[lang] }))
  return { count: terms.length, groups: groupByInitial(terms, lang) }
}

/** One term with its related terms and the modules that teach it, or null when there is no such term. */
export function getWikiTerm(slug: string, lang: Lang, { isLoggedIn }: { isLoggedIn: boolean }) {
  const content = getContent()
  const term = content.wiki.find((t) => t.slug === slug)
  if (!term) return null
  const terms = new Map(content.wiki.map((t) => [t.slug, t]))
  const modules = new Map(content.modules.map((m) => [m.slug, m]))
  return {
    slug: term.slug,
    term: term.term[lang],
    short: term.short[lang],
    bodyHtml: renderMarkdown(term.body[lang]),
    related: term.related.flatMap((s) => {
      const related = terms.get(s)
      return related ? [{ slug: s, term: related.term[lang] }] : []
    }),
    modules: term.modules.flatMap((s) => {
      const m = modules.get(s)
      if (!m) return []
      // Visitors without a login can open the citizen track's modules; everything else is under /learn.
      const href = m.citizen && !isLoggedIn ? `/citizen/${m.slug}` : `/learn/modules/${m.slug}`
      return [{ slug: m.slug, title: m.title[lang], level: m.level, dimension: m.dimension, href }]
    }),
  }
}
