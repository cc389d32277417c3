// What a cycle's publication hides (docs/decisions/002-anonymity.md, "Utility"): of the cells with people, the
// share a plain per-cell threshold hides (below k), and the share the whole rule hides (plus the cohort rule
// against earlier cycles, the exact audit and the audit across cycles); and how many hospital rows (the units just
// below the top) are hidden, since the rule prefers hiding a total or a job-family filter to a whole hospital.
import type Database from "better-sqlite3"
import type { PublicationSummary } from "../../app/services/reports/publish.server"

/** A publication's summary as stored (published_cycles), with the cycle's name and its hospital rows. */
export type UtilityFigure = Omit<PublicationSummary, "cycleId"> & {
  cycle: string
  hospitalRows: number
  hospitalRowsHidden: number
}

/** Every published cycle of a database, oldest first. */
export function publicationUtility(sqlite: Database.Database): UtilityFigure[] {
  const cycles = sqlite
    .prepare(`SELECT c.id, c.name AS cycle, p.k, p.cells_with_people AS cellsWithPeople,
        p.hidden_small AS hiddenSmall, p.hidden_by_cohort AS hiddenByCohort, p.hidden_by_audit AS hiddenByAudit,
        p.hidden_across_cycles AS hiddenAcrossCycles
      FROM published_cycles p JOIN cycles c ON c.id = p.cycle_id ORDER BY c.opens_on, c.id`)
    .all() as (Omit<UtilityFigure, "hospitalRows" | "hospitalRowsHidden"> & { id: number })[]
  // Units just below the top of the tree the cycle closed on, with anyone invited in their subtree.
  const hospitals = sqlite.prepare(`SELECT h.unit_id AS id,
      EXISTS (SELECT 1 FROM published_cells c WHERE c.cycle_id = h.cycle_id AND c.unit_id = h.unit_id
        AND c.slice = 'all') AS isShown
    FROM published_units h JOIN published_units top ON top.cycle_id = h.cycle_id AND top.unit_id = h.parent_id
    WHERE h.cycle_id = ? AND top.parent_id IS NULL AND EXISTS (SELECT 1 FROM cycle_invitations i
      JOIN published_units u ON u.cycle_id = i.cycle_id AND u.unit_id = i.unit_id
      WHERE i.cycle_id = h.cycle_id AND substr(u.path, 1, length(h.path)) = h.path)`)
  return cycles.map(({ id, ...figures }) => {
    const rows = hospitals.all(id) as { id: number; isShown: number }[]
    return {
      ...figures,
      hospitalRows: rows.length,
      hospitalRowsHidden: rows.filter((r) => !r.isShown).length,
    }
  })
}

const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`

/** The columns of the utility tables: cells with people, and the share each step of the rule hides. */
export function hiddenShares(u: Omit<UtilityFigure, "cycle" | "k">) {
  return {
    cells: u.cellsWithPeople,
    "before: below k": share(u.hiddenSmall, u.cellsWithPeople),
    "+ cohort rule": share(u.hiddenByCohort, u.cellsWithPeople),
    "+ audit": share(u.hiddenByAudit, u.cellsWithPeople),
    "+ across cycles": share(u.hiddenAcrossCycles, u.cellsWithPeople),
    "after: hidden in all": share(
      u.hiddenSmall + u.hiddenByCohort + u.hiddenByAudit + u.hiddenAcrossCycles,
      u.cellsWithPeople,
    ),
    "hospital rows hidden": `${u.hospitalRowsHidden} of ${u.hospitalRows}`,
  }
}
