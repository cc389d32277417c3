import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { coverage, listSystems } from "~/services/ai-register.server"
import { verifyRecord } from "~/services/training-records.server"
import type { Db } from "../../db/client"
import { people, trainingRecords } from "../../db/schema"
import { seedRegister } from "../../scripts/seed/register"
import { testDb } from "./db"

let db: Db
beforeEach(() => {
  db = testDb()
})

test("the demo register has five systems in three hospitals and people in every state", () => {
  const now = new Date("2026-11-25T12:00:00Z")
  seedRegister(db, now)
  seedRegister(db, now) // a second run adds nothing
  const admin = db.select().from(people).where(eq(people.email, "admin@parat.test")).get()!
  const viewer = { id: admin.id, role: "admin" as const }
  const systems = listSystems(viewer, db)
  expect(systems).toHaveLength(5)
  const unitNames = systems.flatMap((s) => s.unitNames)
  // Nordhavn's emergency department, Skovbrynet as a whole, Vestkysten as a whole: all three hospitals
  expect(unitNames).toEqual(
    expect.arrayContaining(["Akutmodtagelsen", "Skovbrynet Hospital", "Vestkysten Hospital"]),
  )
  const data = coverage(viewer, {}, db, now)!
  for (const family of ["nurse", "doctor", "administrative"] as const) {
    const states = new Set(data.rows.filter((r) => r.jobFamily === family).map((r) => r.state))
    expect([...states].sort(), family).toEqual(
      ["done", "due", "overdue"].filter((s) => states.has(s as never)),
    )
    expect(states.has("done"), family).toBe(true)
    expect(states.has("overdue") || states.has("due"), family).toBe(true)
  }
  expect(data.totals.due).toBeGreaterThan(0)
  expect(data.totals.overdue).toBeGreaterThan(0)
  expect(data.rows.some((r) => r.state === "overdue" && r.record !== null)).toBe(true) // a late refresher
  const record = db.select().from(trainingRecords).limit(1).get()!
  expect(verifyRecord(record.code, db).ok).toBe(true)
})
