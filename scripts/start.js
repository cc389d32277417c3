// Production server: Express serves the built assets and hands every other request to Remix (see http-app.js
// for proxy trust, the public origin and the security headers). The client address reaches loaders and actions
// as context.ip (login rate limiting); the CSP nonce as context.cspNonce.
import { createApp } from "./http-app.js"

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? "127.0.0.1"
const buildDir = process.env.PARAT_BUILD_DIR ?? "build"
process.env.NODE_ENV ??= "production"

const build = await import(new URL(`../${buildDir}/server/index.js`, import.meta.url).href)
const app = createApp({ build, buildDir })

const server = app.listen(port, host, () => {
  const address = server.address()
  const shown = host === "127.0.0.1" ? "localhost" : host
  console.log(`Parat is serving on http://${shown}:${typeof address === "object" ? address?.port : port}`)
})
// Retention (app/services/retention.server.ts): expired sessions, spent tokens, old drafts and old audit entries.
const stopRetention = build.entry.module.startRetentionSchedule?.() ?? (() => {})
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopRetention()
    server.close(() => process.exit(0))
  })
