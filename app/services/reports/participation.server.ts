// Participation and the AI-literacy overview (EU AI Act art. 4) of a closed cycle, from its publication.
import type { PlacedRow, RowHead } from "./rows.server"

export type ParticipationRow =
  | (RowHead & { isSuppressed: true })
  | (RowHead & {
      isSuppressed: false
      invited: number
      submitted: number
      /** how many of the submitted reach Foundation in every dimension */
      allFoundation: number
    })

export function buildParticipation(rows: PlacedRow[]): ParticipationRow[] {
  return rows.map(({ head, cell }) =>
    !cell || cell.submitted === 0
      ? { ...head, isSuppressed: true }
      : {
          ...head,
          isSuppressed: false,
          invited: cell.invited,
          submitted: cell.submitted,
          allFoundation: cell.allFoundation,
        },
  )
}
