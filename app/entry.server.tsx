import type { AppLoadContext, EntryContext } from "@remix-run/node"
import { createReadableStreamFromReadable } from "@remix-run/node"
import { RemixServer } from "@remix-run/react"
import { isbot } from "isbot"
import { renderToPipeableStream } from "react-dom/server"
import { I18nextProvider } from "react-i18next"
import { createI18n, detectLanguage } from "./i18n/i18n.server"
import { syncContentAtStartUp } from "./services/content-sync.server"
import { startMailWorker } from "./services/mail-worker.server"
import { NonceProvider } from "./utils/nonce-provider"
import { createNulStrippingStream } from "./utils/strip-nul.server"

// The production server (scripts/start.js) takes its settings (parsed and checked at import) and starts the
// retention job through the built entry module.
export { env, httpSettings } from "./env.server"
export { startRetentionSchedule } from "./services/retention.server"

// The content on disk goes into the database before the first request; bad content stops the start.
syncContentAtStartUp()
// The outbox worker runs beside the server that serves the pages (one process, one SQLite file).
startMailWorker()

export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The server (scripts/http-app.js) sends a CSP allowing only scripts with this nonce; none under `remix vite:dev`.
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : ""
  const i18n = await createI18n(detectLanguage(request))
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady"

  return new Promise<Response>((resolve, reject) => {
    let didError = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          const body = createNulStrippingStream()
          responseHeaders.set("Content-Type", "text/html; charset=utf-8")
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: didError ? 500 : responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          didError = true
          console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}
