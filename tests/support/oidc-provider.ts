// A real OpenID provider (oidc-provider) on a free loopback port, for the sign-in tests. Its sign-in page takes any
// login name; `accounts` says which claims each name gets, and an account's `amr` (comma-separated) and `acr` say
// how the provider claims to have signed them in. An account's `tokenTamper` ("expired" or "foreign") makes the
// token endpoint hand out that account's ID token expired (signed with the provider's own key) or signed with a key
// the provider never published: what Parat must refuse. Nothing here talks to anything off this machine.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose"
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
  const signing = await generateKeyPair("RS256", { extractable: true })
  const foreign = await generateKeyPair("RS256")
  const KID = "test-signing-key"
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(signing.privateKey)), kid: KID, alg: "RS256", use: "sig" }] },
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
  /** The token response, with the ID token of a `tokenTamper` account made expired or foreign-signed. */
  async function tamper(body: string) {
    const response = JSON.parse(body) as { id_token?: string }
    if (!response.id_token) return body
    const claims = decodeJwt(response.id_token)
    const mode = accounts.get(String(claims.sub))?.tokenTamper
    if (!mode) return body
    const now = Math.floor(Date.now() / 1000)
    const times = mode === "expired" ? { iat: now - 7200, exp: now - 3600 } : {}
    response.id_token = await new SignJWT({ ...claims, ...times })
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .sign(mode === "foreign" ? foreign.privateKey : signing.privateKey)
    return JSON.stringify(response)
  }

  const handle = provider.callback()
  server.on("request", async (req, res) => {
    if (req.method === "POST" && req.url === "/token") {
      const chunks: Buffer[] = []
      const end = res.end.bind(res)
      res.write = ((chunk: string | Buffer) => {
        chunks.push(Buffer.from(chunk))
        return true
      }) as typeof res.write
      res.end = ((chunk?: string | Buffer) => {
        if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk))
        void tamper(Buffer.concat(chunks).toString("utf8")).then((body) => {
          res.setHeader("Content-Length", Buffer.byteLength(body))
          end(body)
        })
        return res
      }) as typeof res.end
    }
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
