// Two-factor recovery by e-mail: a person whose password was right but whose authenticator is lost asks for a
// one-time, short-lived link; using it removes the old authenticator and recovery codes, ends every session, and
// leaves them to set up a new authenticator at their next sign-in. Requests are rate-limited; everything is audited.
import { createHash, randomBytes } from "node:crypto"
import { and, count, eq, gt, isNull } from "drizzle-orm"
import { recordAudit } from "./audit.server"
import { pendingSignInPerson } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { enqueueTwoFactorRecovery } from "./mail.server"
import { hasConfirmedTwoFactor } from "./two-factor.server"

const { people, totpCredentials, recoveryCodes, sessions, signInChallenges, twoFactorRecoveries } = schema

/** Long enough to reach the mailbox, short enough that an old mail opens nothing. */
export const RECOVERY_LINK_MINUTES = 30
/** Links a person may ask for in 24 hours: a lost phone needs one, a typo in the mail server perhaps two. */
export const MAX_RECOVERY_REQUESTS_PER_DAY = 3
const DAY_MS = 86_400_000

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")

export type RecoveryRequestOutcome =
  | { ok: true; expiresAt: Date }
  | { ok: false; reason: "expired" | "no_two_factor" | "rate_limited" }

/**
 * Asks for a recovery link from the code step of a sign-in: the first step (password, or single sign-on) proved
 * who it is, so the link goes to that person's own address and to nobody a stranger could name.
 */
export function requestTwoFactorRecovery(
  request: Request,
  address: string,
  db: Db = getDb(),
  now: Date = new Date(),
): RecoveryRequestOutcome {
  const pending = pendingSignInPerson(request, db)
  if (!pending) return { ok: false, reason: "expired" }
  const { personId } = pending
  if (!hasConfirmedTwoFactor(personId, db)) return { ok: false, reason: "no_two_factor" }
  const token = randomBytes(32).toString("base64url")
  const expiresAt = new Date(now.getTime() + RECOVERY_LINK_MINUTES * 60_000)
  return db.transaction(
    (tx): RecoveryRequestOutcome => {
      const recent =
        tx
          .select({ n: count() })
          .from(twoFactorRecoveries)
          .where(
            and(
              eq(twoFactorRecoveries.personId, personId),
              gt(twoFactorRecoveries.createdAt, new Date(now.getTime() - DAY_MS)),
            ),
          )
          .get()?.n ?? 0
      if (recent >= MAX_RECOVERY_REQUESTS_PER_DAY) {
        recordAudit(tx, personId, "auth.two_factor_recovery_request", `person:${personId}`, {
          refused: "rate_limited",
          address,
        })
        return { ok: false, reason: "rate_limited" }
      }
      tx.insert(twoFactorRecoveries)
        .values({ tokenHash: sha256(token), personId, expiresAt, createdAt: now })
        .run()
      enqueueTwoFactorRecovery(tx, personId, token, expiresAt, now)
      recordAudit(tx, personId, "auth.two_factor_recovery_request", `person:${personId}`, { address })
      return { ok: true, expiresAt }
    },
    { behavior: "immediate" },
  )
}

function findUsable(token: string, db: Db, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const row = db
    .select({
      personId: twoFactorRecoveries.personId,
      expiresAt: twoFactorRecoveries.expiresAt,
      usedAt: twoFactorRecoveries.usedAt,
      isActive: people.isActive,
    })
    .from(twoFactorRecoveries)
    .innerJoin(people, eq(people.id, twoFactorRecoveries.personId))
    .where(eq(twoFactorRecoveries.tokenHash, sha256(token)))
    .get()
  if (!row || row.usedAt || !row.isActive || row.expiresAt.getTime() <= now.getTime()) return null
  return row
}

/** Whether the link can still be used (for the confirmation page; opening it changes nothing). */
export function isRecoveryLinkUsable(token: string, db: Db = getDb(), now: Date = new Date()) {
  return findUsable(token, db, now) !== null
}

/**
 * Uses the link, once: removes the authenticator and recovery codes, ends every session and unfinished sign-in
 * (someone signed in elsewhere, perhaps with the lost phone, is out), spends the person's other links, and marks
 * them to set up a new authenticator. A mail scanner that opens the link only sees the confirmation page.
 */
export function redeemTwoFactorRecovery(
  token: string,
  address: string,
  db: Db = getDb(),
  now: Date = new Date(),
): { ok: true; personId: number } | { ok: false } {
  const row = findUsable(token, db, now)
  if (!row) return { ok: false }
  const { personId } = row
  return db.transaction((tx) => {
    // Conditional, so two requests racing with one link cannot both pass.
    const spent = tx
      .update(twoFactorRecoveries)
      .set({ usedAt: now })
      .where(and(eq(twoFactorRecoveries.tokenHash, sha256(token)), isNull(twoFactorRecoveries.usedAt)))
      .run()
    if (spent.changes !== 1) return { ok: false } as const
    tx.update(twoFactorRecoveries)
      .set({ usedAt: now })
      .where(and(eq(twoFactorRecoveries.personId, personId), isNull(twoFactorRecoveries.usedAt)))
      .run()
    tx.delete(totpCredentials).where(eq(totpCredentials.personId, personId)).run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run()
    tx.delete(sessions).where(eq(sessions.personId, personId)).run()
    tx.delete(signInChallenges).where(eq(signInChallenges.personId, personId)).run()
    tx.update(people).set({ mustEnrolTwoFactor: true }).where(eq(people.id, personId)).run()
    recordAudit(tx, personId, "auth.two_factor_recovery", `person:${personId}`, { address })
    return { ok: true, personId } as const
  })
}
