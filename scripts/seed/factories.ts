// Small builders shared by the seed and the tests, so both make data the same way.
import { eq } from "drizzle-orm"
import type { DbOrTx } from "../../db/client"
import {
  type JobFamily,
  type Language,
  managerScopes,
  people,
  type Role,
  type UnitKind,
  units,
} from "../../db/schema"

export type UnitInput = { code: string; name: string; kind: UnitKind; parentId?: number | null }

/** Inserts a unit (or finds it by code) and returns its id; the path is derived from the parent. */
export function ensureUnit(db: DbOrTx, input: UnitInput): number {
  const existing = db.select({ id: units.id }).from(units).where(eq(units.code, input.code)).get()
  if (existing) return existing.id
  const parentPath = input.parentId
    ? (db.select({ path: units.path }).from(units).where(eq(units.id, input.parentId)).get()?.path ?? "/")
    : "/"
  const { id } = db
    .insert(units)
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId ?? null,
      path: "/",
    })
    .returning({ id: units.id })
    .get()
  db.update(units)
    .set({ path: `${parentPath}${id}/` })
    .where(eq(units.id, id))
    .run()
  return id
}

export type PersonInput = {
  email: string
  name: string
  jobFamily: JobFamily
  unitId: number
  role?: Role
  language?: Language
  passwordHash?: string | null
  employeeId?: string | null
  isDemo?: boolean
}

/** Inserts a person (or finds them by email) and returns their id. */
export function ensurePerson(db: DbOrTx, input: PersonInput): number {
  const email = input.email.toLowerCase()
  const existing = db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()
  if (existing) return existing.id
  return db
    .insert(people)
    .values({
      email,
      name: input.name,
      jobFamily: input.jobFamily,
      unitId: input.unitId,
      role: input.role ?? "employee",
      language: input.language ?? "da",
      passwordHash: input.passwordHash ?? null,
      employeeId: input.employeeId ?? null,
      isDemo: input.isDemo ?? false,
    })
    .returning({ id: people.id })
    .get().id
}

export function ensureManagerScope(db: DbOrTx, personId: number, unitId: number) {
  db.insert(managerScopes).values({ personId, unitId }).onConflictDoNothing().run()
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
