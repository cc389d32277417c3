// The HTTP layer in front of Remix: proxy trust, the app's public origin, security headers (helmet, CSP with a
// per-request nonce), a same-origin check and a body size cap, all before a request reaches a route.
// Requests that cannot be served get a short 400/403/413 answer here, never a 500.
import { randomBytes } from "node:crypto"
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node"
import express from "express"
import helmet from "helmet"

/**
 * A cap on any body, a little above the largest a route reads (the people import, 25 MB; forms about 1 MB), so
 * that the route's own, translated 413 shows first; this one stops bodies that no route reads.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

const SAFE_METHODS = new Set(["GET", "HEAD"])
// host[:port], where host is a name, an IPv4 address or a bracketed IPv6 address (RFC 3986 section 3.2.2).
const HOST_HEADER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?)(?::\d{1,5})?$/

// Refusals made before Remix renders a page: short, in both languages, as plain text.
const REFUSALS = {
  badHost: ["Forespørgslens Host-header er ugyldig.", "The request's Host header is not valid."],
  badTarget: ["Forespørgslens adresse er ugyldig.", "The request's address is not valid."],
  crossSite: [
    "Forespørgslen kom fra et andet websted og blev afvist. Gå til siden og prøv igen.",
    "The request came from another site and was refused. Open the page and try again.",
  ],
  tooLarge: ["Forespørgslen er for stor (højst 25 MB).", "The request is too large (at most 25 MB)."],
}

function refuse(res, status, reason) {
  const [da, en] = REFUSALS[reason]
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" })
  res.send(`${da}\n\n${en}\n`)
}

/** The origin of the app as the browser sees it: the configured public origin, else what the request says. */
function appOriginOf(req, publicOrigin) {
  if (publicOrigin) return publicOrigin
  const trustsSender = req.app.get("trust proxy fn")(req.socket.remoteAddress, 0)
  const forwarded = trustsSender ? req.get("X-Forwarded-Host")?.split(",")[0]?.trim() : undefined
  const host = forwarded || req.get("Host")
  if (!host || !HOST_HEADER.test(host)) return null
  try {
    return new URL(`${req.protocol}://${host}`).origin
  } catch {
    return null
  }
}

/**
 * A browser's unsafe request must come from the app's own origin: the Origin header when it is sent
 * ("null", from sandboxed frames and some redirects, is not our origin), else Sec-Fetch-Site.
 */
export function isSameOriginRequest(headers, appOrigin) {
  const origin = headers.origin
  if (origin !== undefined) return origin === appOrigin
  const site = headers["sec-fetch-site"]
  return site === undefined || site === "same-origin" || site === "none"
}

function securityHeaders(isHttps, oidcIssuerOrigin) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        // React's style={...} attributes (recharts, progress bars); no inline <style> element is allowed.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        // Sign-out posts to /logout, which redirects to the identity provider's end_session_endpoint (a form's
        // redirect target counts for form-action), so the provider's origin is allowed when single sign-on is on.
        "form-action": ["'self'", ...(oidcIssuerOrigin ? [oidcIssuerOrigin] : [])],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": isHttps ? [] : null,
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: 365 * 86_400, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
  })
}

/**
 * The request body as a web stream. A route may answer before reading all of it (a 413 on the declared length,
 * a 415): then the rest is read and dropped once the answer is sent, so the connection is not reset under the
 * browser while it is still sending, and no more than one chunk is held at a time.
 */
function requestBodyOf(req, res) {
  let onData
  const stream = new ReadableStream(
    {
      start(controller) {
        onData = (chunk) => {
          controller.enqueue(new Uint8Array(chunk))
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        }
        req.on("data", onData)
        req.once("end", () => {
          try {
            controller.close()
          } catch {}
        })
        req.once("error", (error) => controller.error(error))
        req.pause()
      },
      pull() {
        req.resume()
      },
      cancel() {
        req.off("data", onData)
        req.resume()
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  )
  res.once("finish", () => {
    if (req.readableEnded) return
    req.off("data", onData)
    req.resume()
  })
  return stream
}

// Request and response as in @remix-run/express (which does not export its helpers), except that the URL and
// Host carry the app's origin, so Remix's own origin check agrees with ours.
function remixRequestOf(req, res, appOrigin) {
  // Concatenated, not resolved: a path such as //evil.example/x stays a path of ours.
  const url = new URL(`${appOrigin}${req.originalUrl}`)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one)
  }
  headers.set("Host", url.host)
  headers.delete("X-Forwarded-Host")
  const controller = new AbortController()
  res.on("close", () => {
    if (!res.writableFinished) controller.abort()
  })
  const init = { method: req.method, headers, signal: controller.signal }
  if (!SAFE_METHODS.has(req.method)) {
    init.body = requestBodyOf(req, res)
    init.duplex = "half"
  }
  return new Request(url.href, init)
}

async function sendResponse(res, response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}

/**
 * The Express app that serves a Remix build from buildDir. Its settings are the build's own, parsed and checked
 * once in app/env.server.ts (PARAT_TRUST_PROXY, PARAT_PUBLIC_ORIGIN, PARAT_OIDC_ISSUER, NODE_ENV).
 * @param {{ build: any, buildDir: string, settings?: { trustProxy: false | number | string[], publicOrigin: string | null, oidcIssuerOrigin: string | null, mode: string } }} options
 */
export function createApp({ build, buildDir, settings = build.entry.module.httpSettings }) {
  const { trustProxy, publicOrigin, oidcIssuerOrigin, mode } = settings
  const handleRemix = createRequestHandler(build, mode)
  const isHttps = (req) => (publicOrigin ? publicOrigin.startsWith("https:") : req.secure)
  const headersOverHttps = securityHeaders(true, oidcIssuerOrigin)
  const headersOverHttp = securityHeaders(false, oidcIssuerOrigin)

  const app = express()
  app.disable("x-powered-by")
  app.set("trust proxy", trustProxy)

  app.use((req, res, next) => {
    res.locals.appOrigin = appOriginOf(req, publicOrigin)
    // A malformed Host is refused even with a public origin: it means a broken proxy or a probe.
    const host = req.get("Host")
    if (!res.locals.appOrigin || !host || !HOST_HEADER.test(host)) return refuse(res, 400, "badHost")
    // Only origin-form targets (/path?query); an absolute URL or * as the request target is not served.
    if (!req.originalUrl.startsWith("/")) return refuse(res, 400, "badTarget")
    res.locals.cspNonce = randomBytes(16).toString("base64")
    return (isHttps(req) ? headersOverHttps : headersOverHttp)(req, res, next)
  })
  app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }))
  app.use(express.static(`${buildDir}/client`, { maxAge: "1h" }))

  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    if (!isSameOriginRequest(req.headers, res.locals.appOrigin)) return refuse(res, 403, "crossSite")
    if (Number(req.get("Content-Length") ?? 0) > MAX_BODY_BYTES) return refuse(res, 413, "tooLarge")
    return next()
  })

  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequestOf(req, res, res.locals.appOrigin)
      const response = await handleRemix(request, { ip: req.ip ?? "unknown", cspNonce: res.locals.cspNonce })
      // Nothing Remix serves may be stored by a browser or proxy unless its route says otherwise.
      if (!response.headers.has("Cache-Control")) res.set("Cache-Control", "no-store")
      await sendResponse(res, response)
    } catch (error) {
      next(error)
    }
  })

  // The last resort: log, answer 500 without details (no stack trace reaches the client).
  app.use((error, _req, res, _next) => {
    console.error(error)
    if (res.headersSent) return res.destroy()
    res.status(500).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" })
    return res.send("Internal error\n")
  })
  return app
}
