import { expect, test } from "vitest"
import { isSafeLink, renderMarkdown, rewriteContentLink } from "~/domain/markdown"

test("headings, lists and bold render", () => {
  const html = renderMarkdown("## Title\n\n- one\n- **two**\n\n1. first")
  expect(html).toContain("<h2>Title</h2>")
  expect(html).toContain("<li><strong>two</strong></li>")
  expect(html).toContain("<ol>")
})

test("tables render with header cells", () => {
  const html = renderMarkdown("| A | B |\n| --- | --- |\n| 1 | 2 |")
  expect(html).toContain("<table>")
  expect(html).toContain("<th>A</th>")
  expect(html).toContain("<td>2</td>")
})

test("script tags and raw HTML are escaped, never rendered", () => {
  const html = renderMarkdown('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>')
  expect(html).not.toContain("<script")
  expect(html).not.toContain("<img")
  expect(html).toContain("&lt;script&gt;")
})

test("javascript:, data: and vbscript: links are not turned into links", () => {
  for (const href of [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "vbscript:x",
    "&#106;avascript:alert(1)",
  ]) {
    const html = renderMarkdown(`[click](${href})`)
    expect(html, href).not.toContain("<a")
  }
})

test("wiki: and module: links become app paths", () => {
  expect(renderMarkdown("[bias](wiki:bias)")).toContain('<a href="/wiki/bias">bias</a>')
  expect(renderMarkdown("[next](module:use-practitioner)")).toContain(
    '<a href="/learn/modules/use-practitioner">',
  )
  expect(rewriteContentLink("wiki:../../admin")).toBe("#")
})

test("external links get rel=noopener; relative and mailto links are kept as they are", () => {
  expect(renderMarkdown("[EU](https://eur-lex.europa.eu/)")).toContain(
    '<a href="https://eur-lex.europa.eu/" rel="noopener noreferrer">EU</a>',
  )
  expect(renderMarkdown("[home](/learn)")).toContain('<a href="/learn">home</a>')
  expect(renderMarkdown("[mail](mailto:ai@region.dk)")).toContain('href="mailto:ai@region.dk"')
  expect(isSafeLink("ftp://x")).toBe(false)
})

test("bare URLs are linkified, with rel=noopener", () => {
  expect(renderMarkdown("See https://www.who.int today")).toContain(
    '<a href="https://www.who.int" rel="noopener noreferrer">',
  )
})

test("images from public/ render; images from elsewhere are dropped", () => {
  expect(renderMarkdown("![A chart](/images/roc.png)")).toContain('<img src="/images/roc.png" alt="A chart">')
  expect(renderMarkdown("![pixel](https://tracker.example/p.gif)")).not.toContain("<img")
  expect(renderMarkdown("![pixel](//tracker.example/p.gif)")).not.toContain("<img")
})
