// Exact rational linear algebra for the attackers of the disclosure tests: bigint fractions, dense rows, written
// apart from the audit's modular sparse elimination so that the tests do not share its algebra.

export type Fraction = { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b))
export function frac(n: bigint, d = 1n): Fraction {
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d) || 1n
  return { n: n / g, d: d / g }
}
const sub = (a: Fraction, b: Fraction) => frac(a.n * b.d - b.n * a.d, a.d * b.d)
const mul = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d)
const div = (a: Fraction, b: Fraction) => frac(a.n * b.d, a.d * b.n)
export const isZero = (a: Fraction) => a.n === 0n

/** Echelon basis of the rows; a vector is in their span when it reduces to zero. */
export function echelon(rows: Fraction[][]) {
  const basis: { pivot: number; row: Fraction[] }[] = []
  for (const original of rows) {
    const row = reduceBy(basis, original)
    const pivot = row.findIndex((v) => !isZero(v))
    if (pivot < 0) continue
    basis.push({ pivot, row: row.map((v) => div(v, row[pivot]!)) })
  }
  return basis
}
export function reduceBy(basis: { pivot: number; row: Fraction[] }[], vector: Fraction[]) {
  let row = [...vector]
  for (const b of basis) {
    const factor = row[b.pivot]!
    if (isZero(factor)) continue
    row = row.map((v, i) => sub(v, mul(factor, b.row[i]!)))
  }
  return row
}
