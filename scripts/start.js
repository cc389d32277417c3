// Production server: Express serves the built assets and hands every other request to Remix (see http-app.js
// for proxy trust, the public origin and the security headers). The client address reaches loaders and actions
// as context.ip (login rate limiting); the CSP nonce as context.cspNonce.
// Every setting is parsed and checked once, in app/env.server.ts, when the build is imported; only where the build
// lies is read here. A bad setting stops start-up with a message naming it.
import { createApp } from "./http-app.js"

const buildDir = process.env.PARAT_BUILD_DIR ?? "build"
process.env.NODE_ENV ??= "production"

let build
try {
  build = await import(new URL(`../${buildDir}/server/index.js`, import.meta.url).href)
} catch (error) {
  if (error?.name !== "ConfigError") throw error
  console.error(error.message)
  process.exit(1)
}
const { env } = build.entry.module
const app = createApp({ build, buildDir })

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address()
  const shown = env.HOST === "127.0.0.1" ? "localhost" : env.HOST
  console.log(`Parat is serving on http://${shown}:${typeof address === "object" ? address?.port : env.PORT}`)
})
// Retention (app/services/retention.server.ts): expired sessions, spent tokens, old drafts and old audit entries.
const stopRetention = build.entry.module.startRetentionSchedule?.() ?? (() => {})
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopRetention()
    server.close(() => process.exit(0))
  })
