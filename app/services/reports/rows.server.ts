// The rows every table of a cycle shows: the region as benchmark, the chosen unit, and its children, each with its
// published cell for the chosen filter.
import type { Slice } from "~/domain/disclosure"
import type { Db } from "../db.server"
import { type Cell, cellsOf, type Place, type PublishedUnit, type UnitChange } from "./published.server"

export type RowRole = "region" | "unit" | "child"
export type RowHead = {
  unitId: number
  name: string
  role: RowRole
  /** how the unit differs today from the tree the cycle closed on */
  change: UnitChange | null
}
export type PlacedRow = { head: RowHead; unit: PublishedUnit; cell: Cell | null }

export function placedRows(db: Db, cycleId: number, place: Place, slice: Slice): PlacedRow[] {
  const depth = place.chain.length - 1
  const entries: [PublishedUnit, RowRole][] = []
  if (depth > 0) entries.push([place.chain[0]!, "region"])
  entries.push([place.unit, depth === 0 ? "region" : "unit"])
  for (const child of place.children) entries.push([child, "child"])
  const cells = cellsOf(
    db,
    cycleId,
    entries.map(([unit]) => unit.id),
    slice,
  )
  return entries.map(([unit, role]) => ({
    head: { unitId: unit.id, name: unit.name, role, change: unit.change },
    unit,
    cell: cells.get(unit.id) ?? null,
  }))
}
