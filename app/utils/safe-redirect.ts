// The one check for where a request may send the browser next (after login, the second step, a language switch).
const BASE = "http://parat.invalid"

/**
 * A path on this site, or the fallback. Browsers drop tabs and line breaks from URLs and read a backslash as a
 * slash, so "/\t/evil.example" or "/\\evil.example" would leave the site: any control character, whitespace or
 * backslash refuses the target, and whatever remains must resolve to this origin. Returns the path as the URL
 * parser normalised it, so the Location header holds exactly what was checked.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback
  if (!to.startsWith("/") || to.startsWith("//")) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001F\u007F-\u009F\s\\]/u.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  // Dot segments can normalise to "//host" ("/.//evil.example"), which a browser reads as another site.
  return path.startsWith("//") ? fallback : path
}
