// The anonymity rule for the admin's participation counts: a count below k is never shown as a number.
// (The reports' full rule, with complementary suppression, lives in app/domain/anonymity.ts.)

export type ShownCount = { kind: "count"; n: number } | { kind: "fewer"; k: number }

export function showCount(n: number, k: number): ShownCount {
  return n >= k ? { kind: "count", n } : { kind: "fewer", k }
}

/** A share in whole per cent, only when both counts may be shown. */
export function showShare(submitted: number, invited: number, k: number): number | null {
  if (invited < k || submitted < k || invited === 0) return null
  return Math.round((submitted / invited) * 100)
}
