import { renderMarkdown } from "~/domain/markdown"

/** Course Markdown rendered as sanitised HTML (raw HTML in the source is never rendered). */
export function MarkdownBody({ source }: { source: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and filters link schemes
  return <div className="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />
}
