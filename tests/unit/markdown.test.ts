import { expect, test } from "vitest"
import { isSafeLink, renderMarkdown, rewriteContentLink } from "~/domain/markdown"

test("wiki and module links become app addresses", () => {
  const html = renderMarkdown("[bias](wiki:bias) and [next](module:use-practitioner)")
  expect(html).toContain('<a href="/wiki/bias">bias</a>')
  expect(html).toContain('<a href="/learn/modules/use-practitioner">next</a>')
})

test("external links get rel=noopener noreferrer", () => {
  expect(renderMarkdown("[AI Act](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)")).toContain(
    '<a href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj" rel="noopener noreferrer">AI Act</a>',
  )
})

test("bare URLs are linked", () => {
  expect(renderMarkdown("See https://www.sst.dk for more")).toContain('href="https://www.sst.dk"')
})

test("raw HTML is escaped, never rendered", () => {
  const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
  expect(html).not.toContain("<script")
  expect(html).not.toContain("<img")
  expect(html).toContain("&lt;script&gt;")
})

test("dangerous link schemes are not linked", () => {
  for (const href of ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://x.dk/a", "//evil.dk"]) {
    expect(renderMarkdown(`[x](${href})`)).not.toContain("<a ")
  }
})

test("isSafeLink accepts http(s), mailto, content links and relative links", () => {
  for (const href of [
    "https://a.dk",
    "http://a.dk",
    "mailto:a@b.dk",
    "wiki:x",
    "module:y",
    "/images/a.png",
    "#top",
    "../a",
    "page?x=1",
  ]) {
    expect({ href, ok: isSafeLink(href) }).toEqual({ href, ok: true })
  }
  for (const href of [
    "javascript:x",
    "JAVASCRIPT:x",
    "file:///etc/passwd",
    "//evil.dk",
    "/\\evil.dk",
    "\\\\evil",
  ]) {
    expect({ href, ok: isSafeLink(href) }).toEqual({ href, ok: false })
  }
})

test("rewriteContentLink keeps fragments and leaves other links alone", () => {
  expect(rewriteContentLink("wiki:bias#examples")).toBe("/wiki/bias#examples")
  expect(rewriteContentLink("https://a.dk")).toBe("https://a.dk")
})

test("headings, lists and tables render", () => {
  const html = renderMarkdown("## Heading\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |")
  expect(html).toContain("<h2>Heading</h2>")
  expect(html).toContain("<li>one</li>")
  expect(html).toContain("<table>")
})

const sources = [
  { title: "Good Machine Learning Practice (FDA, Health Canada, MHRA)", url: "https://www.fda.gov/gmlp" },
  { title: "Vejledning om behandlingsgrundlag", url: "https://www.datatilsynet.dk/vejledning" },
]

test("a link in a Danish lesson to an English source carries hreflang, and lang when its text is the source's title", () => {
  const html = renderMarkdown(
    "Se [Good Machine Learning Practice](https://www.fda.gov/gmlp/) og [FDA's principper](https://www.fda.gov/gmlp).",
    { lang: "da", sources },
  )
  expect(html).toContain('href="https://www.fda.gov/gmlp/" rel="noopener noreferrer" hreflang="en" lang="en"')
  // Danish words linking to an English document stay Danish text; only the target's language is given.
  expect(html).toContain('href="https://www.fda.gov/gmlp" rel="noopener noreferrer" hreflang="en">')
})

test("a link to a source in the page's own language, or to no listed source, gets no language attributes", () => {
  const danish = renderMarkdown(
    "[Vejledning om behandlingsgrundlag](https://www.datatilsynet.dk/vejledning)",
    {
      lang: "da",
      sources,
    },
  )
  expect(danish).not.toMatch(/hreflang|lang=/)
  const english = renderMarkdown(
    "[Vejledning om behandlingsgrundlag](https://www.datatilsynet.dk/vejledning)",
    {
      lang: "en",
      sources,
    },
  )
  expect(english).toContain('hreflang="da" lang="da"')
  expect(renderMarkdown("[Other](https://example.org)", { lang: "da", sources })).not.toMatch(
    /hreflang|lang=/,
  )
  expect(renderMarkdown("[Good Machine Learning Practice](https://www.fda.gov/gmlp)")).not.toMatch(/lang=/)
})
