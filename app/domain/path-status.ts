// Where a learner stands on one module. Putting a module on the path is not starting it: a module counts as
// "in progress" only once a lesson in it has been read, so an added module that was never opened says so.

export type ModuleStatus = "completed" | "in_progress" | "added" | "not_started"

export type ModuleStatusInput = {
  isCompleted: boolean
  /** The learner put the module on the path (from the catalogue or the module page). */
  isAdded: boolean
  lessonsRead: number
}

export function moduleStatus({ isCompleted, isAdded, lessonsRead }: ModuleStatusInput): ModuleStatus {
  if (isCompleted) return "completed"
  if (lessonsRead > 0) return "in_progress"
  return isAdded ? "added" : "not_started"
}
