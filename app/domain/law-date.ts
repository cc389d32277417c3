// Whether a module's legal content is due for review: each module says on which date the law it teaches was
// last checked (`lawAsOf`); more than a year later the admin's content page flags it. Pure.

export type LawReview = "current" | "outdated" | "unstated"

/** "outdated" once more than a year has passed since `lawAsOf` (an ISO date); "unstated" without a date. */
export function lawReview(lawAsOf: string | undefined | null, now: Date): LawReview {
  if (!lawAsOf) return "unstated"
  const checked = new Date(`${lawAsOf}T00:00:00Z`)
  const dueAt = new Date(checked)
  dueAt.setUTCFullYear(dueAt.getUTCFullYear() + 1)
  return now.getTime() > dueAt.getTime() ? "outdated" : "current"
}
