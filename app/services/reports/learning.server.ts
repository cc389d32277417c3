// Learning progress of today's tree (people, completed modules), under the anonymity rule of
// app/domain/anonymity.ts, decided top down from the root so each unit gets the same answer on every page.
import type Database from "better-sqlite3"
import { inArray } from "drizzle-orm"
import {
  ALL,
  type CellState,
  decideLevel,
  decideTop,
  type GroupCounts,
  type LevelDecision,
  type Slice,
} from "~/domain/anonymity"
import { DIMENSIONS, type Dimension, JOB_FAMILIES, type JobFamily } from "~/domain/vocabulary"
import { type Db, schema } from "../db.server"
import type { RowHead, RowRole } from "./rows.server"
import type { UnitRow } from "./scope.server"

const { units } = schema

export type LearningRow =
  | (RowHead & { isSuppressed: true })
  | (RowHead & {
      isSuppressed: false
      people: number
      /** people who completed the Foundation module of each dimension */
      foundation: Record<Dimension, number>
      modulesCompleted: number
    })

/** child unit id (0: people placed directly in the parent) -> job family -> figures */
type DepthRows<T> = Map<number, Map<JobFamily, T>>

const CHILD_KEY = `CASE WHEN u.id = @q THEN 0 ELSE CAST(substr(u.path, @plen + 1,
  instr(substr(u.path, @plen + 1), '/') - 1) AS INTEGER) END`
// A subtree is a range of paths: "/1/4/" up to "/1/40" ('0' is the character after '/'), so the path index serves it.
const SUBTREE = `WITH sub(id, child) AS MATERIALIZED (SELECT u.id, ${CHILD_KEY} FROM units u
  WHERE u.path >= @p AND u.path < @pe)`

function prepare(sqlite: Database.Database) {
  return {
    people: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family, COUNT(*) AS people
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      GROUP BY 1, 2`),
    foundation: sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family,
        m.dimension AS dimension, COUNT(DISTINCT p.id) AS done
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      JOIN enrolments e ON e.person_id = p.id AND e.completed_at IS NOT NULL
      JOIN modules m ON m.slug = e.module_slug AND m.level = 1
      GROUP BY 1, 2, 3`),
    modulesDone:
      sqlite.prepare(`${SUBTREE} SELECT sub.child AS child, p.job_family AS family, COUNT(*) AS done
      FROM sub JOIN people p ON p.unit_id = sub.id AND p.is_active = 1
      JOIN enrolments e ON e.person_id = p.id AND e.completed_at IS NOT NULL
      GROUP BY 1, 2`),
    children: sqlite.prepare(`SELECT c.id, c.name, c.path, c.kind, c.parent_id AS parentId
       FROM units c WHERE c.parent_id = ? AND c.retired_at IS NULL ORDER BY c.name`),
  }
}
type Statements = ReturnType<typeof prepare>
const statementCache = new WeakMap<Database.Database, Statements>()
function statementsFor(db: Db) {
  let statements = statementCache.get(db.$client)
  if (!statements) {
    statements = prepare(db.$client)
    statementCache.set(db.$client, statements)
  }
  return statements
}

const depthParams = (q: UnitRow) => ({
  q: q.id,
  plen: q.path.length,
  p: q.path,
  pe: `${q.path.slice(0, -1)}0`,
})

function groupRows<R extends { child: number; family: JobFamily }, T>(
  rows: R[],
  add: (into: T | undefined, row: R) => T,
): DepthRows<T> {
  const out: DepthRows<T> = new Map()
  for (const row of rows) {
    const byFamily = out.get(row.child) ?? new Map<JobFamily, T>()
    out.set(row.child, byFamily)
    byFamily.set(row.family, add(byFamily.get(row.family), row))
  }
  return out
}

/** Decides, top down from the root, the shown cells of every unit on the chain and of the chosen unit's children. */
function decideChain(chain: UnitRow[], countsAt: (depth: number) => Map<number, GroupCounts>, k: number) {
  const sumOf = (rows: Map<number, GroupCounts>) => {
    const total: GroupCounts = {}
    for (const counts of rows.values())
      for (const [f, n] of Object.entries(counts))
        total[f as JobFamily] = (total[f as JobFamily] ?? 0) + (n ?? 0)
    return total
  }
  const states: Record<Slice, CellState>[] = []
  let children: LevelDecision = new Map()
  for (let i = 0; i < chain.length; i++) {
    const rows = countsAt(i)
    const parentCounts = sumOf(rows)
    if (i === 0) states.push(decideTop(parentCounts, JOB_FAMILIES, k))
    children = decideLevel({
      parent: states[i]!,
      parentCounts,
      children: new Map([...rows].filter(([key]) => key !== 0)),
      direct: rows.get(0) ?? {},
      families: JOB_FAMILIES,
      k,
    })
    if (i + 1 < chain.length) states.push(children.get(chain[i + 1]!.id) ?? hiddenEverywhere())
  }
  return { states, children }
}

function hiddenEverywhere(): Record<Slice, CellState> {
  return Object.fromEntries(
    [ALL, ...JOB_FAMILIES].map((s) => [s, { isVisible: false, isKnown: true }]),
  ) as Record<Slice, CellState>
}

function pick<T>(byFamily: Map<JobFamily, T> | undefined, slice: Slice, add: (a: T, b: T) => T): T | null {
  if (!byFamily) return null
  if (slice !== ALL) return byFamily.get(slice) ?? null
  let total: T | null = null
  for (const figures of byFamily.values()) total = total === null ? figures : add(total, figures)
  return total
}

type Learning = { people: number; foundation: Record<Dimension, number>; modulesCompleted: number }
const noFoundation = () => Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>
const addLearning = (a: Learning, b: Learning): Learning => ({
  people: a.people + b.people,
  modulesCompleted: a.modulesCompleted + b.modulesCompleted,
  foundation: Object.fromEntries(DIMENSIONS.map((d) => [d, a.foundation[d] + b.foundation[d]])) as Record<
    Dimension,
    number
  >,
})

/** The learning table of a unit in today's tree: the region, the unit and its children. */
export function buildLearning(db: Db, unit: UnitRow, k: number, slice: Slice): LearningRow[] {
  const s = statementsFor(db)
  const ids = unit.path.split("/").filter(Boolean).map(Number)
  const found = db
    .select({ id: units.id, name: units.name, path: units.path, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(inArray(units.id, ids))
    .all()
  const chain = ids.map((id) => found.find((r) => r.id === id)!)
  const children = s.children.all(unit.id) as UnitRow[]
  const perDepth = chain.map((q) => {
    const params = depthParams(q)
    type Row = { child: number; family: JobFamily; people?: number; dimension?: string; done?: number }
    const people = s.people.all(params) as Row[]
    const foundation = (s.foundation.all(params) as Row[]).map((r) => ({ ...r, kind: "foundation" as const }))
    const modules = (s.modulesDone.all(params) as Row[]).map((r) => ({ ...r, kind: "modules" as const }))
    return groupRows<Row & { kind?: "foundation" | "modules" }, Learning>(
      [...people, ...foundation, ...modules],
      (into, r) => {
        const next = into ?? { people: 0, foundation: noFoundation(), modulesCompleted: 0 }
        if (r.kind === "foundation" && (DIMENSIONS as readonly string[]).includes(r.dimension ?? ""))
          next.foundation[r.dimension as Dimension] += r.done ?? 0
        else if (r.kind === "modules") next.modulesCompleted += r.done ?? 0
        else next.people += r.people ?? 0
        return next
      },
    )
  })
  const countsAt = (i: number) =>
    new Map(
      [...perDepth[i]!].map(([child, byFamily]) => [
        child,
        Object.fromEntries([...byFamily].map(([f, l]) => [f, l.people])) as GroupCounts,
      ]),
    )
  const decided = decideChain(chain, countsAt, k)
  const totalOf = (depth: number) => {
    let total: Learning | null = null
    for (const byFamily of perDepth[depth]!.values()) {
      const figures = pick(byFamily, slice, addLearning)
      if (figures) total = total ? addLearning(total, figures) : figures
    }
    return total
  }
  const row = (
    u: { id: number; name: string },
    role: RowRole,
    state: CellState | undefined,
    figures: Learning | null,
  ): LearningRow => {
    const head = { unitId: u.id, name: u.name, role, change: null }
    return !state?.isVisible || !figures || figures.people === 0
      ? { ...head, isSuppressed: true }
      : { ...head, isSuppressed: false, ...figures }
  }
  const depth = chain.length - 1
  const rows: LearningRow[] = []
  if (depth > 0) rows.push(row(chain[0]!, "region", decided.states[0]?.[slice], totalOf(0)))
  rows.push(row(unit, depth === 0 ? "region" : "unit", decided.states[depth]?.[slice], totalOf(depth)))
  for (const child of children)
    rows.push(
      row(
        child,
        "child",
        decided.children.get(child.id)?.[slice],
        pick(perDepth[depth]!.get(child.id), slice, addLearning),
      ),
    )
  return rows
}
