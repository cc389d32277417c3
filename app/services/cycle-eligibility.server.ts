// The one rule for "which survey cycles may this person take", used by the survey pages, the home card and the
// admin's side alike: the cycle is open (status and dates, isCycleOpen) and one of its target units is the
// person's current unit or an ancestor of it. An inactive person may take none.
import { and, asc, eq, sql } from "drizzle-orm"
import type { CalendarDay } from "~/domain/calendar"
import { isCycleOpen } from "~/domain/survey"
import { type Db, getDb, schema } from "./db.server"

const { cycles, cycleUnits, people, units } = schema

export type OpenCycle = {
  id: number
  name: string
  instrumentHash: string
  status: "draft" | "open" | "closed"
  opensOn: CalendarDay
  closesOn: CalendarDay
  minGroupSize: number
}

/** The cycles the person may answer now, the one closing first first. */
export function openCyclesForPerson(personId: number, db: Db = getDb(), now = new Date()): OpenCycle[] {
  const rows = db
    .selectDistinct({
      id: cycles.id,
      name: cycles.name,
      instrumentHash: cycles.instrumentHash,
      status: cycles.status,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      minGroupSize: cycles.minGroupSize,
    })
    .from(cycles)
    .innerJoin(cycleUnits, eq(cycleUnits.cycleId, cycles.id))
    .innerJoin(sql`units as t`, sql`t.id = ${cycleUnits.unitId}`)
    .innerJoin(people, eq(people.id, personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        eq(cycles.status, "open"),
        eq(people.isActive, true),
        // the target is the person's unit or an ancestor: its path is a prefix of the person's unit path
        sql`substr(${units.path}, 1, length(t.path)) = t.path`,
      ),
    )
    .orderBy(asc(cycles.closesOn), asc(cycles.id))
    .all()
  // The date window is decided by the one pure rule, not again in SQL.
  return rows.filter((cycle) => isCycleOpen(cycle, now))
}

/** Whether the person may answer this cycle now (save a page, submit). */
export function mayTakeCycle(personId: number, cycleId: number, db: Db = getDb(), now = new Date()) {
  return openCyclesForPerson(personId, db, now).some((cycle) => cycle.id === cycleId)
}
