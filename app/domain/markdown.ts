// Lesson and wiki Markdown to safe HTML. Pure: no I/O. Raw HTML is never rendered (html: false), links are limited
// to safe schemes, and our own `wiki:` and `module:` links become app paths.
import MarkdownIt from "markdown-it"

const SCHEME = /^([a-z][a-z0-9+.-]*):/i
const SAFE_SCHEMES = new Set(["http", "https", "mailto", "wiki", "module"])
const CONTENT_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** True for http(s), mailto, wiki:, module: and scheme-less (relative) links; false for javascript:, data:, ... */
export function isSafeLink(url: string): boolean {
  const trimmed = url.trim()
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase()
  return scheme === undefined || SAFE_SCHEMES.has(scheme)
}

/** Rewrites our content links to app paths; other links come back unchanged. */
export function rewriteContentLink(url: string): string {
  const match = /^(wiki|module):(.*)$/i.exec(url.trim())
  if (!match) return url
  const slug = match[2] ?? ""
  // A malformed target goes nowhere rather than somewhere unexpected.
  if (!CONTENT_SLUG.test(slug)) return "#"
  return match[1]!.toLowerCase() === "wiki" ? `/wiki/${slug}` : `/learn/modules/${slug}`
}

const isExternal = (href: string) => /^(https?:)?\/\//i.test(href)

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
  md.validateLink = isSafeLink

  const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) =>
    self.renderToken(tokens, idx, options)
  const defaultLinkOpen = md.renderer.rules.link_open ?? renderToken
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const href = token.attrGet("href") ?? ""
    const rewritten = rewriteContentLink(href)
    token.attrSet("href", rewritten)
    if (isExternal(rewritten)) token.attrSet("rel", "noopener")
    return defaultLinkOpen(tokens, idx, options, env, self)
  }

  const defaultImage = md.renderer.rules.image ?? renderToken
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const src = tokens[idx]!.attrGet("src") ?? ""
    // Images come from our own public/ folder only: no tracking pixels or mixed content from elsewhere.
    if (!src.startsWith("/") || src.startsWith("//")) return ""
    return defaultImage(tokens, idx, options, env, self)
  }
  return md
}

let renderer: MarkdownIt | undefined

/** Renders Markdown to sanitised HTML (headings, lists, tables, images from public/, links). */
export function renderMarkdown(source: string): string {
  renderer ??= createRenderer()
  return renderer.render(source)
}
