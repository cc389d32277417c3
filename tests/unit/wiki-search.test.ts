import { expect, test } from "vitest"
import {
  foldText,
  groupByInitial,
  markdownToSearchText,
  queryTokens,
  stemOf,
  toFtsQuery,
} from "~/domain/wiki-search"

test("foldText lower-cases and spells æ, ø and å as ae, oe and aa", () => {
  expect(foldText("Træningsdata")).toBe("traeningsdata")
  expect(foldText("Støtte PÅ Ærø")).toBe("stoette paa aeroe")
  expect(foldText("ÆØÅ æøå")).toBe("aeoeaa aeoeaa")
})

test("foldText strips other diacritics", () => {
  expect(foldText("Café Müller naïve")).toBe("cafe muller naive")
})

test("foldText makes the Danish letters and their two-letter spellings equal", () => {
  expect(foldText("Forklarlighed i sundhedsvæsenet")).toBe(foldText("forklarlighed i sundhedsvaesenet"))
  expect(foldText("Kvalitetssikring på sygehuset")).toBe(foldText("kvalitetssikring paa sygehuset"))
})

test("foldText leaves plain ASCII and digits alone apart from case", () => {
  expect(foldText("GDPR Article 35, AI-Act 2024/1689")).toBe("gdpr article 35, ai-act 2024/1689")
})

test("queryTokens splits on everything that is not a letter or digit", () => {
  expect(queryTokens("  bias, drift;  (AUC)  ")).toEqual(["bias", "drift", "auc"])
  expect(queryTokens("human-in-the-loop")).toEqual(["human", "in", "the", "loop"])
})

test("queryTokens keeps at most 8 words and cuts very long words", () => {
  expect(queryTokens("a b c d e f g h i j")).toHaveLength(8)
  expect(queryTokens("x".repeat(500))[0]).toHaveLength(40)
})

test("toFtsQuery makes every word a quoted prefix term", () => {
  expect(toFtsQuery("Træ")).toBe('"trae"*')
  expect(toFtsQuery("maskin læring")).toBe('"maskin"* AND "laering"*')
})

test("a long word is searched as itself or its stem, so inflections find the term", () => {
  expect(toFtsQuery("hallucinering")).toBe('("hallucinering"* OR "hallucin"*)')
  expect(toFtsQuery("hallucinating")).toBe('("hallucinating"* OR "hallucin"*)')
  expect(toFtsQuery("Træning")).toBe('("traening"* OR "traen"*)')
  expect(stemOf("modellerne")).toBe("modell")
  expect(stemOf("data")).toBeNull()
  expect(stemOf("laering")).toBeNull() // "laer" would find far too much
})

test("toFtsQuery neutralises FTS5 syntax typed by a user", () => {
  expect(toFtsQuery('bias" OR term:x NEAR(a b) *')).toBe(
    '"bias"* AND "or"* AND "term"* AND "x"* AND "near"* AND "a"* AND "b"*',
  )
  expect(toFtsQuery("AND")).toBe('"and"*')
  expect(toFtsQuery("-drift ^auc")).toBe('"drift"* AND "auc"*')
})

test("toFtsQuery returns null when nothing searchable is left", () => {
  expect(toFtsQuery("")).toBeNull()
  expect(toFtsQuery("   ")).toBeNull()
  expect(toFtsQuery('"*()-:^')).toBeNull()
})

test("markdownToSearchText drops link targets and markup", () => {
  expect(markdownToSearchText("## Om **data**\n\nSe [labels](wiki:label) og `kode`.")).toBe(
    "Om data Se labels og kode .",
  )
})

test("groupByInitial sorts Danish terms with Æ, Ø and Å after Z", () => {
  const terms = ["Åbenhed", "Bias", "Øvelse", "algoritme", "Ætik", "Zone", "AUC"].map((term) => ({ term }))
  expect(groupByInitial(terms, "da").map((g) => [g.letter, g.terms.map((t) => t.term)])).toEqual([
    ["A", ["algoritme", "AUC"]],
    ["B", ["Bias"]],
    ["Z", ["Zone"]],
    ["Æ", ["Ætik"]],
    ["Ø", ["Øvelse"]],
    ["Å", ["Åbenhed"]],
  ])
})

test("groupByInitial puts terms starting with a digit or sign under #", () => {
  expect(
    groupByInitial([{ term: "3D" }, { term: "(x)" }, { term: "Data" }], "en").map((g) => g.letter),
  ).toEqual(["#", "D"])
})

test("groupByInitial of no terms is no groups", () => {
  expect(groupByInitial([], "en")).toEqual([])
})
