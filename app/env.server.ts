import { z } from "zod"

// The environment, validated once at boot. Nothing here reaches the browser.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("data/parat.db"),
  /** k of the anonymity rule for new cycles; never below 3 */
  PARAT_MIN_GROUP_SIZE: z.coerce.number().int().min(3).default(5),
  /** Set to "false" only when serving plain http on a non-local address (not recommended). */
  PARAT_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /**
   * Behind a reverse proxy: "1" (or "true") trusts one proxy hop, or a list such as "loopback" or "10.0.0.0/8";
   * read by scripts/http-app.js, which takes the client address from what the nearest trusted proxy added.
   */
  PARAT_TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d+|[\w.:/-]+(,\s*[\w.:/-]+)*)$/)
    .default("false"),
  /** The origin browsers use when a proxy terminates TLS, e.g. https://parat.region.dk (used by the Origin check). */
  PARAT_PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine((value) => new URL(value).origin === value.replace(/\/$/, ""), "an origin without a path")
    .optional(),
  /** Audit log entries older than this many days are deleted by the retention job (docs/privacy.md). */
  PARAT_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(730),
  /** How often the server runs the retention job; 0 turns the schedule off (then run `npm run db:purge` from cron). */
  PARAT_PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(360),
})

export const env = EnvSchema.parse(process.env)

export const isSecureCookie =
  env.PARAT_SECURE_COOKIES === undefined
    ? env.NODE_ENV !== "development"
    : env.PARAT_SECURE_COOKIES === "true"
