// Production server: Express serves the built assets and hands every other request to Remix.
// The client's socket address reaches loaders and actions as context.ip (login rate limiting).
import { createRequestHandler } from "@remix-run/express"
import express from "express"

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? "127.0.0.1"
const buildDir = process.env.PARAT_BUILD_DIR ?? "build"
process.env.NODE_ENV ??= "production"

const build = await import(new URL(`../${buildDir}/server/index.js`, import.meta.url).href)
const app = express()
app.disable("x-powered-by")
app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }))
app.use(express.static(`${buildDir}/client`, { maxAge: "1h" }))
app.all(
  "*",
  createRequestHandler({ build, getLoadContext: (req) => ({ ip: req.socket.remoteAddress ?? "unknown" }) }),
)

const server = app.listen(port, host, () =>
  console.log(`Parat is serving on http://${host === "127.0.0.1" ? "localhost" : host}:${port}`),
)
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)))
