// An attacker written apart from the audit across cycles (app/domain/disclosure-across-cycles.ts), for its unit and
// integration tests. Only the input types are shared.

import { ALL_FAMILIES, cellKey, SLICES } from "~/domain/disclosure"
import type { JointInput } from "~/domain/disclosure-across-cycles"
import { echelon, type Fraction, frac, isZero, reduceBy } from "./rational"

// Exact rationals over bigint, dense rows over the joint atoms themselves (the people grouped by where they were in
// each cycle; no subtree coordinates, no linking rows, nothing modular), every candidate set tried one by one.

/**
 * Every set of joint atoms of 1..k-1 people (some measure) that all layers' shown cells determine, as keys
 * "measure|indices"; only sets of at most `maxMembers` joint atoms are tried when it is given.
 */
export function attackAcrossCycles(input: JointInput, maxMembers = Number.POSITIVE_INFINITY): Set<string> {
  const parents = input.layers.map((l) => new Map(l.units.map((u) => [u.id, u.parentId])))
  const inSubtree = (layer: number, unitId: number, top: number) => {
    for (let at: number | null | undefined = unitId; at != null; at = parents[layer]!.get(at))
      if (at === top) return true
    return false
  }
  const found = new Set<string>()
  input.measures.forEach((all, m) => {
    const atoms = all.map((a, i) => [a, i] as const).filter(([a]) => a.n > 0)
    const rows: Fraction[][] = []
    input.layers.forEach((layer, c) => {
      for (const u of layer.units)
        for (const s of SLICES) {
          if (!layer.visible.has(cellKey(u.id, s))) continue
          rows.push(
            atoms.map(([a]) => {
              const place = a.places[c]
              const inside =
                place != null &&
                inSubtree(c, place.unitId, u.id) &&
                (s === ALL_FAMILIES || s === place.family)
              return frac(inside ? 1n : 0n)
            }),
          )
        }
    })
    const basis = echelon(rows)
    const small = atoms.map(([a], j) => [a, j] as const).filter(([a]) => a.n < input.k)
    const trySets = (from: number, chosen: number[], people: number) => {
      if (chosen.length > 0) {
        const vector = atoms.map((_, j) => frac(chosen.includes(j) ? 1n : 0n))
        if (reduceBy(basis, vector).every(isZero))
          found.add(`${m}|${chosen.map((j) => atoms[j]![1]).join(",")}`)
      }
      for (let s = from; s < small.length; s++) {
        const [a, j] = small[s]!
        if (people + a.n < input.k && chosen.length < maxMembers) trySets(s + 1, [...chosen, j], people + a.n)
      }
    }
    trySets(0, [], 0)
  })
  return found
}
