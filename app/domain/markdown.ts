// Lesson, wiki and handbook Markdown to safe HTML. Pure: no I/O. Raw HTML is never rendered (html: false), links
// are limited to safe schemes, our own `wiki:` and `module:` links become app paths, and images come from public/.
// It runs on the server only (loaders send HTML), so markdown-it never reaches the browser bundle.
import MarkdownIt from "markdown-it"
import { type SourceLike, sourceLanguage } from "./source-language"

const ALLOWED_SCHEME = /^(https?|mailto|wiki|module):/i
const CONTENT_LINK = /^(wiki|module):([^?#]*)(.*)$/i
const CONTENT_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** http(s), mailto, wiki: and module: links, and relative links (no scheme, not protocol-relative). */
export function isSafeLink(url: string): boolean {
  const href = url.trim()
  if (ALLOWED_SCHEME.test(href)) return true
  // Browsers read "//host" and its backslash variants as another site.
  if (/^[/\\]{2}/.test(href)) return false
  const beforePath = href.split(/[/?#]/, 1)[0] ?? ""
  return !beforePath.includes(":")
}

/** The app address of a content link (keeping ?query and #fragment); other links come back unchanged. */
export function rewriteContentLink(url: string): string {
  const match = CONTENT_LINK.exec(url.trim())
  if (!match) return url
  const [, kind = "", slug = "", rest = ""] = match
  // A malformed target goes nowhere rather than somewhere unexpected.
  if (!CONTENT_SLUG.test(slug)) return "#"
  return `${kind.toLowerCase() === "wiki" ? "/wiki" : "/learn/modules"}/${slug}${rest}`
}

const isExternal = (href: string) => /^https?:/i.test(href)

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
  // markdown-it blocks javascript:, vbscript:, file: and data: by itself; we allow less still.
  md.validateLink = isSafeLink
  const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) =>
    self.renderToken(tokens, idx, options)

  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const rewritten = rewriteContentLink(token.attrGet("href") ?? "")
    token.attrSet("href", rewritten)
    if (isExternal(rewritten)) {
      token.attrSet("rel", "noopener noreferrer")
      const language = linkLanguage(rewritten, linkText(tokens, idx), env as RenderEnv)
      if (language.target) token.attrSet("hreflang", language.target)
      if (language.text) token.attrSet("lang", language.text)
    }
    return renderToken(tokens, idx, options, env, self)
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

/** What a page knows about the links in its text: its own language and the sources its content lists. */
export type RenderEnv = { lang?: "da" | "en"; sources?: readonly SourceLike[] }

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "")

/** The plain text inside a link (up to its link_close). */
function linkText(tokens: readonly { type: string; content: string }[], openIndex: number) {
  let text = ""
  for (let i = openIndex + 1; i < tokens.length && tokens[i]!.type !== "link_close"; i++)
    text += tokens[i]!.content
  return text.trim()
}

/**
 * The languages of an external link on a page in env.lang, set only where they differ from the page (WCAG 3.1.2):
 * `target` (hreflang) when the link goes to a listed source in the other language, and `text` (lang) when the link
 * also reads as that source's own title (or the start of it), so a screen reader speaks it in the right language. A Danish text linking
 * to an English document stays Danish.
 */
export function linkLanguage(
  href: string,
  text: string,
  env: RenderEnv | undefined,
): { target?: "da" | "en"; text?: "da" | "en" } {
  if (!env?.lang || !env.sources) return {}
  const source = env.sources.find((s) => s.url !== undefined && sameUrl(s.url, href))
  if (!source) return {}
  const language = sourceLanguage(source)
  if (language === env.lang) return {}
  // The source's title, or its start ("Good Machine Learning Practice" for "... (FDA, Health Canada, MHRA)").
  const isTitle =
    text.length >= 12 && source.title.trim().toLocaleLowerCase().startsWith(text.toLocaleLowerCase())
  return isTitle ? { target: language, text: language } : { target: language }
}

let renderer: MarkdownIt | undefined

/**
 * Renders Markdown to sanitised HTML (headings, lists, tables, images from public/, links). With env, links to
 * sources in the other language than the page say so.
 */
export function renderMarkdown(source: string, env?: RenderEnv): string {
  renderer ??= createRenderer()
  return renderer.render(source, env ?? {})
}
