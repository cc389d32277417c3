// A real OpenID provider (oidc-provider) on a free loopback port, for the sign-in tests. Its sign-in page takes any
// login name; `accounts` says which claims each name gets, and an account's `amr` (comma-separated) and `acr` say
// how the provider claims to have signed them in. Nothing here talks to anything off this machine.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import Provider from "oidc-provider"

export const TEST_CLIENT = { id: "parat", secret: "a-test-secret-that-is-long-enough-for-hs256" }

export async function listenOnLoopback(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

// The provider's own pages, without the web font its defaults load from the internet.
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`

export async function startOidcProvider(appOrigin: string, accounts: Map<string, Record<string, string>>) {
  const server = createServer()
  const issuer = await listenOnLoopback(server)
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${appOrigin}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${appOrigin}/login`],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // Plain http on loopback: the default SameSite=None cookies would need https in a real browser.
    cookies: { keys: ["a-test-cookie-key"], long: { sameSite: "lax" }, short: { sameSite: "lax" } },
    // amr and acr as a provider with multi-factor sign-in reports them (Entra ID sends amr ["pwd", "mfa"]).
    claims: { openid: ["sub", "acr", "amr"], email: ["email"], profile: ["name", "employee_id"] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) =>
      accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined,
    // A first-party client: the grant is given without a consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      })
      grant.addOIDCScope("openid email profile")
      await grant.save()
      return grant
    },
    features: {
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            "Sign out of the provider?",
            `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`,
          )
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page("Signed out", "")
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = "html"
      ctx.body = page("Provider error", `<p>${String(out.error)}</p>`)
    },
  })
  const handle = provider.callback()
  server.on("request", async (req, res) => {
    // The sign-in form's answer: finished here rather than by the provider's development page, so the account's
    // amr and acr go into the ID token as a real provider's multi-factor sign-in would put them.
    if (req.method === "POST" && /^\/interaction\/[^/]+$/.test(req.url ?? "")) {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const login = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("login") ?? ""
      const claims = accounts.get(login)
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login, amr: claims?.amr?.split(","), acr: claims?.acr } },
        { mergeWithLastSubmission: false },
      )
      return
    }
    handle(req, res)
  })
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
