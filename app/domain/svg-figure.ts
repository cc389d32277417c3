// The rules for a course figure (COURSE-SCHEMA.md): a hand-written SVG that is safe to inline into a page and
// accessible. Safe: no scripts, event handlers, foreignObject, embedded documents or external references of any
// kind. Accessible: a viewBox, role="img", a <title> and a <desc>, text at least 12 px, and every colour at least
// 3:1 against white. Pure: takes the file's text and returns the problems.

export const MIN_FONT_PX = 12
export const MIN_CONTRAST = 3

/** The problems of one SVG text; empty when it may be inlined. */
export function svgProblems(svg: string): string[] {
  const problems: string[] = []
  const body = svg.replace(/<!--[\s\S]*?-->/g, "").trim()
  const withoutProlog = body.replace(/^<\?xml[^>]*\?>\s*/, "")
  if (/<!DOCTYPE|<!ENTITY/i.test(withoutProlog)) problems.push("no DOCTYPE or ENTITY declarations")
  const root = withoutProlog.match(/^<svg\b[^>]*>/)
  if (!root) {
    problems.push("the file must start with an <svg> element")
    return problems
  }
  if (!/<\/svg>\s*$/.test(withoutProlog)) problems.push("the file must end with </svg>")
  if (!/\sviewBox="[-\d.\s,]+"/.test(root[0])) problems.push("the <svg> element needs a viewBox")
  if (!/\srole="img"/.test(root[0])) problems.push('the <svg> element needs role="img"')
  if (!/<title>[^<]*\S[^<]*<\/title>/.test(body)) problems.push("a <title> is required")
  if (!/<desc>[^<]*\S[^<]*<\/desc>/.test(body)) problems.push("a <desc> is required")

  const forbiddenElements = [
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "image",
    "audio",
    "video",
    "style",
  ]
  for (const name of forbiddenElements) {
    if (new RegExp(`<${name}\\b`, "i").test(body)) problems.push(`<${name}> is not allowed`)
  }
  if (/\son[a-z]+\s*=/i.test(body)) problems.push("event handler attributes (on…) are not allowed")
  for (const m of body.matchAll(/\s(?:xlink:)?href\s*=\s*["']([^"']*)["']/g)) {
    if (!m[1]!.startsWith("#")) problems.push(`external reference "${m[1]}" is not allowed`)
  }
  for (const m of body.matchAll(/url\(\s*['"]?([^)'"]*)/g)) {
    if (!m[1]!.startsWith("#")) problems.push(`external reference url(${m[1]}) is not allowed`)
  }
  if (/javascript:|@import/i.test(body)) problems.push("javascript: and @import are not allowed")

  for (const m of body.matchAll(/font-size\s*[=:]\s*["']?\s*([\d.]+)\s*(px)?/g)) {
    const size = Number(m[1])
    if (size < MIN_FONT_PX) problems.push(`font-size ${m[1]} is below ${MIN_FONT_PX} px`)
  }
  if (/font-size\s*[=:]\s*["']?\s*[\d.]+\s*(em|rem|%|pt|vw|vh)/.test(body))
    problems.push("give font-size in px (user units)")

  for (const m of body.matchAll(
    /(?:fill|stroke|color|stop-color)\s*[=:]\s*["']?\s*([#\w(),.\s%]+?)\s*["';>]/g,
  )) {
    const value = m[1]!.trim()
    const rgb = parseColour(value)
    if (rgb === "ignore") continue
    if (rgb === null) {
      problems.push(`colour "${value}" must be a hex colour (or none, white, black, currentColor)`)
      continue
    }
    if (isWhite(rgb)) continue
    const ratio = contrastRatio(rgb, [255, 255, 255])
    if (ratio < MIN_CONTRAST)
      problems.push(
        `colour ${value} has contrast ${ratio.toFixed(2)}:1 against white (needs ${MIN_CONTRAST}:1)`,
      )
  }
  return [...new Set(problems)]
}

type Rgb = [number, number, number]

function parseColour(value: string): Rgb | "ignore" | null {
  const v = value.toLowerCase()
  if (v === "none" || v === "transparent" || v === "currentcolor" || v === "inherit") return "ignore"
  if (v === "white") return [255, 255, 255]
  if (v === "black") return [0, 0, 0]
  const hex = v.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/)
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join("") : hex[1]!
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb
  }
  const rgb = v.match(/^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/)
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  return null
}

const isWhite = (c: Rgb) => c[0] === 255 && c[1] === 255 && c[2] === 255

/** WCAG 2.1 contrast ratio of two sRGB colours. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const luminance = (c: Rgb) => {
    const [r, g, bl] = c.map((x) => {
      const s = x / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }) as Rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
