// The audit across cycles and across learning snapshots on the demo (docs/decisions/002-anonymity.md): a hospital
// that lost six people, five in one department and one in another, must not give the sixth away as "the hospital's
// drop minus the department's", although each cell on its own passes the cohort rule. Checked with an attacker
// written apart from the audit, over what the publications show, read from the database as a manager's pages would.
import { and, eq } from "drizzle-orm"
import { expect, test } from "vitest"
import { cellKey, type Slice, type TreeUnit } from "~/domain/disclosure"
import type { JointAtom, JointInput, Place } from "~/domain/disclosure-across-cycles"
import type { JobFamily } from "~/domain/vocabulary"
import { closeCycle } from "~/services/admin-cycles.server"
import { loadAllContent } from "~/services/content-loader.server"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { takeLearningSnapshot } from "~/services/reports/learning-snapshot.server"
import { getCurrentInstrument } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { cycles, people, publishedCycles, results, units } from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { attackAcrossCycles } from "../support/joint-attacker"
import { cycleAnsweredAgain } from "./answered-again"
import { testDb } from "./db"

/**
 * What a series of publications showed, read from the database as a manager's pages would: each one's tree and
 * shown cells, and who was counted where in each (the people grouped by their places in all of them).
 */
function publishedSeries(
  db: Db,
  tables: { ids: string; units: string; cells: string; counted: string },
): JointInput {
  const sqlite = db.$client
  const ids = (sqlite.prepare(tables.ids).all() as { id: number }[]).map((c) => c.id)
  const layers = ids.map((id) => ({
    units: sqlite
      .prepare(`SELECT unit_id AS id, parent_id AS parentId FROM ${tables.units} = ?`)
      .all(id) as TreeUnit[],
    visible: new Set(
      (
        sqlite.prepare(`SELECT unit_id AS unitId, slice FROM ${tables.cells} = ?`).all(id) as {
          unitId: number
          slice: Slice
        }[]
      ).map((c) => cellKey(c.unitId, c.slice)),
    ),
  }))
  const places = new Map<number, Place[]>()
  ids.forEach((id, c) => {
    for (const r of sqlite
      .prepare(
        `SELECT person_id AS personId, unit_id AS unitId, job_family AS family FROM ${tables.counted} = ?`,
      )
      .all(id) as { personId: number; unitId: number; family: JobFamily }[]) {
      const list = places.get(r.personId) ?? ids.map(() => null)
      list[c] = { unitId: r.unitId, family: r.family }
      places.set(r.personId, list)
    }
  })
  const groups = new Map<string, JointAtom>()
  for (const list of places.values()) {
    const key = JSON.stringify(list)
    groups.set(key, { places: list, n: (groups.get(key)?.n ?? 0) + 1 })
  }
  return { layers, measures: [[...groups.values()]], k: 5 }
}

function demo() {
  const db = testDb()
  seedReports(db, loadAllContent().content!)
  return {
    db,
    unitId: (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id,
    admin: db.select().from(people).where(eq(people.email, "admin@parat.test")).get()!,
  }
}

test("a hospital's drop minus one department's does not tell who else stopped answering", async () => {
  const db = testDb()
  seedReports(db, loadAllContent().content!)
  const unitId = (code: string) =>
    db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
  const admin = db.select().from(people).where(eq(people.email, "admin@parat.test")).get()!
  const previous = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, "Forår 2026")).get()!.id
  // Five nurses of the emergency department and one cardiology doctor of the same hospital do not answer again.
  const { cycleId, leavers } = cycleAnsweredAgain(db, admin.id, {
    previous,
    regionId: unitId("RDEMO"),
    leavers: (last) => [
      ...last.filter((r) => r.unitId === unitId("NOR-AKM") && r.jobFamily === "nurse").slice(0, 5),
      last.find((r) => r.unitId === unitId("NOR-KAR") && r.jobFamily === "doctor")!,
    ],
  })
  expect(leavers.size).toBe(6)
  expect(closeCycle(admin.id, cycleId, db)).toMatchObject({ ok: true })
  const published = db.select().from(publishedCycles).where(eq(publishedCycles.cycleId, cycleId)).get()!
  // The cohort rule hides the cardiology department (one changed); the audit across cycles had to hide more.
  expect(published.hiddenByCohort).toBeGreaterThan(0)
  expect(published.hiddenAcrossCycles).toBeGreaterThan(0)

  const input = publishedSeries(db, {
    ids: "SELECT cycle_id AS id FROM published_cycles ORDER BY cycle_id",
    units: "published_units WHERE cycle_id",
    cells: "published_cells WHERE cycle_id",
    counted: "results WHERE cycle_id",
  })
  expect(input.layers).toHaveLength(3)
  // The one cardiology doctor who stopped: answered in spring, not in the new cycle.
  const doctor = input.measures[0]!.findIndex(
    (a) =>
      a.n === 1 &&
      a.places[1]?.unitId === unitId("NOR-KAR") &&
      a.places[1]?.family === "doctor" &&
      a.places[2] === null,
  )
  expect(doctor).toBeGreaterThanOrEqual(0)
  // Nothing of 1..4 people can be worked out from the three cycles together: no single group of people placed the
  // same way in every cycle, and no two such groups summed.
  expect([...attackAcrossCycles(input, 2)]).toEqual([])
}, 120_000)

test("a hospital's fall in active people minus one department's does not tell what the sixth had completed", () => {
  const { db, unitId } = demo()
  const active = (code: string) =>
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.unitId, unitId(code)), eq(people.isActive, true)))
      .all()
  // Five people of the emergency department and one of cardiology leave between two snapshots.
  const leaving = [...active("NOR-AKM").slice(0, 5), active("NOR-KAR")[0]!]
  expect(leaving).toHaveLength(6)
  for (const p of leaving) db.update(people).set({ isActive: false }).where(eq(people.id, p.id)).run()
  const summary = db.transaction(() => takeLearningSnapshot(db, new Date(Date.UTC(2026, 5, 1))))
  expect(summary.hiddenByCohort).toBeGreaterThan(0)
  expect(summary.hiddenAcrossSnapshots).toBeGreaterThan(0)
  const input = publishedSeries(db, {
    ids: "SELECT id FROM learning_snapshots ORDER BY id",
    units: "learning_snapshot_units WHERE snapshot_id",
    cells: "learning_snapshot_cells WHERE snapshot_id",
    counted: "learning_snapshot_members WHERE snapshot_id",
  })
  expect(input.layers.length).toBeGreaterThanOrEqual(3)
  expect([...attackAcrossCycles(input, 2)]).toEqual([])
}, 120_000)

test("one person skipping an attitude item the next time cannot be read off that item's figures of the two cycles", () => {
  const { db, unitId, admin } = demo()
  const spring = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, "Forår 2026")).get()!.id
  const v2 = ensureInstrumentVersion(db, getCurrentInstrument())
  // Two cycles with the v2 instrument: first everyone answers the hopes item, then one nurse skips it.
  const first = cycleAnsweredAgain(db, admin.id, {
    previous: spring,
    regionId: unitId("RDEMO"),
    name: "Efterår 2026",
    instrumentHash: v2,
    leavers: () => [],
    answers: (r) => ({ ...r.answers, "attitudes.h1": 2 + (r.personId % 4) }),
  })
  expect(closeCycle(admin.id, first.cycleId, db)).toMatchObject({ ok: true })
  const skipper = db
    .select({ personId: results.personId })
    .from(results)
    .where(and(eq(results.cycleId, first.cycleId), eq(results.unitId, unitId("NOR-AKM"))))
    .get()!.personId
  const second = cycleAnsweredAgain(db, admin.id, {
    previous: first.cycleId,
    regionId: unitId("RDEMO"),
    name: "Forår 2027",
    instrumentHash: v2,
    leavers: () => [],
    answers: (r) => {
      if (r.personId !== skipper) return r.answers
      const { "attitudes.h1": _, ...rest } = r.answers
      return rest
    },
  })
  expect(closeCycle(admin.id, second.cycleId, db)).toMatchObject({ ok: true })
  const published = db
    .select()
    .from(publishedCycles)
    .where(eq(publishedCycles.cycleId, second.cycleId))
    .get()!
  expect(published.hiddenAcrossCycles).toBeGreaterThan(0)
  // The hopes item's figures of both cycles, over who answered it where.
  const input = publishedSeries(db, {
    ids: `SELECT cycle_id AS id FROM published_cycles WHERE cycle_id IN (${first.cycleId}, ${second.cycleId})
      ORDER BY cycle_id`,
    units: "published_units WHERE cycle_id",
    cells: "published_cells WHERE cycle_id",
    counted: `(SELECT r.person_id, r.unit_id, r.job_family, r.cycle_id FROM results r
      JOIN responses p ON p.id = r.response_id WHERE json_extract(p.answers, '$."attitudes.h1"') IS NOT NULL)
      WHERE cycle_id`,
  })
  expect(input.measures[0]!.some((a) => a.n === 1 && a.places[1] === null)).toBe(true)
  expect([...attackAcrossCycles(input, 2)]).toEqual([])
}, 120_000)
