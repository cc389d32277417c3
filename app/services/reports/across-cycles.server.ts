// The audit across cycles for a closing cycle (docs/decisions/002-anonymity.md, app/domain/disclosure-across-cycles.ts):
// reads every earlier publication (its tree and shown cells, as frozen) and where each person was counted in each
// cycle, and hides more of the new publication where the cycles together would tell about 1..k-1 people.

import { cellKey, type PublicationModel, type Slice, type TreeUnit } from "~/domain/disclosure"
import {
  hideAcrossCycles,
  type JointAtom,
  type JointInput,
  jointAtoms,
  type Layer,
  type Place,
} from "~/domain/disclosure-across-cycles"
import { DIMENSIONS, type JobFamily } from "~/domain/vocabulary"
import type { Db } from "../db.server"

/**
 * Where one person was counted in one cycle: invited, answered, in which dimensions scored and self-rated, and
 * which attitude items they answered.
 */
type Counted = {
  invited?: Place
  answered?: Place
  scored: Set<string>
  rated: Set<string>
  attitudes: Set<string>
}
type Measure = { name: string; place: (c: Counted) => Place | undefined }

/** The measures compared across cycles, by name (as the publication names them): a person's place in one cycle. */
const MEASURES: Measure[] = [
  { name: "invited", place: (c) => c.invited },
  { name: "submitted", place: (c) => c.answered },
  ...DIMENSIONS.map((d) => ({
    name: `scored:${d}`,
    place: (c: Counted) => (c.scored.has(d) ? c.answered : null),
  })),
  ...DIMENSIONS.map((d) => ({
    name: `confidence:${d}`,
    place: (c: Counted) => (c.rated.has(d) ? c.answered : null),
  })),
]

/**
 * Earlier publications as frozen (a closed cycle's or a learning snapshot's tables): the tree each was decided
 * over and its shown cells, in the order of `ids`.
 */
export function frozenLayers(
  db: Db,
  ids: readonly number[],
  tables:
    | { units: "published_units"; cells: "published_cells"; by: "cycle_id" }
    | { units: "learning_snapshot_units"; cells: "learning_snapshot_cells"; by: "snapshot_id" },
): Layer[] {
  const units = db.$client.prepare(
    `SELECT unit_id AS id, parent_id AS parentId FROM ${tables.units} WHERE ${tables.by} = ? ORDER BY path`,
  )
  const cells = db.$client.prepare(
    `SELECT unit_id AS unitId, slice FROM ${tables.cells} WHERE ${tables.by} = ?`,
  )
  return ids.map((id) => ({
    units: units.all(id) as TreeUnit[],
    visible: new Set(
      (cells.all(id) as { unitId: number; slice: Slice }[]).map((c) => cellKey(c.unitId, c.slice)),
    ),
  }))
}

/**
 * Hides, in `visible` (the new publication's shown cells, decided on its own), what the earlier publications would
 * otherwise help to work out. `measureOf` gives the model's index of a named measure (undefined when this cycle
 * has no such measure). Returns how many cells it hid.
 */
export function auditAcrossCycles(
  db: Db,
  input: {
    cycleId: number
    units: readonly TreeUnit[]
    model: PublicationModel
    visible: Set<string>
    measureOf: (name: string) => number | undefined
    /** the new cycle's attitude items ("attitudes.…"), each a measure of its publication */
    attitudeItems: readonly string[]
  },
): number {
  const sqlite = db.$client
  const earlier = (
    sqlite
      .prepare("SELECT cycle_id AS id FROM published_cycles WHERE cycle_id != ? ORDER BY cycle_id")
      .all(input.cycleId) as { id: number }[]
  ).map((c) => c.id)
  if (earlier.length === 0) return 0
  const layers = frozenLayers(db, earlier, {
    units: "published_units",
    cells: "published_cells",
    by: "cycle_id",
  })
  layers.push({ units: input.units, visible: input.visible })
  const cycleIds = [...earlier, input.cycleId]

  // ---- where each person was counted in each cycle
  const erased: Counted[] = []
  const people = new Map<number, Counted[]>()
  const countedIn = (personId: number, layer: number) => {
    let list = people.get(personId)
    if (!list) {
      list = cycleIds.map(() => ({
        scored: new Set<string>(),
        rated: new Set<string>(),
        attitudes: new Set<string>(),
      }))
      people.set(personId, list)
    }
    return list[layer]!
  }
  type Row = { personId: number; unitId: number; family: JobFamily }
  cycleIds.forEach((cycleId, layer) => {
    for (const r of sqlite
      .prepare(`SELECT person_id AS personId, unit_id AS unitId, job_family AS family FROM cycle_invitations
        WHERE cycle_id = ?`)
      .all(cycleId) as Row[])
      countedIn(r.personId, layer).invited = { unitId: r.unitId, family: r.family }
    for (const r of sqlite
      .prepare(`SELECT r.person_id AS personId, r.unit_id AS unitId, r.job_family AS family,
          group_concat(CASE WHEN s.score IS NOT NULL THEN s.dimension END) AS scored,
          group_concat(CASE WHEN s.score IS NOT NULL AND s.confidence IS NOT NULL THEN s.dimension END) AS rated,
          COUNT(s.result_id) AS scores
        FROM results r LEFT JOIN result_scores s ON s.result_id = r.id
        WHERE r.cycle_id = ? GROUP BY r.id`)
      .all(cycleId) as (Row & { scored: string | null; rated: string | null; scores: number })[]) {
      const counted = countedIn(r.personId, layer)
      counted.answered = { unitId: r.unitId, family: r.family }
      // An erased person's scores are gone, their result row stays (and counts in every dimension it was scored in,
      // which is no longer known): counted as scored everywhere, the larger structure.
      const scored = r.scores > 0 ? (r.scored?.split(",") ?? []) : [...DIMENSIONS]
      for (const d of scored) counted.scored.add(d)
      for (const d of r.rated?.split(",") ?? []) counted.rated.add(d)
      if (r.scores === 0) erased.push(counted)
    }
    // The attitude items each answered, where the new cycle has attitude items (instrument v2); an erased person's
    // answers are gone, so they count as having answered every item the cycle has.
    const items = new Set<string>()
    if (input.attitudeItems.length > 0)
      for (const r of sqlite
        .prepare(`SELECT r.person_id AS personId, j.key AS key
        FROM results r JOIN responses p ON p.id = r.response_id, json_each(p.answers) j
        WHERE r.cycle_id = ? AND j.key LIKE 'attitudes.%'`)
        .all(cycleId) as { personId: number; key: string }[]) {
        countedIn(r.personId, layer).attitudes.add(r.key)
        items.add(r.key)
      }
    for (const counted of erased) for (const item of items) counted.attitudes.add(item)
    erased.length = 0
  })

  // ---- per measure this cycle has: the people grouped by their places
  const names = [
    ...MEASURES,
    ...input.attitudeItems.map(
      (item): Measure => ({
        name: `attitude:${item}`,
        place: (c) => (c.attitudes.has(item) ? c.answered : null),
      }),
    ),
  ].filter((m) => input.measureOf(m.name) !== undefined)
  // A measure that places everyone as another does is that measure (the same array: audited once).
  const built: { places: (Place | null)[][]; atoms: JointAtom[] }[] = []
  const lists = [...people.values()]
  const measures: JointAtom[][] = names.map((measure) => {
    const places = lists.map((list) => list.map((c) => measure.place(c) ?? null))
    const same = built.find((b) => b.places.every((row, i) => row.every((p, c) => p === places[i]![c])))
    if (same) return same.atoms
    const atoms = jointAtoms(places)
    built.push({ places, atoms })
    return atoms
  })
  const joint: JointInput = { layers, measures, k: input.model.input.k }
  return hideAcrossCycles(joint, input.model, input.visible, (m) => input.measureOf(names[m]!.name)!)
}
