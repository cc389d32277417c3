// Single sign-on against a real OpenID provider (oidc-provider) on loopback, driven over real HTTP, and against a
// provider that hands out tokens that must be refused (expired, signed with a foreign key).
import { createServer } from "node:http"
import { and, eq } from "drizzle-orm"
import { exportJWK, generateKeyPair, SignJWT } from "jose"
import { generateSync } from "otplib"
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest"
import { completeSignIn, getUser, requireRole } from "~/services/auth.server"
import {
  beginSsoSignIn,
  completeSsoSignIn,
  type SsoSettings,
  setJitSetting,
  ssoSignOutTarget,
} from "~/services/sso.server"
import { enrolKnownSecret } from "~/services/two-factor.server"
import type { Db } from "../../db/client"
import { auditLog, people } from "../../db/schema"
import { ensurePerson, ensureUnit } from "../../scripts/seed/factories"
import { listenOnLoopback, startOidcProvider, TEST_CLIENT } from "../support/oidc-provider"
import { makeRequest, testDb } from "./db"

const CALLBACK = "http://localhost:3000/auth/oidc/callback"
const CLIENT = TEST_CLIENT

/** Who can sign in at the provider: account id -> claims. */
const accounts = new Map<string, Record<string, string>>()

/** A browser's cookie jar for one host, enough for the provider's interaction cookies. */
function cookieJar() {
  const cookies = new Map<string, string>()
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";")
        const at = pair.indexOf("=")
        cookies.set(pair.slice(0, at), pair.slice(at + 1))
      }
    },
  }
}

/** Signs in at the provider as `login` like a browser would, and returns the URL it sends the browser back to. */
async function signInAtProvider(authorizationUrl: string, login: string) {
  const jar = cookieJar()
  let url = authorizationUrl
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(CALLBACK)) return url
    const response = await fetch(url, { redirect: "manual", headers: { Cookie: jar.header() } })
    jar.take(response)
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("Location")!, url).href
      continue
    }
    const html = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1]
    if (!action || !prompt) throw new Error(`unexpected page at ${url}: ${html.slice(0, 200)}`)
    const posted = await fetch(new URL(action, url), {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt, login, password: "any" }),
    })
    jar.take(posted)
    url = new URL(posted.headers.get("Location")!, url).href
  }
  throw new Error("too many redirects")
}

/** The callback request the browser makes: the provider's redirect plus the flow cookie Parat set. */
const callbackRequest = (url: string, flowCookie: string) =>
  makeRequest(new URL(url).pathname + new URL(url).search, { cookie: flowCookie.split(";")[0] })

let db: Db
let real: Awaited<ReturnType<typeof startOidcProvider>>
let settings: SsoSettings
let unitId: number
let runs = 0

beforeAll(async () => {
  real = await startOidcProvider("http://localhost:3000", accounts)
  settings = {
    issuer: real.issuer,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    scopes: "openid email profile",
    employeeIdClaim: "employee_id",
    emailClaim: "email",
    name: "Test-region",
    mfa: { amr: [], acr: [] },
  }
})

// Each test gets its own database with one department.
beforeEach(() => {
  db = testDb("empty")
  unitId = ensureUnit(db, { code: "SSO", name: "SSO-afdeling", kind: "department" })
})

afterAll(async () => {
  await real.close()
})

/** A person imported into Parat, and the account they have at the provider. */
function person(
  claims: { email?: string; employee_id?: string },
  parat: { email: string; employeeId?: string },
) {
  runs++
  const id = ensurePerson(db, {
    email: parat.email,
    name: `Person ${runs}`,
    jobFamily: "nurse",
    unitId,
    employeeId: parat.employeeId ?? null,
    language: "en",
  })
  const account = `account-${runs}`
  accounts.set(account, { name: `Person ${runs}`, ...claims })
  return { id, account }
}

async function signIn(account: string, config = settings) {
  const begun = await beginSsoSignIn(makeRequest("/auth/oidc"), "/survey", config, db)
  const callbackUrl = await signInAtProvider(begun.url, account)
  return completeSsoSignIn(callbackRequest(callbackUrl, begun.cookie), config, db)
}

const sessionCookieOf = (cookies: string[]) =>
  cookies.find((c) => c.startsWith("parat_session="))!.split(";")[0]!

test("a person signs in through the provider, matched by employee id before e-mail, with PKCE, state and nonce", async () => {
  const { id, account } = person(
    { employee_id: "E-1001", email: "changed-name@region.test" },
    { email: "old-name@region.test", employeeId: "E-1001" },
  )
  const begun = await beginSsoSignIn(makeRequest("/auth/oidc"), "/survey", settings, db)
  const authorization = new URL(begun.url)
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256")
  expect(authorization.searchParams.get("state")).toBeTruthy()
  expect(authorization.searchParams.get("nonce")).toBeTruthy()
  expect(authorization.searchParams.get("redirect_uri")).toBe(CALLBACK)
  expect(begun.cookie).toMatch(/HttpOnly/)

  const outcome = await completeSsoSignIn(
    callbackRequest(await signInAtProvider(begun.url, account), begun.cookie),
    settings,
    db,
  )
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome).toMatchObject({ redirectTo: "/survey", language: "en" })
  const user = getUser(makeRequest("/", { cookie: sessionCookieOf(outcome.cookies) }), db)
  expect(user).toMatchObject({ id, role: "employee" })
  const audited = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.sso_login"), eq(auditLog.actorId, id)))
    .all()
  expect(audited).toEqual([{ details: { sub: account, isCreated: false, secondFactor: "none" } }])
})

test("without an employee id the e-mail claim matches, in any letter case", async () => {
  const { id, account } = person({ email: "Karen.Hansen@Region.test" }, { email: "karen.hansen@region.test" })
  const outcome = await signIn(account)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(getUser(makeRequest("/", { cookie: sessionCookieOf(outcome.cookies) }), db)?.id).toBe(id)
})

test("a callback with another attempt's state is refused and starts no session", async () => {
  const { account } = person({ email: "state@region.test" }, { email: "state@region.test" })
  const mine = await beginSsoSignIn(makeRequest("/auth/oidc"), "/", settings, db)
  const theirs = await beginSsoSignIn(makeRequest("/auth/oidc"), "/", settings, db)
  const callbackUrl = await signInAtProvider(theirs.url, account)
  const outcome = await completeSsoSignIn(callbackRequest(callbackUrl, mine.cookie), settings, db)
  expect(outcome).toMatchObject({ ok: false, reason: "state" })
  expect(outcome.cookies.some((c) => c.startsWith("parat_session="))).toBe(false)
  // No flow cookie at all (an expired or stolen link) is refused the same way.
  const bare = await completeSsoSignIn(
    makeRequest(new URL(callbackUrl).pathname + new URL(callbackUrl).search),
    settings,
    db,
  )
  expect(bare).toMatchObject({ ok: false, reason: "state" })
})

test("someone the provider knows but Parat does not is refused, unless the admin turned on creation", async () => {
  accounts.set("stranger", { email: "stranger@region.test", name: "Stranger", employee_id: "E-9999" })
  expect(await signIn("stranger")).toMatchObject({ ok: false, reason: "unknown" })
  expect(db.select().from(people).where(eq(people.email, "stranger@region.test")).all()).toEqual([])

  const admin = ensurePerson(db, {
    email: "sso-admin@region.test",
    name: "Admin",
    jobFamily: "administrative",
    unitId,
    role: "admin",
  })
  expect(setJitSetting(admin, { unitId, jobFamily: "other_clinical" }, db)).toBe(true)
  try {
    const outcome = await signIn("stranger")
    if (!outcome.ok) throw new Error(outcome.reason)
    const created = db
      .select({ unitId: people.unitId, role: people.role, employeeId: people.employeeId, name: people.name })
      .from(people)
      .where(eq(people.email, "stranger@region.test"))
      .get()
    expect(created).toEqual({ unitId, role: "employee", employeeId: "E-9999", name: "Stranger" })
  } finally {
    setJitSetting(admin, null, db)
  }
})

test("a deactivated person is refused", async () => {
  const { id, account } = person({ email: "left@region.test" }, { email: "left@region.test" })
  db.update(people).set({ isActive: false }).where(eq(people.id, id)).run()
  expect(await signIn(account)).toMatchObject({ ok: false, reason: "deactivated" })
  const refused = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.action, "auth.sso_refused"))
    .all()
  expect(refused.map((r) => r.details)).toContainEqual({ reason: "deactivated", sub: account, personId: id })
})

test("signing out sends the browser to the provider's end_session_endpoint with the ID token", async () => {
  const { account } = person({ email: "bye@region.test" }, { email: "bye@region.test" })
  const outcome = await signIn(account)
  if (!outcome.ok) throw new Error(outcome.reason)
  const idCookie = outcome.cookies.find((c) => c.startsWith("parat_oidc_id="))!
  expect(idCookie).toMatch(/Path=\/logout/)
  const target = await ssoSignOutTarget(makeRequest("/logout", { cookie: idCookie.split(";")[0] }), settings)
  const url = new URL(target.url)
  expect(url.origin).toBe(real.issuer)
  expect(url.searchParams.get("id_token_hint")).toBe(idCookie.split(";")[0]!.split("=")[1])
  expect(url.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost:3000/login")
  const page = await fetch(url)
  expect(page.status).toBe(200) // the provider's own "sign out?" page
  // Without an SSO sign-in, sign-out just returns to the login page.
  expect((await ssoSignOutTarget(makeRequest("/logout"), settings)).url).toBe("/login")
})

// ---------------------------------------------------------------- second factor: the provider's or Parat's

/** An admin imported into Parat, with a provider account whose sign-in reports these amr values. */
function adminAt(tag: string, amr: string) {
  const { id, account } = person({ email: `${tag}@region.test` }, { email: `${tag}@region.test` })
  db.update(people).set({ role: "admin" }).where(eq(people.id, id)).run()
  accounts.set(account, { ...accounts.get(account), amr })
  return { id, account }
}

/** Whether the admin area lets this session in, or where it sends it. */
function adminAreaFor(cookies: string[]) {
  try {
    requireRole(makeRequest("/admin", { cookie: sessionCookieOf(cookies) }), "admin", db)
    return "admitted"
  } catch (thrown) {
    return (thrown as Response).headers.get("Location")
  }
}

test("an admin whose provider did multi-factor (amr mfa) works without a Parat code, when the setting trusts it", async () => {
  const { account } = adminAt("mfa-admin", "pwd,mfa")
  const trusting = { ...settings, mfa: { amr: ["mfa"], acr: [] } }
  const outcome = await signIn(account, trusting)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.step).toBe("done")
  expect(getUser(makeRequest("/", { cookie: sessionCookieOf(outcome.cookies) }), db)?.isMfaByIdp).toBe(true)
  expect(adminAreaFor(outcome.cookies)).toBe("admitted")

  // The same sign-in without the setting: the provider's claim counts for nothing, so the admin sets up a code.
  const untrusted = await signIn(account)
  if (!untrusted.ok) throw new Error(untrusted.reason)
  expect(adminAreaFor(untrusted.cookies)).toBe("/account/two-factor?required=1")
})

test("a password-only sign-in at the provider (amr pwd) does not count as a second factor", async () => {
  const { account } = adminAt("pwd-admin", "pwd")
  const outcome = await signIn(account, { ...settings, mfa: { amr: ["mfa"], acr: [] } })
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(adminAreaFor(outcome.cookies)).toBe("/account/two-factor?required=1")
})

test("someone with Parat two-factor whose provider vouched for no second factor still types their code", async () => {
  const { id, account } = person({ email: "totp-sso@region.test" }, { email: "totp-sso@region.test" })
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
  enrolKnownSecret(id, secret, db)
  const outcome = await signIn(account)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.step).toBe("second_factor")
  expect(outcome.cookies.some((c) => c.startsWith("parat_session="))).toBe(false)
  const challenge = outcome.cookies.find((c) => c.startsWith("parat_sign_in="))!.split(";")[0]!
  const done = completeSignIn(
    makeRequest("/login/two-factor", { cookie: challenge }),
    { code: generateSync({ secret }), address: "127.0.0.1" },
    db,
  )
  if (!done.ok) throw new Error(done.reason)
  expect(getUser(makeRequest("/", { cookie: done.cookies[0]!.split(";")[0] }), db)?.id).toBe(id)
  const signIns = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.actorId, id)))
    .all()
  expect(signIns).toEqual([{ details: { method: "sso+totp", address: "127.0.0.1" } }])
})

// ---------------------------------------------------------------- tokens that must be refused

/**
 * A provider that publishes one key but answers the token request with an ID token that is expired or signed with
 * another key: what a compromised or misbehaving party could send. Everything else about the token is right.
 */
async function startBadProvider(mode: "expired" | "foreign") {
  const published = await generateKeyPair("RS256")
  const foreign = await generateKeyPair("RS256")
  const server = createServer()
  const issuer = await listenOnLoopback(server)
  let nonce = ""
  server.on("request", async (req, res) => {
    const url = new URL(req.url ?? "/", issuer)
    const json = (body: unknown) => {
      res.setHeader("Content-Type", "application/json")
      res.end(JSON.stringify(body))
    }
    if (url.pathname === "/.well-known/openid-configuration")
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      })
    if (url.pathname === "/jwks")
      return json({
        keys: [{ ...(await exportJWK(published.publicKey)), kid: "k1", alg: "RS256", use: "sig" }],
      })
    if (url.pathname === "/nonce") {
      nonce = url.searchParams.get("value") ?? ""
      return json({})
    }
    if (url.pathname === "/token") {
      const now = Math.floor(Date.now() / 1000)
      const times = mode === "expired" ? { iat: now - 7200, exp: now - 3600 } : { iat: now, exp: now + 300 }
      const idToken = await new SignJWT({ email: "bad-token@region.test", nonce, ...times })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setAudience(CLIENT.id)
        .setSubject("bad-token")
        .sign(mode === "foreign" ? foreign.privateKey : published.privateKey)
      return json({ access_token: "opaque", token_type: "Bearer", expires_in: 300, id_token: idToken })
    }
    res.statusCode = 404
    res.end()
  })
  return { server, issuer }
}

for (const mode of ["expired", "foreign"] as const) {
  test(`${mode === "expired" ? "an expired" : "a foreign-signed"} ID token is refused`, async () => {
    person({ email: "bad-token@region.test" }, { email: "bad-token@region.test" })
    const bad = await startBadProvider(mode)
    try {
      const config = { ...settings, issuer: bad.issuer }
      const begun = await beginSsoSignIn(makeRequest("/auth/oidc"), "/", config, db)
      const authorization = new URL(begun.url)
      await fetch(`${bad.issuer}/nonce?value=${authorization.searchParams.get("nonce")}`)
      const callback = `${CALLBACK}?code=some-code&state=${authorization.searchParams.get("state")}`
      const outcome = await completeSsoSignIn(callbackRequest(callback, begun.cookie), config, db)
      expect(outcome).toMatchObject({ ok: false, reason: "token" })
      expect(outcome.cookies.some((c) => c.startsWith("parat_session="))).toBe(false)
    } finally {
      await new Promise<void>((resolve) => bad.server.close(() => resolve()))
    }
  })
}
