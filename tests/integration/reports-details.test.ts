// Confidence beside knowledge, hopes and worries and AI tool use are published at close with every other figure
// of the cycle, under the same rule and audit, and shown on the manager's report (issue 13, report side).
import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { DIMENSIONS } from "~/domain/vocabulary"
import { closeCycle, createCycle, openCycle } from "~/services/admin-cycles.server"
import type { SessionUser } from "~/services/auth.server"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getUnitReport } from "~/services/reports.server"
import { recordResult } from "~/services/results.server"
import { getCurrentInstrument } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { aiSystems, cycleInvitations, people, responses, units } from "../../db/schema"
import { testDb } from "./db"

let db: Db
beforeEach(() => {
  db = testDb()
})
const unitId = (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
const byEmail = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!

/** A v2 cycle over one hospital in which every invited person answers: returns who answered what. */
function answeredCycle(hospital: string, attitudesAnsweredBy = (_i: number) => true) {
  const admin = byEmail("admin@parat.test")
  const systemId = db
    .insert(aiSystems)
    .values({
      name: "TaleGenkend Pro",
      supplier: "Leverandør A/S",
      intendedPurpose: "Diktering",
      status: "in_operation",
      riskClass: "limited",
      contactName: "Kontakt",
      updatedAt: new Date(),
    })
    .returning({ id: aiSystems.id })
    .get().id
  const created = createCycle(
    admin.id,
    {
      name: "Efterår 2026 v2",
      instrumentHash: ensureInstrumentVersion(db, getCurrentInstrument()),
      unitIds: [unitId(hospital)],
      opensOn: "2026-09-01",
      closesOn: "2026-09-30",
    },
    db,
  )
  if (!created.ok) throw new Error(created.reason)
  openCycle(admin.id, created.id, db, 5)
  const invited = db.select().from(cycleInvitations).where(eq(cycleInvitations.cycleId, created.id)).all()
  const given = invited.map((inv, i) => {
    const score = 30 + (i % 5) * 10
    const confidence = i % 2 === 0 ? score + 25 : score // every other person rates themselves 25 points higher
    const answers: Record<string, number> = {
      "attitudes.h1": i % 3 === 0 ? 2 : 5,
      "attitudes.w1": 4,
      "tools.speech": 1,
    }
    if (i % 4 === 0) answers[`tools.${systemId}`] = 1
    if (!attitudesAnsweredBy(i)) {
      delete answers["attitudes.h1"]
      delete answers["attitudes.w1"]
    }
    const submittedAt = new Date(Date.UTC(2026, 8, 10))
    const response = db
      .insert(responses)
      .values({
        cycleId: created.id,
        personId: inv.personId,
        status: "submitted",
        answers,
        page: 9,
        updatedAt: submittedAt,
        submittedAt,
      })
      .returning({ id: responses.id })
      .get()
    recordResult(db, {
      responseId: response.id,
      cycleId: created.id,
      personId: inv.personId,
      unitId: inv.unitId,
      jobFamily: inv.jobFamily,
      submittedAt,
      scored: {
        minLevel: 1,
        dimensions: DIMENSIONS.map((dimension) => ({
          dimension,
          score,
          level: 1 as const,
          confidence,
          answered: 4,
          total: 4,
          isComplete: true,
        })),
      },
    })
    return { ...inv, score, confidence, answers }
  })
  expect(closeCycle(admin.id, created.id, db)).toMatchObject({ ok: true })
  return { cycleId: created.id, given, systemId }
}

const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
const pct = (part: number, whole: number) => Math.round((part / whole) * 100)

test("the manager's report shows the hospital's confidence gap, hopes and worries and tool use from the publication", () => {
  const { cycleId, given, systemId } = answeredCycle("NOR")
  const manager = byEmail("manager@parat.test") as SessionUser
  const report = getUnitReport(manager, { unitId: unitId("NOR"), cycleId }, db)
  expect(report.heatmap.rows.find((r) => r.role === "unit")!.cells.every((c) => !c.isSuppressed)).toBe(true)
  const n = given.length
  expect(n).toBeGreaterThan(20)
  expect(report.details.confidence.map((r) => r.dimension)).toEqual([...DIMENSIONS])
  const score = mean(given.map((g) => g.score))
  const confidence = mean(given.map((g) => g.confidence))
  expect(report.details.confidence[0]).toEqual({
    dimension: DIMENSIONS[0],
    n,
    score,
    confidence,
    gap: Math.round((confidence - score) * 10) / 10,
    overShare: pct(given.filter((g) => g.confidence - g.score > 20).length, n),
    underShare: 0,
  })
  const h1 = report.details.attitudes.find((a) => a.id === "attitudes.h1")!
  expect(h1).toMatchObject({
    tone: "hope",
    n,
    mean: mean(given.map((g) => g.answers["attitudes.h1"]!)),
    agreeShare: pct(given.filter((g) => g.answers["attitudes.h1"]! >= 4).length, n),
  })
  expect(h1.text.da).toMatch(/håber/)
  expect(report.details.attitudes.find((a) => a.id === "attitudes.w1")).toMatchObject({ tone: "worry", n })
  // an unanswered statement is not listed as if answered by nobody
  expect(report.details.attitudes.map((a) => a.id)).toEqual(["attitudes.h1", "attitudes.w1"])
  expect(report.details.tools).toEqual([
    {
      key: "tools.speech",
      label: { da: "Talegenkendelse eller diktering", en: "Speech recognition or dictation" },
      users: n,
      share: 100,
    },
    {
      key: `tools.${systemId}`,
      label: { da: "TaleGenkend Pro", en: "TaleGenkend Pro" },
      users: given.filter((g) => g.answers[`tools.${systemId}`]).length,
      share: pct(given.filter((g) => g.answers[`tools.${systemId}`]).length, n),
    },
  ])
  // A renamed register system keeps the name it had when the cycle closed.
  db.update(aiSystems).set({ name: "Omdøbt" }).where(eq(aiSystems.id, systemId)).run()
  expect(getUnitReport(manager, { unitId: unitId("NOR"), cycleId }, db).details.tools[1]!.label.da).toBe(
    "TaleGenkend Pro",
  )
}, 60_000)

test("a unit too small to show publishes none of these figures, and every published detail belongs to a shown cell", () => {
  const { cycleId } = answeredCycle("NOR")
  const manager = byEmail("manager@parat.test") as SessionUser
  const small = getUnitReport(manager, { unitId: unitId("NOR-ETK"), cycleId }, db) // 3 people
  expect(small.details).toEqual({ confidence: [], attitudes: [], tools: [] })
  for (const table of ["published_confidence", "published_attitudes", "published_tools"]) {
    const orphans = db.$client
      .prepare(`SELECT COUNT(*) AS n FROM ${table} d WHERE d.cycle_id = ? AND NOT EXISTS (SELECT 1 FROM
        published_cells c WHERE c.cycle_id = d.cycle_id AND c.unit_id = d.unit_id AND c.slice = d.slice)`)
      .get(cycleId) as { n: number }
    expect(orphans.n).toBe(0)
  }
  const shown = db.$client
    .prepare("SELECT COUNT(*) AS n FROM published_attitudes WHERE cycle_id = ?")
    .get(cycleId) as { n: number }
  expect(shown.n).toBeGreaterThan(0)
}, 60_000)

test("the attitude answers count in the audit: a cell where fewer than k answered them is not shown", () => {
  // Only every third person answers the attitude statements: units with k or more answers but fewer than k
  // attitude answers must not be shown at all.
  const { cycleId, given } = answeredCycle("NOR", (i) => i % 3 === 0)
  const cells = db.$client
    .prepare(
      `SELECT c.unit_id AS unitId, c.slice, a.n FROM published_cells c LEFT JOIN published_attitudes a
        ON a.cycle_id = c.cycle_id AND a.unit_id = c.unit_id AND a.slice = c.slice AND a.item_id = 'attitudes.h1'
        WHERE c.cycle_id = ?`,
    )
    .all(cycleId) as { unitId: number; slice: string; n: number | null }[]
  expect(cells.length).toBeGreaterThan(0)
  for (const cell of cells) expect(cell.n).toBeGreaterThanOrEqual(5)
  const paths = db.select({ id: units.id, path: units.path }).from(units).all()
  const pathOf = new Map(paths.map((u) => [u.id, u.path]))
  const thin = paths.filter((u) => {
    const inside = given.filter((g) => pathOf.get(g.unitId)!.startsWith(u.path))
    const withAttitudes = inside.filter((g) => g.answers["attitudes.h1"] !== undefined)
    return inside.length >= 5 && withAttitudes.length < 5
  })
  expect(thin.length).toBeGreaterThan(0)
  const shown = new Set(cells.filter((c) => c.slice === "all").map((c) => c.unitId))
  for (const u of thin) expect(shown.has(u.id)).toBe(false)
}, 60_000)
