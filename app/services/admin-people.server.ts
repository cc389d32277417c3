import { createHash, randomBytes } from "node:crypto"
import { and, asc, count, eq, isNull, like, or, type SQL } from "drizzle-orm"
import { recordAudit } from "./audit.server"
import { revokeAllSessions } from "./auth.server"
import { openCyclesForPerson } from "./cycle-eligibility.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"
import { enqueuePasswordLink } from "./mail.server"
import { hashPassword } from "./password.server"
import { findPasswordWeakness, type PasswordWeakness } from "./password-strength.server"
import { insertManagerScope } from "./people.server"

const { people, units, managerScopes, passwordResets, sessions, totpCredentials } = schema

export const PEOPLE_PAGE_SIZE = 50
export const RESET_TTL_MS = 24 * 60 * 60 * 1000

export type PeopleQuery = {
  q?: string
  role?: schema.Role
  status: "active" | "inactive" | "all"
  page: number
}

/** Search by name, email or employee id (a LIKE on an indexed column set; fine for a hospital region). */
export function searchPeople(query: PeopleQuery, db: Db = getDb()) {
  const where: SQL[] = []
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    where.push(
      or(like(people.name, pattern), like(people.email, pattern), like(people.employeeId, pattern)) as SQL,
    )
  }
  if (query.role) where.push(eq(people.role, query.role))
  if (query.status !== "all") where.push(eq(people.isActive, query.status === "active"))
  const condition = where.length > 0 ? and(...where) : undefined
  const total = db.select({ n: count() }).from(people).where(condition).get()?.n ?? 0
  const rows = db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      employeeId: people.employeeId,
      role: people.role,
      jobFamily: people.jobFamily,
      isActive: people.isActive,
      unitName: units.name,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(condition)
    .orderBy(asc(people.name), asc(people.id))
    .limit(PEOPLE_PAGE_SIZE)
    .offset((query.page - 1) * PEOPLE_PAGE_SIZE)
    .all()
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)) }
}

export function getPerson(id: number, db: Db = getDb()) {
  const person = db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      employeeId: people.employeeId,
      role: people.role,
      jobFamily: people.jobFamily,
      language: people.language,
      isActive: people.isActive,
      erasedAt: people.erasedAt,
      erasure: people.erasure,
      hasPassword: people.passwordHash,
      twoFactorAt: totpCredentials.confirmedAt,
      unitId: people.unitId,
      unitName: units.name,
      unitCode: units.code,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(totpCredentials, eq(totpCredentials.personId, people.id))
    .where(eq(people.id, id))
    .get()
  if (!person) return null
  const scopes = db
    .select({ unitId: units.id, name: units.name, code: units.code, retiredAt: units.retiredAt })
    .from(managerScopes)
    .innerJoin(units, eq(units.id, managerScopes.unitId))
    .where(eq(managerScopes.personId, id))
    .orderBy(asc(units.path))
    .all()
  // The surveys the person may take now, by the same rule the survey pages use; never whether or what they answered.
  const openCycles = openCyclesForPerson(id, db).map((c) => ({ id: c.id, name: c.name }))
  // Only whether a password is set, never the hash.
  const { hasPassword, twoFactorAt, ...rest } = person
  return {
    ...rest,
    hasPassword: hasPassword !== null,
    hasTwoFactor: twoFactorAt !== null,
    scopes,
    openCycles,
  }
}

export type PersonOutcome =
  | { ok: true }
  | {
      ok: false
      reason: "not_found" | "unit_not_found" | "own_account" | "not_manager" | "scope_not_found" | "erased"
    }

function findPerson(id: number, db: DbOrTx) {
  return db
    .select({
      id: people.id,
      role: people.role,
      unitId: people.unitId,
      isActive: people.isActive,
      email: people.email,
      erasedAt: people.erasedAt,
    })
    .from(people)
    .where(eq(people.id, id))
    .get()
}

function isActiveUnit(unitId: number, db: DbOrTx) {
  return Boolean(
    db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), isNull(units.retiredAt)))
      .get(),
  )
}

/** Changes role and unit. Leaving the manager role ends the person's scopes. An admin cannot demote themselves. */
export function updatePerson(
  actorId: number,
  id: number,
  input: { role: schema.Role; unitId: number },
  db: Db = getDb(),
): PersonOutcome {
  const person = findPerson(id, db)
  if (!person) return { ok: false, reason: "not_found" }
  if (person.erasedAt) return { ok: false, reason: "erased" }
  if (id === actorId && input.role !== "admin") return { ok: false, reason: "own_account" }
  if (input.unitId !== person.unitId && !isActiveUnit(input.unitId, db))
    return { ok: false, reason: "unit_not_found" }
  if (input.role === person.role && input.unitId === person.unitId) return { ok: true }
  db.transaction((tx) => {
    tx.update(people).set({ role: input.role, unitId: input.unitId }).where(eq(people.id, id)).run()
    let removedScopes = 0
    if (person.role === "manager" && input.role !== "manager") {
      removedScopes = tx.delete(managerScopes).where(eq(managerScopes.personId, id)).run().changes
    }
    recordAudit(tx, actorId, "person.update", `person:${id}`, {
      email: person.email,
      ...(input.role !== person.role ? { role: { from: person.role, to: input.role } } : {}),
      ...(input.unitId !== person.unitId ? { unitId: { from: person.unitId, to: input.unitId } } : {}),
      ...(removedScopes > 0 ? { removedScopes } : {}),
    })
  })
  return { ok: true }
}

/** Deactivated people cannot log in (their sessions end) and are not invited to new cycles; nothing is deleted. */
export function setPersonActive(
  actorId: number,
  id: number,
  isActive: boolean,
  db: Db = getDb(),
): PersonOutcome {
  const person = findPerson(id, db)
  if (!person) return { ok: false, reason: "not_found" }
  if (id === actorId) return { ok: false, reason: "own_account" }
  // An erased person's placeholder can never sign in again.
  if (person.erasedAt) return { ok: false, reason: "erased" }
  if (person.isActive === isActive) return { ok: true }
  db.transaction((tx) => {
    tx.update(people).set({ isActive }).where(eq(people.id, id)).run()
    if (!isActive) tx.delete(sessions).where(eq(sessions.personId, id)).run()
    recordAudit(tx, actorId, isActive ? "person.reactivate" : "person.deactivate", `person:${id}`, {
      email: person.email,
    })
  })
  return { ok: true }
}

/** Lets a manager see a unit's subtree; actorId null is the seed. */
export function addManagerScope(
  actorId: number | null,
  id: number,
  unitId: number,
  db: DbOrTx = getDb(),
): PersonOutcome {
  const person = findPerson(id, db)
  if (!person) return { ok: false, reason: "not_found" }
  if (person.role !== "manager") return { ok: false, reason: "not_manager" }
  if (!isActiveUnit(unitId, db)) return { ok: false, reason: "unit_not_found" }
  db.transaction((tx) => {
    if (insertManagerScope(tx, id, unitId))
      recordAudit(tx, actorId, "scope.add", `person:${id}`, { email: person.email, unitId })
  })
  return { ok: true }
}

export function removeManagerScope(
  actorId: number,
  id: number,
  unitId: number,
  db: Db = getDb(),
): PersonOutcome {
  const person = findPerson(id, db)
  if (!person) return { ok: false, reason: "not_found" }
  db.transaction((tx) => {
    const { changes } = tx
      .delete(managerScopes)
      .where(and(eq(managerScopes.personId, id), eq(managerScopes.unitId, unitId)))
      .run()
    if (changes > 0) recordAudit(tx, actorId, "scope.remove", `person:${id}`, { email: person.email, unitId })
  })
  return { ok: true }
}

// ---------------------------------------------------------------- password reset

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")

/**
 * A one-time reset token for the admin to hand over (no e-mail server needed). Only its hash is stored; a new
 * token replaces any unused older one.
 */
export function createPasswordReset(actorId: number, id: number, db: Db = getDb()) {
  const person = findPerson(id, db)
  if (!person) return { ok: false as const, reason: "not_found" as const }
  if (!person.isActive) return { ok: false as const, reason: "inactive" as const }
  const token = randomBytes(32).toString("base64url")
  const expiresAt = new Date(Date.now() + RESET_TTL_MS)
  db.transaction((tx) => {
    tx.delete(passwordResets)
      .where(and(eq(passwordResets.personId, id), isNull(passwordResets.usedAt)))
      .run()
    tx.insert(passwordResets)
      .values({ tokenHash: sha256(token), personId: id, expiresAt })
      .run()
    recordAudit(tx, actorId, "person.password_reset", `person:${id}`, { email: person.email, expiresAt })
  })
  return { ok: true as const, token, expiresAt }
}

/** The same one-time link, sent to the person by e-mail through the outbox instead of shown to the admin. */
export function mailPasswordReset(actorId: number, id: number, db: Db = getDb()) {
  const reset = createPasswordReset(actorId, id, db)
  if (!reset.ok) return reset
  const person = findPerson(id, db)
  db.transaction((tx) => {
    enqueuePasswordLink(tx, id, reset.token, reset.expiresAt)
    recordAudit(tx, actorId, "person.password_link_mailed", `person:${id}`, { email: person?.email })
  })
  return { ok: true as const, email: person?.email ?? "" }
}

function findValidReset(token: string, db: DbOrTx) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const row = db
    .select({
      tokenHash: passwordResets.tokenHash,
      personId: passwordResets.personId,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      isActive: people.isActive,
      email: people.email,
    })
    .from(passwordResets)
    .innerJoin(people, eq(people.id, passwordResets.personId))
    .where(eq(passwordResets.tokenHash, sha256(token)))
    .get()
  if (!row || row.usedAt !== null || row.expiresAt.getTime() < Date.now() || !row.isActive) return null
  return row
}

/** Who a reset link is for, or null when it is unknown, used or expired. */
export function checkPasswordReset(token: string, db: Db = getDb()) {
  const row = findValidReset(token, db)
  return row ? { email: row.email } : null
}

/**
 * Sets the new password, spends the token and ends every session of the person. A password on the lists of common
 * or leaked ones, or otherwise easy to guess, is refused and the token stays valid.
 */
export async function completePasswordReset(
  token: string,
  password: string,
  db: Db = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "invalid" | PasswordWeakness }> {
  const reset = findValidReset(token, db)
  if (!reset) return { ok: false, reason: "invalid" }
  const name =
    db.select({ name: people.name }).from(people).where(eq(people.id, reset.personId)).get()?.name ?? ""
  const weakness = findPasswordWeakness(password, [reset.email, name])
  if (weakness) return { ok: false, reason: weakness }
  const passwordHash = await hashPassword(password)
  // Checked again inside the transaction: two tabs racing with one link set one password.
  return db.transaction((tx) => {
    const row = findValidReset(token, tx)
    if (!row) return { ok: false as const, reason: "invalid" as const }
    tx.update(passwordResets)
      .set({ usedAt: new Date() })
      .where(eq(passwordResets.tokenHash, row.tokenHash))
      .run()
    tx.update(people).set({ passwordHash }).where(eq(people.id, row.personId)).run()
    revokeAllSessions(row.personId, tx)
    recordAudit(tx, row.personId, "auth.password_reset", `person:${row.personId}`)
    return { ok: true as const }
  })
}
