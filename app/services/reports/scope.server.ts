// Which units a manager may open: those inside one of their scope subtrees (today's tree).
import type Database from "better-sqlite3"
import { asc, eq } from "drizzle-orm"
import type { SessionUser } from "../auth.server"
import { type Db, getDb, schema } from "../db.server"

const { units, managerScopes } = schema

/** The body of a 403 whose cause is the unit lying outside the manager's area, not their role (the error page says so). */
export const OUTSIDE_AREA = "outside_area"

export type UnitRow = {
  id: number
  name: string
  path: string
  kind: schema.UnitKind
  parentId: number | null
}

// Run on every report request: prepared once per connection rather than built per call.
const statements = new WeakMap<object, { unit: Database.Statement; scopes: Database.Statement }>()
function statementsFor(db: Db) {
  let s = statements.get(db.$client)
  if (!s) {
    s = {
      unit: db.$client.prepare("SELECT id, name, path, kind, parent_id AS parentId FROM units WHERE id = ?"),
      scopes: db.$client.prepare(
        "SELECT u.path FROM manager_scopes m JOIN units u ON u.id = m.unit_id WHERE m.person_id = ?",
      ),
    }
    statements.set(db.$client, s)
  }
  return s
}

/** The unit, if the manager may see it: it must lie inside one of their scope subtrees. Otherwise a 403. */
export function requireUnitInScope(user: SessionUser, unitId: number, db: Db = getDb()): UnitRow {
  if (user.role !== "manager") throw new Response("Forbidden", { status: 403 })
  const unit = statementsFor(db).unit.get(unitId) as UnitRow | undefined
  const scopes = scopePaths(user, db)
  // An unknown unit gets the same answer as a foreign one, so ids cannot be probed.
  if (!unit || !scopes.some((path) => unit.path.startsWith(path)))
    throw new Response(OUTSIDE_AREA, { status: 403 })
  return unit
}

export function scopePaths(user: SessionUser, db: Db): string[] {
  return (statementsFor(db).scopes.all(user.id) as { path: string }[]).map((row) => row.path)
}

/** Where /reports starts: the manager's first scope unit (by position in the tree), or null without a scope. */
export function getFirstScopeUnitId(user: SessionUser, db: Db = getDb()): number | null {
  if (user.role !== "manager") throw new Response("Forbidden", { status: 403 })
  const row = db
    .select({ id: units.id })
    .from(managerScopes)
    .innerJoin(units, eq(units.id, managerScopes.unitId))
    .where(eq(managerScopes.personId, user.id))
    .orderBy(asc(units.path))
    .get()
  return row?.id ?? null
}
