import { beforeAll, expect, test } from "vitest"
import { loader as wikiLoader } from "~/routes/wiki._index"
import { loader as termLoader } from "~/routes/wiki.$slug"
import { getContent } from "~/services/content-loader.server"
import { syncContent } from "~/services/content-sync.server"
import { searchWiki, syncWikiIndex } from "~/services/wiki.server"
import type { Db } from "../../db/client"
import { makeRequest, testDb } from "./db"

let db: Db
beforeAll(() => {
  db = testDb()
})

const slugs = (query: string, lang: "da" | "en" = "da") => searchWiki(query, lang, db).map((h) => h.slug)

test("a Danish search finds the term with æ, ø, å or with ae, oe, aa", () => {
  expect(slugs("træningsdata")[0]).toBe("training-data")
  expect(slugs("traeningsdata")[0]).toBe("training-data")
  expect(slugs("TRÆNINGSDATA")[0]).toBe("training-data")
  expect(slugs("overtilpasning")[0]).toBe("overfitting")
})

test("an English search finds the English term, and prefixes match", () => {
  expect(slugs("training data", "en")[0]).toBe("training-data")
  expect(slugs("overfit", "en")[0]).toBe("overfitting")
  expect(slugs("hallucin", "en")).toContain("hallucination")
})

test("everyday words and inflections find the term: hallucinering, persondata, ChatGPT", () => {
  expect(slugs("hallucinering")[0]).toBe("hallucination")
  expect(slugs("hallucinerer")[0]).toBe("hallucination")
  expect(slugs("hallucinating", "en")[0]).toBe("hallucination")
  expect(slugs("persondata")).toContain("personal-data")
  expect(slugs("persondata")).toContain("gdpr")
  expect(slugs("chatgpt")).toContain("large-language-model")
  expect(slugs("it-sikkerhed")[0]).toBe("information-security")
})

test("hits show the texts of the page's language, taken from the content", () => {
  const [da] = searchWiki("traeningsdata", "da", db)
  const [en] = searchWiki("traeningsdata", "en", db)
  expect(da).toMatchObject({ slug: "training-data", term: "Træningsdata" })
  expect(en).toMatchObject({ slug: "training-data", term: "Training data" })
})

test("a search in the other language still finds the term", () => {
  expect(slugs("machine learning", "da")).toContain("machine-learning")
})

test("FTS5 syntax in a search is searched as text and never fails", () => {
  for (const query of [
    '"',
    "NEAR(bias drift)",
    "bias OR",
    "*",
    "term:bias",
    "bias AND NOT drift",
    "(((",
    "^x",
  ]) {
    expect(() => searchWiki(query, "da", db)).not.toThrow()
  }
  expect(slugs('"bias"')).toContain("bias")
})

test("an empty or sign-only search finds nothing", () => {
  expect(searchWiki("", "da", db)).toEqual([])
  expect(searchWiki("  -*  ", "da", db)).toEqual([])
  expect(searchWiki("zzqxnotaword", "da", db)).toEqual([])
})

test("syncWikiIndex replaces the index rather than adding to it, and the content sync fills it", () => {
  const own = testDb("empty", { current: false })
  const rows = () => (own.$client.prepare("SELECT count(*) AS n FROM wiki_fts").get() as { n: number }).n
  expect(rows()).toBe(0)
  syncContent(own)
  const count = getContent().wiki.length
  expect(rows()).toBe(count * 2)
  syncContent(own)
  expect(rows()).toBe(count * 2)
  syncWikiIndex(own, [])
  expect(rows()).toBe(0)
})

test("the wiki page lists every term A to Å when there is no search", async () => {
  const data = await wikiLoader({ request: makeRequest("/wiki"), params: {}, context: {} })
  expect(data.hits).toBeNull()
  expect(data.index?.count).toBeGreaterThanOrEqual(60)
  expect(data.index?.groups[0]?.letter).toBe("A")
})

test("the wiki page searches with ?q= and needs no login", async () => {
  const data = await wikiLoader({ request: makeRequest("/wiki?q=traeningsdata"), params: {}, context: {} })
  expect(data.hits?.[0]?.slug).toBe("training-data")
})

test("an overlong search is a 400, not a 500", async () => {
  const request = makeRequest(`/wiki?q=${"a".repeat(201)}`)
  await expect(wikiLoader({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 400 })
})

test("a term page has its body, related terms and teaching modules; unknown terms are 404", async () => {
  const data = await termLoader({
    request: makeRequest("/wiki/training-data", { headers: { "Accept-Language": "en" } }),
    params: { slug: "training-data" },
    context: {},
  })
  expect(data.term.term).toBe("Training data")
  expect(data.term.bodyHtml).toContain(`href="/wiki/label"`)
  expect(data.term.related.map((r) => r.slug)).toContain("test-data")
  // Logged out, a citizen module opens in the public citizen track.
  expect(data.term.modules).toContainEqual(
    expect.objectContaining({ slug: "understanding-foundation", href: "/citizen/understanding-foundation" }),
  )
  await expect(
    termLoader({ request: makeRequest("/wiki/nope"), params: { slug: "nope" }, context: {} }),
  ).rejects.toMatchObject({ status: 404 })
})
