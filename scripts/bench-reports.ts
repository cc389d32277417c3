// Times the report service on a synthetic region: `npx tsx scripts/bench-reports.ts [people]` (default 130,000).
// Builds its own database under .cache/bench/ (reused when it already holds that many people), with two closed
// cycles in which everyone answered, and prints median latencies of the heatmap and of the whole report page.
import { existsSync, rmSync } from "node:fs"
import { resolve } from "node:path"
import { DIMENSIONS, JOB_FAMILIES } from "../app/domain/content-schema"
import { levelForScore } from "../app/domain/scoring"
import type { SessionUser } from "../app/services/auth.server"
import { loadAllContent } from "../app/services/content-loader.server"
import { ensureInstrumentVersion } from "../app/services/instrument.server"
import { getHeatmap, getUnitReport } from "../app/services/reports.server"
import { rebuildSubtreeAggregates } from "../app/services/results.server"
import { openDatabase } from "../db/client"
import { seededRandom } from "../db/factories"

const PEOPLE = Number(process.argv[2] ?? 130_000)
const HOSPITALS = 20
const DEPARTMENTS = 30
const path = resolve(`.cache/bench/reports-${PEOPLE}.db`)

function build() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true })
  const db = openDatabase(path)
  const sqlite = db.$client
  const { content } = loadAllContent()
  if (!content) throw new Error("the instrument does not load")
  const instrument = content.instrument
  const hash = ensureInstrumentVersion(db, instrument)
  const random = seededRandom(42)
  sqlite.pragma("foreign_keys = OFF") // a synthetic file: results point at made-up response ids
  const started = performance.now()

  const insertUnit = sqlite.prepare(
    "INSERT INTO units (code, name, kind, parent_id, path) VALUES (?, ?, ?, ?, '/') RETURNING id",
  )
  const setPath = sqlite.prepare("UPDATE units SET path = ? WHERE id = ?")
  const unit = (code: string, kind: string, parent: { id: number; path: string } | null) => {
    const { id } = insertUnit.get(code, code, kind, parent?.id ?? null) as { id: number }
    const unitPath = `${parent?.path ?? "/"}${id}/`
    setPath.run(unitPath, id)
    return { id, path: unitPath }
  }
  const homes: number[] = []
  sqlite.transaction(() => {
    const region = unit("R", "region", null)
    for (let h = 0; h < HOSPITALS; h++) {
      const hospital = unit(`H${h}`, "hospital", region)
      for (let d = 0; d < DEPARTMENTS; d++) {
        const department = unit(`H${h}-D${d}`, "department", hospital)
        const sections = Math.floor(random() * 4)
        if (sections === 0) homes.push(department.id)
        for (let s = 0; s < sections; s++) homes.push(unit(`H${h}-D${d}-S${s}`, "section", department).id)
      }
    }
    sqlite
      .prepare(
        "INSERT INTO people (email, name, job_family, unit_id, role, is_demo) VALUES ('bench.manager@x', 'Bench', 'management', ?, 'manager', 0)",
      )
      .run(region.id)
    sqlite.prepare("INSERT INTO manager_scopes (person_id, unit_id) VALUES (1, ?)").run(region.id)
  })()

  const cycleIds = [1, 2].map(
    (wave) =>
      (
        sqlite
          .prepare(
            "INSERT INTO cycles (name, instrument_hash, status, opens_at, closes_at, min_group_size) VALUES (?, ?, 'closed', ?, ?, 5) RETURNING id",
          )
          .get(`Bench ${wave}`, hash, wave * 1000, wave * 1000 + 500) as { id: number }
      ).id,
  )
  const insertPerson = sqlite.prepare(
    "INSERT INTO people (email, name, job_family, unit_id) VALUES (?, ?, ?, ?) RETURNING id",
  )
  const insertResult = sqlite.prepare(
    "INSERT INTO results (response_id, cycle_id, person_id, unit_id, job_family, min_level, submitted_at) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
  )
  const insertScore = sqlite.prepare(
    "INSERT INTO result_scores (result_id, dimension, score, level) VALUES (?, ?, ?, ?)",
  )
  const BATCH = 10_000
  for (let start = 0; start < PEOPLE; start += BATCH) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(PEOPLE, start + BATCH); i++) {
        const family = JOB_FAMILIES[i % JOB_FAMILIES.length]!
        const unitId = homes[Math.floor(random() * homes.length)]!
        const { id: personId } = insertPerson.get(`p${i}@bench`, `P${i}`, family, unitId) as { id: number }
        for (const [wave, cycleId] of cycleIds.entries()) {
          const scores = DIMENSIONS.map(() => Math.round((25 + random() * 60 + wave * 5) * 10) / 10)
          const levels = scores.map((s) => levelForScore(s, instrument.levels))
          const { id: resultId } = insertResult.get(
            personId * 10 + wave,
            cycleId,
            personId,
            unitId,
            family,
            Math.min(...levels),
          ) as { id: number }
          DIMENSIONS.forEach((d, j) => {
            insertScore.run(resultId, d, scores[j], levels[j])
          })
        }
      }
    })()
  }
  // The aggregates as the submit transaction keeps them, built in one pass.
  sqlite.exec(`
    INSERT INTO result_aggregates (cycle_id, unit_id, job_family, dimension, n, score_sum, level0, level1, level2, level3, level4)
    SELECT r.cycle_id, r.unit_id, r.job_family, s.dimension, COUNT(*), SUM(s.score),
      SUM(s.level = 0), SUM(s.level = 1), SUM(s.level = 2), SUM(s.level = 3), SUM(s.level = 4)
    FROM results r JOIN result_scores s ON s.result_id = r.id GROUP BY 1, 2, 3, 4;
    INSERT INTO participation_aggregates (cycle_id, unit_id, job_family, submitted, all_foundation)
    SELECT cycle_id, unit_id, job_family, COUNT(*), SUM(min_level >= 1) FROM results GROUP BY 1, 2, 3;
    INSERT INTO cycle_invitations (cycle_id, person_id, unit_id, job_family)
    SELECT c.id, p.id, p.unit_id, p.job_family FROM cycles c CROSS JOIN people p WHERE p.role = 'employee';
  `)
  rebuildSubtreeAggregates(db)
  sqlite.exec("ANALYZE")
  sqlite.pragma("foreign_keys = ON")
  sqlite.pragma("wal_checkpoint(TRUNCATE)")
  console.log(
    `built ${PEOPLE} people, ${homes.length} home units, 2 cycles in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return db
}

function median(run: () => void, times: number) {
  for (let i = 0; i < 3; i++) run()
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const t0 = performance.now()
    run()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

const reuse =
  existsSync(path) &&
  (() => {
    const db = openDatabase(path)
    const n = (
      db.$client.prepare("SELECT COUNT(*) AS n FROM people WHERE role = 'employee'").get() as { n: number }
    ).n
    db.$client.close()
    return n === PEOPLE
  })()
const db = reuse ? openDatabase(path) : build()
const sqlite = db.$client
const manager: SessionUser = {
  id: 1,
  email: "bench.manager@x",
  name: "Bench",
  role: "manager",
  language: "da",
  jobFamily: "management",
  unitId: 1,
}
const unitOf = (code: string) =>
  (sqlite.prepare("SELECT id FROM units WHERE code = ?").get(code) as { id: number }).id
const aggregateRows = (sqlite.prepare("SELECT COUNT(*) AS n FROM result_aggregates").get() as { n: number }).n
const rawGroupBy =
  sqlite.prepare(`SELECT substr(u.path, 1, instr(substr(u.path, 4), '/') + 3) AS child, s.dimension,
  COUNT(*), AVG(s.score) FROM results r JOIN result_scores s ON s.result_id = r.id JOIN units u ON u.id = r.unit_id
  WHERE r.cycle_id = 2 GROUP BY 1, 2`)

const figures = {
  people: PEOPLE,
  aggregateRows,
  heatmapRegionMs: median(() => getHeatmap(manager, { unitId: unitOf("R") }, db), 50),
  heatmapRegionNursesMs: median(
    () => getHeatmap(manager, { unitId: unitOf("R"), jobFamily: "nurse" }, db),
    50,
  ),
  heatmapHospitalMs: median(() => getHeatmap(manager, { unitId: unitOf("H3") }, db), 50),
  heatmapDepartmentMs: median(() => getHeatmap(manager, { unitId: unitOf("H3-D7") }, db), 50),
  wholeReportRegionMs: median(() => getUnitReport(manager, { unitId: unitOf("R") }, db), 5),
  wholeReportDepartmentMs: median(() => getUnitReport(manager, { unitId: unitOf("H3-D7") }, db), 10),
  rawGroupByOverResultsMs: median(() => rawGroupBy.all(), 3),
}
console.table(Object.entries(figures).map(([name, value]) => ({ name, value: Math.round(value * 10) / 10 })))
