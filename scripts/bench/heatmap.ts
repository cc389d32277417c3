// Heatmap and report figures on synthetic organisations: closing each cycle (decide, audit, store) with its phases,
// the route loader as a request runs it, the service's heatmap alone, the heatmap's own SQL alone (raw
// better-sqlite3), each again as the first view after a change (a unit of the view renamed through the admin's
// service), a live GROUP BY over every result for comparison, and one hot query written three ways (drizzle
// built per call, drizzle .prepare(), raw better-sqlite3).
import { rmSync } from "node:fs"
import { eq, sql } from "drizzle-orm"
import { renameUnit } from "../../app/services/admin-units.server"
import { createSession, type SessionUser } from "../../app/services/auth.server"
import { coursesDir, loadInstrument } from "../../app/services/content-loader.server"
import { ensureInstrumentVersion } from "../../app/services/instrument.server"
import type { Phases } from "../../app/services/reports/publish.server"
import { getHeatmap } from "../../app/services/reports.server"
import type { Db } from "../../db/client"
import { openDatabase, setDb } from "../../db/client"
import { managerScopes, people, sessions } from "../../db/schema"
import { generateSyntheticOrganisation } from "../seed/synthetic"
import { median, percentile, time } from "./stats"
import { publicationUtility, type UtilityFigure } from "./utility"

export type HeatmapFigure = {
  people: number
  results: number
  generateSeconds: number
  unit: string
  loaderColdMs: number
  loaderMedianMs: number
  loaderP95Ms: number
  heatmapMedianMs: number
  sqlAggregateMs: number
  /** the first view after a change (a unit of the view renamed): medians over several changes */
  afterChange: { loaderMs: number; heatmapMs: number; sqlMs: number }
  liveGroupByMs: number
}

export type PreparedFigure = { variant: string; medianUs: number }

/** Closing a cycle (decide, audit, store its publication) and what it hides, per cycle of each size. */
export type PublicationFigure = Omit<UtilityFigure, "cycle"> & {
  people: number
  cycle: number
  publishSeconds: number
  phases: Phases
}

// What the heatmap shows, as one plain SQL query: the published rows of the region, the unit and its children, with
// their scores and today's name and parent (a row says "now called ..." or "moved since").
// app/services/reports/published.server.ts reads the same rows, with a few prepared lookups.
const HEATMAP_SQL = `SELECT p.unit_id, p.name, p.parent_id, p.has_children, u.name AS name_now,
    u.parent_id AS parent_now, s.dimension, s.n, s.score_sum
  FROM published_units p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN published_scores s
    ON s.cycle_id = p.cycle_id AND s.unit_id = p.unit_id AND s.slice = 'all'
  WHERE p.cycle_id = @cycle AND (p.parent_id = @q OR p.unit_id = @q OR p.parent_id IS NULL)`
// What a report would cost without kept sums: every result of the cycle, grouped by the child unit it falls under.
const LIVE_GROUP_BY = `SELECT c.id AS child, r.job_family, s.dimension, COUNT(*) AS n, AVG(s.score) AS mean
  FROM units c JOIN units u ON u.path >= c.path AND u.path < substr(c.path, 1, length(c.path) - 1) || '0'
  JOIN results r ON r.unit_id = u.id AND r.cycle_id = @cycle JOIN result_scores s ON s.result_id = r.id
  WHERE c.parent_id = @q GROUP BY 1, 2, 3`

export async function measureHeatmaps(sizes: number[], runs: number) {
  const errors: { file: string; message: string }[] = []
  const instrument = loadInstrument(coursesDir(), errors)
  if (!instrument) throw new Error(`the instrument does not load: ${JSON.stringify(errors)}`)
  const { loader } = await import("../../app/routes/reports.units.$unitId")
  const figures: HeatmapFigure[] = []
  let prepared: PreparedFigure[] = []
  const publications: PublicationFigure[] = []

  for (const size of sizes) {
    const path = `.cache/bench/synthetic-${size}.db`
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true })
    const db = openDatabase(path)
    ensureInstrumentVersion(db, instrument)
    const started = performance.now()
    const summary = generateSyntheticOrganisation(db, { people: size, cycles: 3, instrument })
    const generateSeconds = (performance.now() - started) / 1000
    db.$client.exec("ANALYZE")
    publicationUtility(db.$client).forEach(({ cycle: _name, ...utility }, i) => {
      publications.push({
        people: summary.people,
        cycle: i + 1,
        publishSeconds: summary.publishSeconds[i]!,
        phases: summary.closePhases[i]!,
        ...utility,
      })
    })
    setDb(db)

    const { id: managerId } = db
      .insert(people)
      .values({
        email: "bench.manager@synthetic.parat.test",
        name: "Bench Manager",
        jobFamily: "management",
        unitId: summary.regionId,
        role: "manager",
      })
      .returning({ id: people.id })
      .get()
    db.insert(managerScopes).values({ personId: managerId, unitId: summary.regionId }).run()
    const { id: adminId } = db
      .insert(people)
      .values({
        email: "bench.admin@synthetic.parat.test",
        name: "Bench Admin",
        jobFamily: "administrative",
        unitId: summary.regionId,
        role: "admin",
      })
      .returning({ id: people.id })
      .get()
    const cookie = createSession(managerId, new Request("http://localhost/"), db).split(";")[0]!
    const manager: SessionUser = {
      id: managerId,
      email: "bench.manager@synthetic.parat.test",
      name: "Bench Manager",
      role: "manager",
      language: "da",
      jobFamily: "management",
      unitId: summary.regionId,
    }
    const cycleId = summary.cycleIds.at(-1)!
    const heatmapSql = db.$client.prepare(HEATMAP_SQL)
    const liveGroupBy = db.$client.prepare(LIVE_GROUP_BY)

    for (const [label, unitId] of [
      ["region", summary.regionId],
      ["hospital", summary.hospitalIds[0]!],
    ] as const) {
      const callLoader = () =>
        loader({
          request: new Request(`http://localhost/reports/units/${unitId}?cycle=${cycleId}`, {
            headers: { Cookie: cookie },
          }),
          params: { unitId: String(unitId) },
          context: {},
        })
      // A benchmark of an empty report measures nothing: the view must hold shown cells for most children.
      const check = getHeatmap(manager, { unitId, cycleId }, db)
      const children = check.rows.filter((r) => r.role === "child")
      const shown = children.filter((r) => r.cells.some((c) => !c.isSuppressed && c.n > 0))
      if (children.length === 0 || shown.length < children.length / 2) {
        throw new Error(
          `the ${label} heatmap shows ${shown.length} of ${children.length} children: nothing to measure`,
        )
      }
      const coldStart = performance.now()
      await callLoader()
      const loaderColdMs = performance.now() - coldStart
      const loaderTimes = await time(callLoader, runs * 4)
      // the heatmap alone (there is no cache: a closed cycle's rows are read as published)
      const heatmapTimes = await time(() => getHeatmap(manager, { unitId, cycleId }, db), runs)
      const sqlTimes = await time(() => heatmapSql.all({ cycle: cycleId, q: unitId }), runs)
      // The first view after a change: a child of the view is renamed through the admin's service (its row then
      // says "now called ..."), then one call is timed; each of the three after a change of its own.
      const child = children[0]!
      let renames = 0
      const afterChange = async (fn: () => unknown) => {
        const timings: number[] = []
        for (let i = 0; i < Math.max(5, Math.min(runs, 15)); i++) {
          renames++
          renameUnit(adminId, child.unitId, `${child.name} (${renames})`, db)
          const started = performance.now()
          await fn()
          timings.push(performance.now() - started)
        }
        return median(timings)
      }
      const after = {
        loaderMs: await afterChange(callLoader),
        heatmapMs: await afterChange(() => getHeatmap(manager, { unitId, cycleId }, db)),
        sqlMs: await afterChange(() => heatmapSql.all({ cycle: cycleId, q: unitId })),
      }
      renameUnit(adminId, child.unitId, child.name, db)
      const liveTimes = await time(() => liveGroupBy.all({ cycle: cycleId, q: unitId }), Math.min(runs, 5), 1)
      figures.push({
        people: summary.people,
        results: summary.results,
        generateSeconds,
        unit: label,
        loaderColdMs,
        loaderMedianMs: median(loaderTimes),
        loaderP95Ms: percentile(loaderTimes, 95),
        heatmapMedianMs: median(heatmapTimes),
        sqlAggregateMs: median(sqlTimes),
        afterChange: after,
        liveGroupByMs: median(liveTimes),
      })
    }
    if (size === sizes.at(-1)) prepared = await measurePreparedSessionLookup(db, cookie, runs * 20)
    db.$client.close()
  }
  return { figures, prepared, publications }
}

/** The session lookup that runs on every request, written three ways. */
async function measurePreparedSessionLookup(db: Db, cookie: string, runs: number): Promise<PreparedFigure[]> {
  const { createHash } = await import("node:crypto")
  const idHash = createHash("sha256").update(cookie.split("=")[1]!).digest("hex")
  const built = () =>
    db
      .select({ id: people.id, role: people.role, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(eq(sessions.idHash, idHash))
      .get()
  const preparedStatement = db
    .select({ id: people.id, role: people.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare()
  const raw = db.$client.prepare(
    "SELECT p.id, p.role, s.expires_at FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.id_hash = ?",
  )
  if (!built() || !preparedStatement.get({ idHash }) || !raw.get(idHash))
    throw new Error("session lookup found nothing")
  const us = (values: number[]) => median(values) * 1000
  return [
    { variant: "drizzle query built per call", medianUs: us(await time(built, runs)) },
    {
      variant: "drizzle .prepare()",
      medianUs: us(await time(() => preparedStatement.get({ idHash }), runs)),
    },
    { variant: "raw better-sqlite3", medianUs: us(await time(() => raw.get(idHash), runs)) },
  ]
}
