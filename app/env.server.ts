import { z } from "zod"

// The environment, validated once at boot. Nothing here reaches the browser.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("data/parat.db"),
  /** k of the anonymity rule for new cycles; never below 3 */
  PARAT_MIN_GROUP_SIZE: z.coerce.number().int().min(3).default(5),
  /** Set to "false" only when serving plain http on a non-local address (not recommended). */
  PARAT_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  PARAT_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
})

export const env = EnvSchema.parse(process.env)

export const isSecureCookie =
  env.PARAT_SECURE_COOKIES === undefined
    ? env.NODE_ENV !== "development"
    : env.PARAT_SECURE_COOKIES === "true"
