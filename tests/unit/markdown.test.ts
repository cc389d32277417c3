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
