// The organisation tree's rules, on plain rows. A unit's `path` is the chain of ancestor ids ("/1/4/9/").

export type TreeUnit = {
  id: number
  parentId: number | null
  path: string
  name: string
  code: string
  isRetired: boolean
}

export type MoveCheck = "ok" | "unchanged" | "self" | "descendant" | "retired_parent" | "retired_unit"

/** May `unit` move under `parent` (null: to the top)? Never under itself or its own subtree, never under a retired unit. */
export function checkUnitMove(unit: TreeUnit, parent: TreeUnit | null): MoveCheck {
  if (unit.isRetired) return "retired_unit"
  if (parent === null) return unit.parentId === null ? "unchanged" : "ok"
  if (parent.id === unit.id) return "self"
  if (parent.path.startsWith(unit.path)) return "descendant"
  if (parent.isRetired) return "retired_parent"
  if (unit.parentId === parent.id) return "unchanged"
  return "ok"
}

/** The path a unit gets under a new parent. */
export function pathUnder(parentPath: string | null, unitId: number): string {
  return `${parentPath ?? "/"}${unitId}/`
}

/** A descendant's path after its ancestor moved from `oldPrefix` to `newPrefix`. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`)
  return `${newPrefix}${path.slice(oldPrefix.length)}`
}

export type TreeEntry<U extends TreeUnit> = { unit: U; depth: number }

/** Depth-first order (parents before children, siblings by name), for indented lists and selects. */
export function flattenTree<U extends TreeUnit>(units: readonly U[]): TreeEntry<U>[] {
  const children = new Map<number | null, U[]>()
  const ids = new Set(units.map((u) => u.id))
  for (const unit of units) {
    // A unit whose parent is not in the list is shown as a root, so nothing disappears.
    const key = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null
    const list = children.get(key) ?? []
    list.push(unit)
    children.set(key, list)
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, "da"))
  const out: TreeEntry<U>[] = []
  const visit = (parentId: number | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      out.push({ unit, depth })
      visit(unit.id, depth + 1)
    }
  }
  visit(null, 0)
  return out
}

/** The ids on a path, root first. */
export function pathIds(path: string): number[] {
  return path
    .split("/")
    .filter(Boolean)
    .map((part) => Number(part))
}
