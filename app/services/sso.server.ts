// Sign-in through the region's identity provider with OpenID Connect (openid-client): authorization code flow
// with PKCE, state and nonce; the ID token is validated by the library (signature against the issuer's keys,
// issuer, audience, expiry, nonce). People are matched to imported people; roles stay Parat's.
// See docs/decisions/014-oidc-and-outbox.md.

import { createHmac, timingSafeEqual } from "node:crypto"
import { eq } from "drizzle-orm"
import * as client from "openid-client"
import { isMfaAsserted, type MfaPolicy, parseClaimList } from "~/domain/sso"
import { env, isSecureRequest, publicOrigin } from "~/env.server"
import { safeRedirect } from "~/utils/safe-redirect"
import { recordAudit } from "./audit.server"
import { createSession, startSecondStep } from "./auth.server"
import { cachedForProcess, forgetForProcess } from "./cache.server"
import { type Db, getDb, schema } from "./db.server"
import { createPerson } from "./people.server"
import { getSetting, setSetting, signingSecret } from "./settings.server"
import { hasConfirmedTwoFactor } from "./two-factor.server"

const { people, units } = schema

export type SsoSettings = {
  issuer: string
  clientId: string
  clientSecret?: string
  scopes: string
  employeeIdClaim?: string
  emailClaim: string
  name: string
  /** which amr/acr values count as the provider's second factor; empty lists trust none */
  mfa: MfaPolicy
}

/** The identity provider as the environment describes it, or null when single sign-on is not set up. */
export function ssoSettings(): SsoSettings | null {
  if (!env.PARAT_OIDC_ISSUER || !env.PARAT_OIDC_CLIENT_ID) return null
  return {
    issuer: env.PARAT_OIDC_ISSUER,
    clientId: env.PARAT_OIDC_CLIENT_ID,
    clientSecret: env.PARAT_OIDC_CLIENT_SECRET,
    scopes: env.PARAT_OIDC_SCOPES,
    employeeIdClaim: env.PARAT_OIDC_EMPLOYEE_ID_CLAIM,
    emailClaim: env.PARAT_OIDC_EMAIL_CLAIM,
    name: env.PARAT_OIDC_NAME,
    mfa: { amr: parseClaimList(env.PARAT_OIDC_MFA_AMR), acr: parseClaimList(env.PARAT_OIDC_MFA_ACR) },
  }
}

/** The one redirect URI to register at the identity provider. */
export const ssoRedirectUri = () => `${publicOrigin}/auth/oidc/callback`
export const ssoPostLogoutUri = () => `${publicOrigin}/login`

// Discovery once per issuer and client; a failed discovery is tried again on the next sign-in.

function isLoopbackHttp(issuer: URL) {
  return issuer.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname)
}

function oidcConfig(settings: SsoSettings) {
  const key = `oidc:${settings.issuer} ${settings.clientId}`
  return cachedForProcess(key, () => {
    const issuer = new URL(settings.issuer)
    const config = client.discovery(
      issuer,
      settings.clientId,
      undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      {
        execute: [
          // The library trusts TLS for an ID token from the token endpoint (OIDC Core 3.1.3.7, item 6) unless told
          // to check its signature against the issuer's published keys too; we want a foreign-signed token refused.
          client.enableNonRepudiationChecks,
          // Plain http only for a provider on this machine (tests, a local development provider).
          ...(isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : []),
        ],
      },
    )
    config.catch(() => forgetForProcess(key))
    return config
  })
}

// ---------------------------------------------------------------- the flow cookie

/** What the callback must find again: kept in a short-lived, signed, HttpOnly cookie on the callback path. */
type Flow = { state: string; nonce: string; verifier: string; redirectTo: string }
const FLOW_COOKIE = "parat_oidc"
const ID_TOKEN_COOKIE = "parat_oidc_id"

function cookie(request: Request, name: string, value: string, path: string, maxAgeSeconds: number) {
  const parts = [`${name}=${value}`, `Path=${path}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`]
  if (isSecureRequest(request)) parts.push("Secure")
  return parts.join("; ")
}

function readCookie(request: Request, name: string) {
  const header = request.headers.get("Cookie") ?? ""
  return new RegExp(`(?:^|;\\s*)${name}=([A-Za-z0-9_.-]+)`).exec(header)?.[1] ?? null
}

const sign = (value: string, db: Db) =>
  createHmac("sha256", signingSecret(db)).update(value).digest("base64url")

function sealFlow(flow: Flow, db: Db) {
  const body = Buffer.from(JSON.stringify(flow)).toString("base64url")
  return `${body}.${sign(`flow:${body}`, db)}`
}

function openFlow(sealed: string | null, db: Db): Flow | null {
  if (!sealed) return null
  const [body = "", signature = ""] = sealed.split(".")
  const expected = Buffer.from(sign(`flow:${body}`, db))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Flow
  } catch {
    return null
  }
}

// ---------------------------------------------------------------- sign-in

/** Step 1: the address of the identity provider's sign-in page, and the cookie that remembers this attempt. */
export async function beginSsoSignIn(
  request: Request,
  redirectTo: string | null,
  settings: SsoSettings,
  db: Db = getDb(),
): Promise<{ url: string; cookie: string }> {
  const config = await oidcConfig(settings)
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectTo: safeRedirect(redirectTo),
  }
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(),
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  })
  return { url: url.href, cookie: cookie(request, FLOW_COOKIE, sealFlow(flow, db), "/auth/oidc", 600) }
}

export type SsoRefusal = "state" | "token" | "provider" | "unknown" | "deactivated" | "unavailable"
export type SsoOutcome =
  /** signed in; or, when `step` is "second_factor", on to Parat's code step (the provider vouched for no second factor) */
  | {
      ok: true
      step: "done" | "second_factor"
      cookies: string[]
      redirectTo: string
      language: schema.Language
    }
  | { ok: false; reason: SsoRefusal; cookies: string[] }

const claimText = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, 254) : null

export type JitSetting = { unitId: number; jobFamily: schema.JobFamily } | null
const JIT_KEY = "sso.jit"
export const getJitSetting = (db: Db = getDb()) => getSetting<JitSetting | false>(JIT_KEY, false, db) || null

/** Turns just-in-time creation of people from the identity provider on (into one unit) or off. */
export function setJitSetting(actorId: number, value: JitSetting, db: Db = getDb()) {
  if (value) {
    const unit = db
      .select({ id: units.id, retiredAt: units.retiredAt })
      .from(units)
      .where(eq(units.id, value.unitId))
      .get()
    if (!unit || unit.retiredAt) return false
  }
  db.transaction((tx) => {
    setSetting(JIT_KEY, value ?? false, tx)
    recordAudit(tx, actorId, "sso.settings", null, { jit: value })
  })
  return true
}

/** The imported person the ID token names: by employee id first, then by e-mail; optionally created. */
function matchPerson(claims: Record<string, unknown>, settings: SsoSettings, db: Db) {
  const columns = { id: people.id, isActive: people.isActive, language: people.language }
  const employeeId = settings.employeeIdClaim ? claimText(claims[settings.employeeIdClaim]) : null
  if (employeeId) {
    const byEmployeeId = db.select(columns).from(people).where(eq(people.employeeId, employeeId)).get()
    if (byEmployeeId) return { person: byEmployeeId, isCreated: false }
  }
  const email = claimText(claims[settings.emailClaim])?.toLowerCase() ?? null
  if (email) {
    const byEmail = db.select(columns).from(people).where(eq(people.email, email)).get()
    if (byEmail) return { person: byEmail, isCreated: false }
  }
  const jit = getJitSetting(db)
  if (!jit || !email?.includes("@")) return null
  const id = createPerson(db, {
    email,
    employeeId,
    name: claimText(claims.name) ?? email,
    jobFamily: jit.jobFamily,
    unitId: jit.unitId,
  })
  return { person: db.select(columns).from(people).where(eq(people.id, id)).get()!, isCreated: true }
}

/**
 * Step 2, the callback: checks state and PKCE, exchanges the code, validates the ID token, matches the person and
 * starts a Parat session through the one session function (createSession). Every outcome is audited.
 */
export async function completeSsoSignIn(
  request: Request,
  settings: SsoSettings,
  db: Db = getDb(),
): Promise<SsoOutcome> {
  const clearFlow = cookie(request, FLOW_COOKIE, "", "/auth/oidc", 0)
  const refuse = (reason: SsoRefusal, details: Record<string, unknown> = {}): SsoOutcome => {
    recordAudit(db, null, "auth.sso_refused", null, { reason, ...details })
    return { ok: false, reason, cookies: [clearFlow] }
  }
  const flow = openFlow(readCookie(request, FLOW_COOKIE), db)
  const incoming = new URL(request.url)
  // The URL the provider redirected to, as the public sees it (behind a proxy request.url is the inner one).
  const currentUrl = new URL(`${ssoRedirectUri()}${incoming.search}`)
  if (!flow) return refuse("state", { cause: "no sign-in in progress" })
  if (currentUrl.searchParams.get("state") !== flow.state) return refuse("state")
  if (currentUrl.searchParams.has("error")) {
    return refuse("provider", { error: currentUrl.searchParams.get("error")?.slice(0, 100) })
  }
  let config: client.Configuration
  try {
    config = await oidcConfig(settings)
  } catch (error) {
    return refuse("unavailable", { error: String(error).slice(0, 200) })
  }
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    return refuse("token", { error: String((error as Error)?.message ?? error).slice(0, 200) })
  }
  const claims = (tokens.claims() ?? {}) as Record<string, unknown>
  const subject = claimText(claims.sub)
  const match = matchPerson(claims, settings, db)
  if (!match) return refuse("unknown", { sub: subject })
  if (!match.person.isActive) return refuse("deactivated", { sub: subject, personId: match.person.id })

  // A second factor: the provider's, when its token says so and the admin trusts that (PARAT_OIDC_MFA_AMR/ACR);
  // else Parat's own code for whoever set one up. Admins without either are sent to set one up (requireRole).
  const isMfaByIdp = isMfaAsserted(claims, settings.mfa)
  const needsCode = !isMfaByIdp && hasConfirmedTwoFactor(match.person.id, db)
  const secondFactor = isMfaByIdp ? "provider" : needsCode ? "parat_pending" : "none"
  const signedIn = needsCode
    ? startSecondStep(match.person.id, flow.redirectTo, "sso", request, db)
    : createSession(match.person.id, request, db, { isMfaByIdp })
  recordAudit(db, match.person.id, "auth.sso_login", `person:${match.person.id}`, {
    sub: subject,
    isCreated: match.isCreated,
    secondFactor,
  })
  const cookies = [clearFlow, signedIn]
  // Kept for RP-initiated logout (id_token_hint); only sent to /logout.
  if (tokens.id_token) cookies.push(cookie(request, ID_TOKEN_COOKIE, tokens.id_token, "/logout", 14 * 86_400))
  return {
    ok: true,
    step: needsCode ? "second_factor" : "done",
    cookies,
    redirectTo: flow.redirectTo,
    language: match.person.language,
  }
}

// ---------------------------------------------------------------- sign-out and password sign-in

/**
 * Where to go after Parat's session has ended: the provider's end_session_endpoint when the person signed in
 * through it and the provider has one, else the login page. The cookies clear the ID token.
 */
export async function ssoSignOutTarget(request: Request, settings: SsoSettings | null) {
  const idToken = readCookie(request, ID_TOKEN_COOKIE)
  const clear = cookie(request, ID_TOKEN_COOKIE, "", "/logout", 0)
  if (!settings || !idToken) return { url: "/login", cookies: idToken ? [clear] : [] }
  try {
    const config = await oidcConfig(settings)
    if (!config.serverMetadata().end_session_endpoint) return { url: "/login", cookies: [clear] }
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: ssoPostLogoutUri(),
    })
    return { url: url.href, cookies: [clear] }
  } catch {
    return { url: "/login", cookies: [clear] }
  }
}

/** Whether this e-mail may sign in with a password: always, unless turned off for all but the break-glass admin. */
export function isPasswordSignInAllowed(email: string | null) {
  if (env.PARAT_PASSWORD_LOGIN === "true") return true
  return Boolean(
    email && env.PARAT_BREAK_GLASS_EMAIL && email.toLowerCase() === env.PARAT_BREAK_GLASS_EMAIL.toLowerCase(),
  )
}

export const isPasswordSignInOn = () => env.PARAT_PASSWORD_LOGIN === "true"
