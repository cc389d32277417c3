// Small builders shared by the seed and the tests, so both make data the same way: through the app's own services
// (the admin's unit action with the seed as the audited actor, null; the one writer for a new person or a scope).
// Light on purpose: the browser tests' fixtures import it.
import { eq } from "drizzle-orm"
import { addUnit } from "../../app/services/admin-units.server"
import { createPerson, insertManagerScope, type NewPerson } from "../../app/services/people.server"
import type { DbOrTx } from "../../db/client"
import { people, type UnitKind, units } from "../../db/schema"

export type UnitInput = { code: string; name: string; kind: UnitKind; parentId?: number | null }

/** Adds a unit as an admin does (or finds it by code) and returns its id. */
export function ensureUnit(db: DbOrTx, input: UnitInput): number {
  const code = input.code.toUpperCase()
  const existing = db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()
  if (existing) return existing.id
  const added = addUnit(null, { ...input, code, parentId: input.parentId ?? null }, db)
  if (!added.ok) throw new Error(`ensureUnit ${code}: ${added.reason}`)
  return added.id
}

export type PersonInput = NewPerson & { passwordHash?: string | null; isDemo?: boolean }

/** Adds a person (or finds them by email) and returns their id. */
export function ensurePerson(db: DbOrTx, input: PersonInput): number {
  const { passwordHash = null, isDemo = false, ...person } = input
  const existing = db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.email, person.email.toLowerCase()))
    .get()
  if (existing) return existing.id
  const id = createPerson(db, person)
  // Seed-only fields, written directly: no app path sets a password without a link or the current password (and
  // one Argon2 hash per person would take a minute for the demo), and only seeded people are demo people.
  if (passwordHash !== null || isDemo)
    db.update(people).set({ passwordHash, isDemo }).where(eq(people.id, id)).run()
  return id
}

/** Lets a manager see a unit's subtree, with the admin's writer (idempotent; the seed is not audited for it). */
export function ensureManagerScope(db: DbOrTx, personId: number, unitId: number) {
  insertManagerScope(db, personId, unitId)
}

/** A small deterministic pseudo-random generator (mulberry32): same seed, same data. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
