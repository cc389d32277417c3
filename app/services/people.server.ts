// The writers for a new person and a manager's scope, shared by the admin's actions, first single sign-on, the seeds
// and the tests. Light on purpose (the database only): the seed factories and the browser tests' fixtures use it.
import { type DbOrTx, schema } from "./db.server"

const { managerScopes, people } = schema

export type NewPerson = {
  email: string
  name: string
  jobFamily: schema.JobFamily
  unitId: number
  role?: schema.Role
  language?: schema.Language
  employeeId?: string | null
}

/**
 * Adds one person and returns their id: the one writer for a single new person (an account made at first single
 * sign-on, the seeds and the tests). The e-mail address is stored in lower case, as every lookup expects. The
 * caller audits (the HR import writes its rows in bulk and audits the file).
 */
export function createPerson(db: DbOrTx, input: NewPerson): number {
  return db
    .insert(people)
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      jobFamily: input.jobFamily,
      unitId: input.unitId,
      role: input.role ?? "employee",
      language: input.language ?? "da",
      employeeId: input.employeeId ?? null,
    })
    .returning({ id: people.id })
    .get().id
}

/** Adds a manager's scope over a unit's subtree; false when they had it already. The caller checks and audits. */
export function insertManagerScope(db: DbOrTx, personId: number, unitId: number): boolean {
  return db.insert(managerScopes).values({ personId, unitId }).onConflictDoNothing().run().changes > 0
}
