// Rules of single sign-on without I/O: whether the identity provider's ID token says it did a second factor.

export type MfaPolicy = { amr: string[]; acr: string[] }

/** "mfa, otp" -> ["mfa", "otp"]: the admin's comma-separated list, blanks dropped. */
export function parseClaimList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean)
}

/**
 * Whether the provider asserted multi-factor authentication: one of the token's `amr` values (RFC 8176, e.g. Entra
 * ID's "mfa") or its `acr` is on the admin's list. An empty policy trusts nothing, so Parat's own code is asked.
 */
export function isMfaAsserted(claims: Record<string, unknown>, policy: MfaPolicy): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string") : []
  if (amr.some((value) => policy.amr.includes(value))) return true
  return typeof claims.acr === "string" && policy.acr.includes(claims.acr)
}
