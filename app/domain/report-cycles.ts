// Which closed cycles a manager's reports offer. Pure: no I/O.

/**
 * A cycle covered a manager's part of the organisation when one of its target units lies above, at or below one of
 * the manager's scope units (unit paths are "/1/4/9/", so an ancestor's path is a prefix of its descendant's).
 */
export function coversAnyScope(targetPaths: readonly string[], scopePaths: readonly string[]) {
  return targetPaths.some((target) =>
    scopePaths.some((scope) => scope.startsWith(target) || target.startsWith(scope)),
  )
}

/** A closed cycle with its target units' and the manager's scope units' paths in the tree the cycle closed on. */
export type CycleCoverage = { id: number; targetPaths: readonly string[]; scopePaths: readonly string[] }

/**
 * The cycles a manager can choose between (oldest first, as given) and the one the report opens on: the asked-for
 * cycle when it covered the manager's units, else the latest that did. A cycle that never reached them is not
 * offered: every cell of it would be empty.
 */
export function chooseReportCycle<C extends CycleCoverage>(
  closedOldestFirst: readonly C[],
  cycleId: number | undefined,
): { offered: C[]; chosen: C | null | "not_found" } {
  const offered = closedOldestFirst.filter((cycle) => coversAnyScope(cycle.targetPaths, cycle.scopePaths))
  if (cycleId === undefined) return { offered, chosen: offered.at(-1) ?? null }
  return { offered, chosen: offered.find((cycle) => cycle.id === cycleId) ?? "not_found" }
}
