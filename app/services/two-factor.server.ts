// Two-factor sign-in with TOTP (RFC 6238, through otplib) and one-time recovery codes.
import { createHash, randomInt } from "node:crypto"
import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm"
import { generateSecret, generateURI, verifySync } from "otplib"
import QRCode from "qrcode"
import { recordAudit } from "./audit.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { verifyPassword } from "./password.server"
import { openSecret, sealSecret } from "./secret-box.server"

const { people, totpCredentials, recoveryCodes } = schema

export const ISSUER = "Parat"
export const RECOVERY_CODE_COUNT = 10
// Codes of the previous and the next 30-second step are accepted too: clocks drift and typing takes time.
const EPOCH_TOLERANCE_SECONDS = 30
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789" // no 0/o, 1/l/i to misread

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")

function readCredential(personId: number, db: Db) {
  const row = db
    .select({
      sealedSecret: totpCredentials.sealedSecret,
      confirmedAt: totpCredentials.confirmedAt,
      lastTimeStep: totpCredentials.lastTimeStep,
    })
    .from(totpCredentials)
    .where(eq(totpCredentials.personId, personId))
    .get()
  if (!row) return null
  return { ...row, secret: openSecret(row.sealedSecret, personId, db) }
}

export function hasConfirmedTwoFactor(personId: number, db: Db = getDb()) {
  return Boolean(
    db
      .select({ personId: totpCredentials.personId })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.personId, personId), isNotNull(totpCredentials.confirmedAt)))
      .get(),
  )
}

/** Checks a six-digit code and spends its time step, so the same code is never accepted twice. */
function acceptTotp(personId: number, code: string, db: Db, now: number, requireConfirmed: boolean) {
  const credential = readCredential(personId, db)
  if (!credential?.secret || (requireConfirmed && !credential.confirmedAt)) return false
  let timeStep: number
  try {
    const result = verifySync({
      secret: credential.secret,
      token: code,
      epoch: Math.floor(now / 1000),
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      afterTimeStep: credential.lastTimeStep ?? undefined,
    })
    if (!result.valid || !("timeStep" in result)) return false
    timeStep = result.timeStep
  } catch {
    return false
  }
  // Conditional, so two requests racing with one code cannot both pass.
  const spent = db
    .update(totpCredentials)
    .set({ lastTimeStep: timeStep })
    .where(
      and(
        eq(totpCredentials.personId, personId),
        or(isNull(totpCredentials.lastTimeStep), lt(totpCredentials.lastTimeStep, timeStep)),
      ),
    )
    .run()
  return spent.changes === 1
}

function normaliseCode(code: string) {
  return code.replace(/[\s-]/g, "").toLowerCase()
}

/** The second step of a sign-in: which kind of code was accepted, or null. */
export function verifySecondFactor(
  personId: number,
  code: string,
  db: Db = getDb(),
  now: number = Date.now(),
): "totp" | "recovery_code" | null {
  const normalised = normaliseCode(code)
  if (/^\d{6}$/.test(normalised)) return acceptTotp(personId, normalised, db, now, true) ? "totp" : null
  if (!/^[a-z0-9]{10}$/.test(normalised) || !hasConfirmedTwoFactor(personId, db)) return null
  const used = db
    .update(recoveryCodes)
    .set({ usedAt: new Date(now) })
    .where(
      and(
        eq(recoveryCodes.personId, personId),
        eq(recoveryCodes.codeHash, sha256(normalised)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .run()
  return used.changes === 1 ? "recovery_code" : null
}

// ---------------------------------------------------------------- the account page

export type TwoFactorStatus =
  | { isEnabled: true; recoveryCodesLeft: number }
  | { isEnabled: false; secret: string; uri: string; qrSvg: string }

/**
 * Where the person stands. Without a confirmed authenticator, a pending one is made (once: a reload shows the same
 * secret) for the page to show as a QR code and as text.
 */
export async function getTwoFactorStatus(personId: number, db: Db = getDb()): Promise<TwoFactorStatus> {
  const credential = readCredential(personId, db)
  if (credential?.confirmedAt) {
    const left =
      db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
        .get()?.n ?? 0
    return { isEnabled: true, recoveryCodesLeft: left }
  }
  let secret = credential?.secret
  if (!secret) {
    secret = generateSecret() // 20 random bytes, base32
    const sealedSecret = sealSecret(secret, personId, db)
    db.insert(totpCredentials)
      .values({ personId, sealedSecret })
      .onConflictDoUpdate({ target: totpCredentials.personId, set: { sealedSecret, lastTimeStep: null } })
      .run()
  }
  const email =
    db.select({ email: people.email }).from(people).where(eq(people.id, personId)).get()?.email ?? ""
  const uri = generateURI({ issuer: ISSUER, label: email, secret })
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
  return { isEnabled: false, secret, uri, qrSvg }
}

function newRecoveryCodes() {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`
  })
}

function replaceRecoveryCodes(personId: number, db: DbOrTx) {
  const codes = newRecoveryCodes()
  db.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run()
  db.insert(recoveryCodes)
    .values(codes.map((code) => ({ personId, codeHash: sha256(normaliseCode(code)) })))
    .run()
  return codes
}

/** Turns two-factor sign-in on with a first code from the app; returns the recovery codes to show once. */
export function confirmTwoFactor(
  personId: number,
  code: string,
  db: Db = getDb(),
  now: number = Date.now(),
): { ok: true; recoveryCodes: string[] } | { ok: false } {
  const credential = readCredential(personId, db)
  if (!credential || credential.confirmedAt) return { ok: false }
  const normalised = normaliseCode(code)
  if (!/^\d{6}$/.test(normalised) || !acceptTotp(personId, normalised, db, now, false)) return { ok: false }
  const codes = db.transaction((tx) => {
    tx.update(totpCredentials)
      .set({ confirmedAt: new Date(now) })
      .where(eq(totpCredentials.personId, personId))
      .run()
    tx.update(people).set({ mustEnrolTwoFactor: false }).where(eq(people.id, personId)).run()
    recordAudit(tx, personId, "auth.two_factor_enable", `person:${personId}`)
    return replaceRecoveryCodes(personId, tx)
  })
  return { ok: true, recoveryCodes: codes }
}

/** New recovery codes (the old ones stop working), after a current code from the app. */
export function renewRecoveryCodes(
  personId: number,
  code: string,
  db: Db = getDb(),
  now: number = Date.now(),
): { ok: true; recoveryCodes: string[] } | { ok: false } {
  const normalised = normaliseCode(code)
  if (!/^\d{6}$/.test(normalised) || !acceptTotp(personId, normalised, db, now, true)) return { ok: false }
  return {
    ok: true,
    recoveryCodes: db.transaction((tx) => replaceRecoveryCodes(personId, tx)),
  }
}

/** Turns two-factor sign-in off after the person's password; an admin is then asked to set it up again. */
export async function disableTwoFactor(personId: number, password: string, db: Db = getDb()) {
  const row = db
    .select({ passwordHash: people.passwordHash })
    .from(people)
    .where(eq(people.id, personId))
    .get()
  if (!row || !(await verifyPassword(row.passwordHash, password))) return false
  db.transaction((tx) => {
    tx.delete(totpCredentials).where(eq(totpCredentials.personId, personId)).run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run()
    recordAudit(tx, personId, "auth.two_factor_disable", `person:${personId}`)
  })
  return true
}

/** Sets up a known secret, already confirmed (the demo admin, whose secret the README gives). */
export function enrolKnownSecret(personId: number, secret: string, db: Db = getDb()) {
  const sealedSecret = sealSecret(secret, personId, db)
  db.insert(totpCredentials)
    .values({ personId, sealedSecret, confirmedAt: new Date() })
    .onConflictDoUpdate({ target: totpCredentials.personId, set: { sealedSecret, confirmedAt: new Date() } })
    .run()
}

/**
 * An admin removes someone's second factor (phone and recovery codes lost). The person's sessions end too, since
 * a lost phone may be in someone else's hands; they set up a new app at their next sign-in (admins must).
 */
export function removeTwoFactorForPerson(
  actorId: number,
  personId: number,
  db: Db = getDb(),
): { ok: true } | { ok: false; reason: "not_found" | "own_account" } {
  if (actorId === personId) return { ok: false, reason: "own_account" }
  if (!db.select({ id: people.id }).from(people).where(eq(people.id, personId)).get()) {
    return { ok: false, reason: "not_found" }
  }
  db.transaction((tx) => {
    const removed = tx.delete(totpCredentials).where(eq(totpCredentials.personId, personId)).run().changes
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run()
    tx.delete(schema.sessions).where(eq(schema.sessions.personId, personId)).run()
    if (removed > 0)
      recordAudit(tx, actorId, "auth.two_factor_disable", `person:${personId}`, { by: "admin" })
  })
  return { ok: true }
}
