// Page weight: render time, HTML bytes, JavaScript bytes (gzip) and requests per main page.
import { gzipSync } from "node:zlib"
import { loginCookie } from "./server"
import { median, time } from "./stats"

export type PageFigure = {
  page: string
  persona: string
  status: number
  renderMs: number
  htmlBytes: number
  jsGzipBytes: number
  cssGzipBytes: number
  requests: number
}

const assetCache = new Map<string, Buffer>()
async function fetchAsset(url: string) {
  const cached = assetCache.get(url)
  if (cached) return cached
  const body = Buffer.from(await (await fetch(url)).arrayBuffer())
  assetCache.set(url, body)
  return body
}

export async function measurePages(
  url: string,
  pages: { path: string; persona: string | null }[],
  runs: number,
): Promise<PageFigure[]> {
  const cookies = new Map<string, string>()
  const figures: PageFigure[] = []
  for (const { path, persona } of pages) {
    if (persona && !cookies.has(persona)) cookies.set(persona, await loginCookie(url, persona))
    const headers = persona ? { Cookie: cookies.get(persona)! } : undefined
    const response = await fetch(`${url}${path}`, { headers })
    const html = await response.text()
    const timings = await time(() => fetch(`${url}${path}`, { headers }).then((r) => r.text()), runs)
    const scripts = new Set<string>()
    for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) scripts.add(match[1]!)
    for (const match of html.matchAll(/import\(?\s*"(\/assets\/[^"]+\.js)"/g)) scripts.add(match[1]!)
    for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) scripts.add(match[1]!)
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!)
    let jsGzipBytes = 0
    for (const src of scripts) jsGzipBytes += gzipSync(await fetchAsset(`${url}${src}`)).length
    let cssGzipBytes = 0
    for (const href of styles) cssGzipBytes += gzipSync(await fetchAsset(`${url}${href}`)).length
    figures.push({
      page: path,
      persona: persona ?? "public",
      status: response.status,
      renderMs: median(timings),
      htmlBytes: Buffer.byteLength(html),
      jsGzipBytes,
      cssGzipBytes,
      requests: 1 + scripts.size + styles.length + 1, // + the favicon
    })
  }
  return figures
}
