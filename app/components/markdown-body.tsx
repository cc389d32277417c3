/**
 * Renders HTML made by renderMarkdown (app/domain/markdown.ts) on the server: raw HTML in the source is never
 * rendered and links are limited to safe schemes there, so the result is safe to insert here.
 */
export function MarkdownBody({ html, lang }: { html: string; lang?: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitised by renderMarkdown (html: false, link allow-list)
    <div className="markdown-body" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />
  )
}
