import { z } from "zod"
import { DEFAULT_MIN_GROUP_SIZE, MIN_GROUP_SIZE_FLOOR } from "~/domain/vocabulary"

// The environment, validated once at boot: the only module that reads process.env (scripts/start.js reads where the
// build is before the build can read anything). A bad value stops start-up with a message naming the setting.
// Nothing here reaches the browser.
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The SQLite file (a "file:" prefix is allowed); relative paths are from the working directory. */
    DATABASE_URL: z
      .string()
      .trim()
      .min(1)
      .transform((url) => url.replace(/^file:/, "")),
    /** The SQL migrations applied at start-up */
    PARAT_MIGRATIONS_DIR: z.string().trim().min(1).default("db/migrations"),
    /** The course content (instrument, modules, wiki, handbook) synced into the database at start-up */
    PARAT_COURSES_DIR: z.string().trim().min(1).default("courses"),
    /** k of the anonymity rule for new cycles; never below 3 */
    PARAT_MIN_GROUP_SIZE: z.coerce.number().int().min(MIN_GROUP_SIZE_FLOOR).default(DEFAULT_MIN_GROUP_SIZE),
    /**
     * Unset: cookies are Secure (and the session cookie is named __Host-) when the request arrived over https.
     * "true" forces this (a TLS proxy that does not say so), "false" turns it off.
     */
    PARAT_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
    /**
     * Behind a reverse proxy: "1" (or "true") trusts one proxy hop, or a list such as "loopback" or "10.0.0.0/8";
     * read by scripts/http-app.js, which takes the client address from what the nearest trusted proxy added.
     */
    PARAT_TRUST_PROXY: z
      .string()
      .trim()
      .regex(
        /^(|false|true|\d+|[\w.:/-]+(,\s*[\w.:/-]+)*)$/,
        "false, true, a number of hops or a list of addresses",
      )
      .default("false")
      .transform(trustProxyOf),
    /** The origin browsers use when a proxy terminates TLS, e.g. https://parat.region.dk (used by the Origin check). */
    PARAT_PUBLIC_ORIGIN: z
      .url({ protocol: /^https?$/ })
      .refine(
        (value) => URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, ""),
        "an origin without a path",
      )
      .optional(),
    /** Audit log entries older than this many days are deleted by the retention job (docs/privacy.md). */
    PARAT_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(730),
    /** How often the server runs the retention job; 0 turns the schedule off (then run `npm run db:purge` from cron). */
    PARAT_PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(360),
    /** A session ends after this many minutes without a request. */
    PARAT_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** A session ends this many hours after sign-in, however active. */
    PARAT_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /**
     * The key that seals two-factor secrets at rest: 32 random bytes in base64 (openssl rand -base64 32). Unset, a
     * key file beside the database is made on first use (docs/decisions/013-two-factor-and-sessions.md).
     */
    PARAT_SECRET_KEY: z
      .string()
      .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes in base64")
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** The address `npm start` listens on; keep 127.0.0.1 behind a proxy (docs/deployment.md). */
    HOST: z.string().trim().min(1).default("127.0.0.1"),

    /** "log" (the default, for the demo) keeps mails in the outbox for /admin/mail; "smtp" sends them. */
    PARAT_MAIL_TRANSPORT: z.enum(["log", "smtp"]).default("log"),
    /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://...:465 */
    PARAT_SMTP_URL: z.string().optional(),
    PARAT_MAIL_FROM: z.string().default("Parat <parat@localhost>"),
    /** How often the mail worker looks at the outbox and the reminder schedules */
    PARAT_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),

    /** OpenID Connect: sign-in through the region's identity provider when the issuer is set */
    PARAT_OIDC_ISSUER: z.url().optional(),
    PARAT_OIDC_CLIENT_ID: z.string().optional(),
    PARAT_OIDC_CLIENT_SECRET: z.string().optional(),
    PARAT_OIDC_SCOPES: z.string().default("openid email profile"),
    /** The ID token claim holding the employee id (matched first), e.g. "employee_id" or "onpremisessamaccountname" */
    PARAT_OIDC_EMPLOYEE_ID_CLAIM: z.string().optional(),
    /** The claim holding the e-mail address (matched second), e.g. "email" or "preferred_username" */
    PARAT_OIDC_EMAIL_CLAIM: z.string().default("email"),
    /** The name on the sign-in button, e.g. "Region Hovedstaden" */
    PARAT_OIDC_NAME: z.string().default("Single sign-on"),
    /**
     * `amr` values in the ID token that mean the provider did a second factor (comma-separated, e.g. "mfa" for
     * Entra ID). With one of them (or an accepted `acr`), Parat asks for no code of its own; unset, never.
     */
    PARAT_OIDC_MFA_AMR: z.string().optional(),
    /** `acr` values that mean the same (e.g. "http://schemas.microsoft.com/claims/multipleauthn" for AD FS) */
    PARAT_OIDC_MFA_ACR: z.string().optional(),
    /** "false" turns password sign-in off for everyone but the break-glass admin */
    PARAT_PASSWORD_LOGIN: z.enum(["true", "false"]).default("true"),
    /** The one admin who may still sign in with a password when PARAT_PASSWORD_LOGIN=false */
    PARAT_BREAK_GLASS_EMAIL: z.email().optional(),
    /**
     * The hospital's Ed25519 private key (PKCS#8 PEM) that signs training records. Unset, a key is generated on
     * first use and kept in the database (fine for a demo; a hospital sets its own so the key lives outside backups).
     */
    PARAT_SIGNING_KEY: z.string().startsWith("-----BEGIN PRIVATE KEY-----").optional(),
  })
  .refine((env) => env.PARAT_MAIL_TRANSPORT !== "smtp" || env.PARAT_SMTP_URL, {
    path: ["PARAT_SMTP_URL"],
    message: "needed when PARAT_MAIL_TRANSPORT=smtp",
  })
  .refine((env) => !env.PARAT_OIDC_ISSUER || env.PARAT_OIDC_CLIENT_ID, {
    path: ["PARAT_OIDC_CLIENT_ID"],
    message: "needed when PARAT_OIDC_ISSUER is set",
  })

/**
 * Express's "trust proxy" from PARAT_TRUST_PROXY. "true" means one hop: trusting every hop would take the client
 * address from the leftmost X-Forwarded-For, which the client chooses.
 */
function trustProxyOf(value: string): false | number | string[] {
  if (value === "" || value === "false") return false
  if (value === "true") return 1
  if (/^\d+$/.test(value)) return Number(value)
  return value.split(",").map((part) => part.trim())
}

export type Env = z.output<typeof EnvSchema>

/** A setting that cannot be used; the message names every bad setting and what it must be. */
export class ConfigError extends Error {
  override name = "ConfigError"
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse({ DATABASE_URL: "data/parat.db", ...withoutEmpty(source) })
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "")
    const given = source[name]
    return `  ${name}: ${issue.message}${given === undefined ? "" : ` (it is ${JSON.stringify(given)})`}`
  })
  throw new ConfigError(`Parat cannot start: the configuration is invalid.\n${problems.join("\n")}`)
}

/** An empty variable (FOO= in a unit file) means unset, as it would for a setting that has a default. */
function withoutEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""))
}

export const env = parseEnv(process.env)

/**
 * Whether this request's cookies are Secure: when the public origin (or else the request) is https, unless
 * PARAT_SECURE_COOKIES says otherwise.
 */
export function isSecureRequest(request: Request) {
  if (env.PARAT_SECURE_COOKIES !== undefined) return env.PARAT_SECURE_COOKIES === "true"
  if (env.PARAT_PUBLIC_ORIGIN) return env.PARAT_PUBLIC_ORIGIN.startsWith("https:")
  return new URL(request.url).protocol === "https:"
}

/** What the HTTP layer in front of Remix needs (scripts/http-app.js takes it from the build's entry module). */
export const httpSettings = {
  trustProxy: env.PARAT_TRUST_PROXY,
  publicOrigin: env.PARAT_PUBLIC_ORIGIN ? new URL(env.PARAT_PUBLIC_ORIGIN).origin : null,
  oidcIssuerOrigin: env.PARAT_OIDC_ISSUER ? new URL(env.PARAT_OIDC_ISSUER).origin : null,
  mode: env.NODE_ENV,
}

/** The origin links in e-mails and the OpenID redirect URI are built from. */
export const publicOrigin = (env.PARAT_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, "")
