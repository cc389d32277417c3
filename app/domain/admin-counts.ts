// The admin's participation counts of a cycle, under the same disclosure rule as the reports
// (app/domain/disclosure.ts, docs/decisions/002-anonymity.md): a count is shown only where no combination of the
// shown counts (and the groups known to be empty) gives away a group of 1..k-1 people.
import { ALL_FAMILIES, cellKey, decidePublication, SLICES, type TreeUnit } from "./disclosure"
import type { JobFamily } from "./vocabulary"

/** A count as shown: the number, or withheld (below k, or hidden so that a small group cannot be worked out). */
export type ShownCount = { kind: "count"; n: number } | { kind: "fewer"; k: number } | { kind: "hidden" }

/** A single count on its own (how many a draft would invite): shown when at least k. */
export function showCount(n: number, k: number): Exclude<ShownCount, { kind: "hidden" }> {
  return n >= k ? { kind: "count", n } : { kind: "fewer", k }
}

/** A share in whole per cent, only when both counts may be shown. */
export function showShare(submitted: number, invited: number, k: number): number | null {
  if (invited < k || submitted < k || invited === 0) return null
  return Math.round((submitted / invited) * 100)
}

/** Per unit, the sums of the given counts over the atoms of its whole subtree (units without atoms are absent). */
function subtreeTotals<A extends { unitId: number }, F extends keyof A & string>(
  units: readonly TreeUnit[],
  atoms: readonly A[],
  fields: readonly F[],
): Map<number, Record<F, number>> {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]))
  const totals = new Map<number, Record<F, number>>()
  for (const a of atoms) {
    for (let at: number | null | undefined = a.unitId; at != null; at = parentOf.get(at)) {
      let t = totals.get(at)
      if (!t) {
        t = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>
        totals.set(at, t)
      }
      for (const f of fields) t[f] += a[f] as number
    }
  }
  return totals
}

/** Invited and submitted people of one unit (its own people, not its subtree) and one job family. */
export type ParticipationAtom = { unitId: number; family: JobFamily; invited: number; submitted: number }
export type ParticipationCounts = { invited: ShownCount; submitted: ShownCount }

/**
 * Per unit (its whole subtree), the invited and submitted counts that may be shown. Invited counts are decided on
 * their own; submitted counts, a sum over the invited, so that no 1..k-1 invited people's answering (or not) and no
 * 1..k-1 submitted people can be worked out ("3 invited, 0 answered" included).
 */
export function decideParticipationCounts(
  units: readonly TreeUnit[],
  atoms: readonly ParticipationAtom[],
  k: number,
): Map<number, ParticipationCounts> {
  const invited = decidePublication({
    units,
    atoms: atoms.map((a) => ({ unitId: a.unitId, family: a.family, counts: [a.invited] })),
    measures: 1,
    k,
  }).visible
  const submitted = decidePublication({
    units,
    atoms: atoms.map((a) => ({ unitId: a.unitId, family: a.family, counts: [a.invited, a.submitted] })),
    measures: 2,
    k,
  }).visible
  const totals = subtreeTotals(units, atoms, ["invited", "submitted"])
  const shown = (isShown: boolean, n: number): ShownCount =>
    isShown ? { kind: "count", n } : n < k ? { kind: "fewer", k } : { kind: "hidden" }
  return new Map(
    units.map((u) => {
      const t = totals.get(u.id) ?? { invited: 0, submitted: 0 }
      const key = cellKey(u.id, ALL_FAMILIES)
      return [
        u.id,
        { invited: shown(invited.has(key), t.invited), submitted: shown(submitted.has(key), t.submitted) },
      ]
    }),
  )
}

/** The people of one unit (its own, not its subtree) and one job family a cycle e-mailed, and how many reminded. */
export type MailAtom = { unitId: number; family: JobFamily; mailed: number; reminded: number }
export type MailCounts = { invited: ShownCount; reminded: ShownCount }

/**
 * Per unit (its whole subtree), the e-mail counts a manager may see, under the same audit as participation: only
 * where the unit's participation cell is shown (`participationShown`: the frozen publication of a closed cycle, or
 * `decideParticipationCounts` of an open one), and only so that no 1..k-1 e-mailed, reminded or not-reminded
 * people can be worked out from the shown counts together. Reminded counts are decided within the shown invited
 * ones, so a reminded count is never shown where the unit's participation or invited count is hidden.
 */
export function decideMailCounts(
  units: readonly TreeUnit[],
  atoms: readonly MailAtom[],
  k: number,
  participationShown: ReadonlySet<number>,
): Map<number, MailCounts> {
  // Only the whole-unit cells are shown on the manager's page; every job-family cell stays hidden.
  const hiddenBeyond = (shown: ReadonlySet<number>) => {
    const hidden = new Set<string>()
    for (const u of units)
      for (const slice of SLICES)
        if (slice !== ALL_FAMILIES || !shown.has(u.id)) hidden.add(cellKey(u.id, slice))
    return hidden
  }
  const unitsShown = (visible: ReadonlySet<string>) =>
    new Set(units.filter((u) => visible.has(cellKey(u.id, ALL_FAMILIES))).map((u) => u.id))
  const invited = unitsShown(
    decidePublication(
      {
        units,
        atoms: atoms.map((a) => ({ unitId: a.unitId, family: a.family, counts: [a.mailed] })),
        measures: 1,
        k,
      },
      hiddenBeyond(participationShown),
    ).visible,
  )
  const reminded = unitsShown(
    decidePublication(
      {
        units,
        atoms: atoms.map((a) => ({
          unitId: a.unitId,
          family: a.family,
          counts: [a.mailed, a.reminded, a.mailed - a.reminded],
        })),
        measures: 3,
        k,
      },
      hiddenBeyond(invited),
    ).visible,
  )
  const totals = subtreeTotals(units, atoms, ["mailed", "reminded"])
  // A withheld count says nothing about its size ("fewer than k" would itself tell a small group apart).
  const shown = (isShown: boolean, n: number): ShownCount =>
    isShown ? { kind: "count", n } : { kind: "hidden" }
  return new Map(
    units.map((u) => {
      const t = totals.get(u.id) ?? { mailed: 0, reminded: 0 }
      return [
        u.id,
        { invited: shown(invited.has(u.id), t.mailed), reminded: shown(reminded.has(u.id), t.reminded) },
      ]
    }),
  )
}
