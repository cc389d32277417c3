// Course Markdown to safe HTML: no raw HTML, only http(s), mailto and relative links, and the content links
// wiki:slug and module:slug turned into app addresses. Pure: the same output on server and in the browser.
import MarkdownIt from "markdown-it"

const ALLOWED_SCHEME = /^(https?|mailto|wiki|module):/i

/** http(s), mailto, wiki: and module: links, and relative links (no scheme, not protocol-relative). */
export function isAllowedLink(url: string): boolean {
  const href = url.trim()
  if (ALLOWED_SCHEME.test(href)) return true
  // Browsers read "//host" and its backslash variants as another site.
  if (/^[/\\]{2}/.test(href)) return false
  const beforePath = href.split(/[/?#]/, 1)[0] ?? ""
  return !beforePath.includes(":")
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false })

// markdown-it blocks javascript:, vbscript:, file: and data: by itself; we allow less still.
md.validateLink = isAllowedLink

/** The app address of a content link, or the link unchanged. */
export function resolveContentHref(href: string): string {
  const match = /^(wiki|module):([^?#]*)(.*)$/.exec(href)
  if (!match) return href
  const [, kind, slug, rest] = match
  return `${kind === "wiki" ? "/wiki" : "/learn/modules"}/${slug}${rest}`
}

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!
  const href = token.attrGet("href") ?? ""
  token.attrSet("href", resolveContentHref(href))
  if (/^https?:/i.test(href)) token.attrSet("rel", "noopener noreferrer")
  return self.renderToken(tokens, idx, options)
}

export function renderMarkdown(source: string): string {
  return md.render(source)
}
