// Finds the internal links of course Markdown: [text](wiki:term-slug) and [text](module:module-slug). Pure.
import MarkdownIt from "markdown-it"

export type ContentLink = { kind: "wiki" | "module"; target: string; line: number }

const parser = new MarkdownIt({ html: false, linkify: false })

/**
 * Every wiki: and module: link target in a Markdown text, with its 1-based line.
 * Parsed with markdown-it, so a link inside a code block is not a link, exactly as when it is rendered.
 */
export function extractContentLinks(markdown: string): ContentLink[] {
  const links: ContentLink[] = []
  for (const block of parser.parse(markdown, {})) {
    if (block.type !== "inline" || !block.children) continue
    let line = (block.map?.[0] ?? 0) + 1
    for (const token of block.children) {
      if (token.type === "softbreak" || token.type === "hardbreak") line++
      if (token.type !== "link_open") continue
      const href = token.attrGet("href") ?? ""
      const match = /^(wiki|module):(.*)$/.exec(href)
      if (match) links.push({ kind: match[1] as ContentLink["kind"], target: safeDecode(match[2]!), line })
    }
  }
  return links
}

// markdown-it percent-encodes link targets; the slug as the writer typed it is what an error message should show.
function safeDecode(value: string) {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
