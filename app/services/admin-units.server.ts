import { and, asc, count, eq, isNull, like, sql } from "drizzle-orm"
import { checkUnitMove, flattenTree, type MoveCheck, pathUnder, type TreeUnit } from "~/domain/admin-tree"
import { recordAudit } from "./audit.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"

const { units, people } = schema

export type AdminUnit = TreeUnit & { kind: schema.UnitKind; retiredAt: Date | null; peopleCount: number }

/** Every unit, retired ones too, in tree order with the number of active people directly in it. */
export function listUnitTree(db: Db = getDb()) {
  const counts = new Map(
    db
      .select({ unitId: people.unitId, n: count() })
      .from(people)
      .where(eq(people.isActive, true))
      .groupBy(people.unitId)
      .all()
      .map((r) => [r.unitId, r.n]),
  )
  const rows = db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      path: units.path,
      retiredAt: units.retiredAt,
    })
    .from(units)
    .orderBy(asc(units.path))
    .all()
  const all: AdminUnit[] = rows.map((u) => ({
    ...u,
    isRetired: u.retiredAt !== null,
    peopleCount: counts.get(u.id) ?? 0,
  }))
  return flattenTree(all)
}

/** Active units in tree order, for selects (unit of a person, targets of a cycle, parent of a unit). */
export function listActiveUnitOptions(db: Db = getDb()) {
  return listUnitTree(db)
    .filter((e) => !e.unit.isRetired)
    .map((e) => ({ id: e.unit.id, name: e.unit.name, code: e.unit.code, depth: e.depth }))
}

function getTreeUnit(id: number, db: DbOrTx): (TreeUnit & { kind: schema.UnitKind }) | undefined {
  const row = db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      path: units.path,
      retiredAt: units.retiredAt,
    })
    .from(units)
    .where(eq(units.id, id))
    .get()
  if (!row) return undefined
  const { retiredAt, ...rest } = row
  return { ...rest, isRetired: retiredAt !== null }
}

export type UnitOutcome =
  | { ok: true; id: number }
  | {
      ok: false
      reason: "not_found" | "code_taken" | "parent_retired" | "has_active_children" | "has_people"
    }
  | { ok: false; reason: "move"; check: Exclude<MoveCheck, "ok" | "unchanged"> }

/** Adds a unit under its parent (or as a root); actorId null is the seed. */
export function addUnit(
  actorId: number | null,
  input: { code: string; name: string; kind: schema.UnitKind; parentId: number | null },
  db: DbOrTx = getDb(),
): UnitOutcome {
  const parent = input.parentId === null ? null : getTreeUnit(input.parentId, db)
  if (input.parentId !== null && !parent) return { ok: false, reason: "not_found" }
  if (parent?.isRetired) return { ok: false, reason: "parent_retired" }
  const code = input.code.toUpperCase()
  if (db.select({ id: units.id }).from(units).where(eq(units.code, code)).get())
    return { ok: false, reason: "code_taken" }
  const id = db.transaction((tx) => {
    const { id } = tx
      .insert(units)
      .values({ code, name: input.name, kind: input.kind, parentId: parent?.id ?? null, path: "/" })
      .returning({ id: units.id })
      .get()
    tx.update(units)
      .set({ path: pathUnder(parent?.path ?? null, id) })
      .where(eq(units.id, id))
      .run()
    recordAudit(tx, actorId, "unit.create", `unit:${id}`, {
      code,
      name: input.name,
      parentId: parent?.id ?? null,
    })
    return id
  })
  return { ok: true, id }
}

export function renameUnit(actorId: number, id: number, name: string, db: Db = getDb()): UnitOutcome {
  const unit = getTreeUnit(id, db)
  if (!unit) return { ok: false, reason: "not_found" }
  if (unit.name === name) return { ok: true, id }
  db.transaction((tx) => {
    tx.update(units).set({ name }).where(eq(units.id, id)).run()
    recordAudit(tx, actorId, "unit.rename", `unit:${id}`, { code: unit.code, from: unit.name, to: name })
  })
  return { ok: true, id }
}

/** Moves a unit and its whole subtree: one UPDATE rewrites every path that starts with the old one. */
export function moveUnit(
  actorId: number,
  id: number,
  parentId: number | null,
  db: Db = getDb(),
): UnitOutcome {
  const unit = getTreeUnit(id, db)
  if (!unit) return { ok: false, reason: "not_found" }
  const parent = parentId === null ? null : getTreeUnit(parentId, db)
  if (parentId !== null && !parent) return { ok: false, reason: "not_found" }
  const check = checkUnitMove(unit, parent ?? null)
  if (check === "unchanged") return { ok: true, id }
  if (check !== "ok") return { ok: false, reason: "move", check }
  const newPath = pathUnder(parent?.path ?? null, id)
  db.transaction((tx) => {
    tx.update(units)
      .set({ parentId: parent?.id ?? null })
      .where(eq(units.id, id))
      .run()
    tx.update(units)
      .set({ path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})` })
      .where(like(units.path, `${unit.path}%`))
      .run()
    recordAudit(tx, actorId, "unit.move", `unit:${id}`, {
      code: unit.code,
      fromParentId: unit.parentId,
      toParentId: parent?.id ?? null,
    })
  })
  return { ok: true, id }
}

/**
 * Retires a unit: it leaves the selects and the import, but keeps its row, so results and invitations of past
 * cycles still point at it. Only an empty unit (no active people, no active child units) can be retired.
 */
export function retireUnit(actorId: number, id: number, db: Db = getDb()): UnitOutcome {
  const unit = getTreeUnit(id, db)
  if (!unit) return { ok: false, reason: "not_found" }
  if (unit.isRetired) return { ok: true, id }
  const activeChildren =
    db
      .select({ n: count() })
      .from(units)
      .where(and(eq(units.parentId, id), isNull(units.retiredAt)))
      .get()?.n ?? 0
  if (activeChildren > 0) return { ok: false, reason: "has_active_children" }
  const activePeople =
    db
      .select({ n: count() })
      .from(people)
      .where(and(eq(people.unitId, id), eq(people.isActive, true)))
      .get()?.n ?? 0
  if (activePeople > 0) return { ok: false, reason: "has_people" }
  db.transaction((tx) => {
    tx.update(units).set({ retiredAt: new Date() }).where(eq(units.id, id)).run()
    recordAudit(tx, actorId, "unit.retire", `unit:${id}`, { code: unit.code, name: unit.name })
  })
  return { ok: true, id }
}

export function restoreUnit(actorId: number, id: number, db: Db = getDb()): UnitOutcome {
  const unit = getTreeUnit(id, db)
  if (!unit) return { ok: false, reason: "not_found" }
  if (!unit.isRetired) return { ok: true, id }
  const parent = unit.parentId === null ? null : getTreeUnit(unit.parentId, db)
  if (parent?.isRetired) return { ok: false, reason: "parent_retired" }
  db.transaction((tx) => {
    tx.update(units).set({ retiredAt: null }).where(eq(units.id, id)).run()
    recordAudit(tx, actorId, "unit.restore", `unit:${id}`, { code: unit.code, name: unit.name })
  })
  return { ok: true, id }
}
