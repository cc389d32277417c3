// npm run bench [-- --size tiny|full] [--only startup,pages,utility,heatmap,submit] [--people 20000,130000]
// Prints the figures that matter (medians of repeated runs) and writes them to bench-results/bench.json, with the
// machine and its load average (the figures of a shared machine mean little without it).
// Tests never assert times; `--size tiny` is run by the test suite only so that this script cannot rot.
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { dirname } from "node:path"
import { parseArgs } from "node:util"
import { openDatabase } from "../db/client"
import { measureHeatmaps } from "./bench/heatmap"
import { measurePages } from "./bench/pages"
import { startServer } from "./bench/server"
import { measureSubmit } from "./bench/submit"
import { hiddenShares, publicationUtility } from "./bench/utility"

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "full" },
    only: { type: "string", default: "startup,pages,utility,heatmap,submit" },
    /** synthetic organisation sizes for the heatmap part (default 10,000, 45,000 and 130,000 people) */
    people: { type: "string" },
    out: { type: "string", default: "bench-results/bench.json" },
  },
})
const isTiny = values.size === "tiny"
const parts = new Set(values.only.split(","))
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  size: values.size,
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`,
  loadAverage: { start: loadavg() },
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")
console.log(`Machine: ${report.machine}; load average (1, 5, 15 min) at start: ${load()}`)

function freshDatabase(path: string) {
  mkdirSync(".cache/bench", { recursive: true })
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true })
}

function printTable(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n## ${title}`)
  if (rows.length === 0) return console.log("(no rows)")
  const columns = Object.keys(rows[0]!)
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`
  console.log(line(columns))
  console.log(line(widths.map((w) => "-".repeat(w))))
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))))
}

const needsServer = ["startup", "pages", "submit"].some((part) => parts.has(part))
if (needsServer && !existsSync("build/server/index.js")) {
  console.log("Building the app first...")
  execFileSync("npm", ["run", "build"], { stdio: "inherit" })
}

// The demo organisation, seeded once per run (start-up, pages and utility use it).
const demoDatabase = ".cache/bench/demo.db"
let isDemoSeeded = false
function seedDemo() {
  if (isDemoSeeded) return demoDatabase
  freshDatabase(demoDatabase)
  execFileSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
    env: { ...process.env, DATABASE_URL: demoDatabase },
    stdio: "ignore",
  })
  isDemoSeeded = true
  return demoDatabase
}

// ---------------------------------------------------------------- start-up, database size and page weight
if (parts.has("startup") || parts.has("pages")) {
  const database = seedDemo()
  const server = await startServer({ port: 3901, database })
  try {
    const startup = { startupMs: Math.round(server.startupMs), databaseBytes: statSync(database).size }
    report.startup = startup
    printTable("Start-up (demo database, server process to first healthy answer)", [
      { "start-up ms": startup.startupMs, "demo database MB": (startup.databaseBytes / 1e6).toFixed(2) },
    ])
    if (parts.has("pages")) {
      const demo = openDatabase(database).$client
      const id = (query: string) => (demo.prepare(query).get() as { id: number }).id
      const region = id("SELECT id FROM units WHERE code = 'RDEMO'")
      const openCycle = id("SELECT id FROM cycles WHERE status = 'open'")
      const learnerCycle = id(
        "SELECT r.cycle_id AS id FROM results r JOIN people p ON p.id = r.person_id WHERE p.email = 'learner.one@parat.test'",
      )
      demo.close()
      const pages = await measurePages(
        server.url,
        [
          { path: "/", persona: null },
          { path: "/login", persona: null },
          { path: "/", persona: "employee@parat.test" },
          { path: "/account/password", persona: "employee@parat.test" },
          { path: "/survey", persona: "employee@parat.test" },
          { path: `/survey/${openCycle}/page/1`, persona: "employee@parat.test" },
          { path: `/survey/${learnerCycle}/result`, persona: "learner.one@parat.test" },
          { path: "/learn", persona: "learner.one@parat.test" },
          { path: "/learn/catalogue", persona: "employee@parat.test" },
          {
            path: "/learn/modules/understanding-foundation/lessons/what-is-ai",
            persona: "employee@parat.test",
          },
          { path: "/wiki", persona: null },
          { path: "/wiki/overfitting", persona: null },
          { path: "/handbook", persona: null },
          { path: "/citizen", persona: null },
          { path: "/", persona: "manager@parat.test" },
          { path: `/reports/units/${region}`, persona: "manager@parat.test" },
          { path: "/", persona: "admin@parat.test" },
          { path: "/admin/people", persona: "admin@parat.test" },
        ],
        isTiny ? 3 : 20,
      )
      report.pages = pages
      const broken = pages.filter((p) => p.status !== 200)
      if (broken.length > 0) process.exitCode = 1
      printTable(
        "Pages (median server render incl. transfer; JavaScript and CSS gzip-compressed)",
        pages.map((p) => ({
          page: p.page,
          persona: p.persona,
          status: p.status,
          "render ms": p.renderMs.toFixed(1),
          "HTML kB": (p.htmlBytes / 1024).toFixed(1),
          "JS gzip kB": (p.jsGzipBytes / 1024).toFixed(1),
          "CSS gzip kB": (p.cssGzipBytes / 1024).toFixed(1),
          requests: p.requests,
        })),
      )
    }
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------- what the rule hides in the demo
if (parts.has("utility")) {
  const demo = openDatabase(seedDemo()).$client
  const utility = publicationUtility(demo)
  demo.close()
  report.utility = { demo: utility }
  printTable(
    "Demo organisation: share of cells with people hidden per closed cycle (before = a plain per-cell threshold n < k)",
    utility.map((u) => ({
      cycle: u.cycle,
      k: u.k,
      ...hiddenShares(u),
    })),
  )
}

// ---------------------------------------------------------------- heatmap at scale
if (parts.has("heatmap")) {
  mkdirSync(".cache/bench", { recursive: true })
  const sizes = values.people
    ? values.people.split(",").map(Number)
    : isTiny
      ? [400]
      : [10_000, 45_000, 130_000]
  const { figures, prepared, publications } = await measureHeatmaps(sizes, isTiny ? 3 : 30)
  report.heatmap = figures
  report.preparedStatements = prepared
  report.publications = publications
  const seconds = (n: number | undefined) => (n ?? 0).toFixed(1)
  printTable(
    "Closing a cycle: decide, audit and store its publication, and the learning snapshot of the close (seconds)",
    publications.map((p) => ({
      people: p.people,
      cycle: p.cycle,
      "close s": seconds(p.publishSeconds),
      read: seconds(p.phases.read),
      "cohort rule": seconds(p.phases["cohort rule"]),
      "decide and audit": seconds(p.phases["decide and audit"]),
      "across cycles": seconds(p.phases["audit across cycles"]),
      store: seconds(p.phases.store),
      "learning snapshot": seconds(p.phases["learning snapshot"]),
    })),
  )
  printTable(
    "Synthetic organisation: share of cells with people hidden (before = a plain per-cell threshold n < k)",
    publications.map((p) => ({
      people: p.people,
      cycle: p.cycle,
      ...hiddenShares(p),
    })),
  )
  printTable(
    "Report of a closed cycle (loader = whole report page; heatmap = service alone; SQL = one query for what the heatmap shows; after a change = first view after a unit of it is renamed)",
    figures.map((f) => ({
      people: f.people,
      results: f.results,
      "generate s": f.generateSeconds.toFixed(1),
      unit: f.unit,
      "loader cold ms": f.loaderColdMs.toFixed(1),
      "loader median ms": f.loaderMedianMs.toFixed(2),
      "loader p95 ms": f.loaderP95Ms.toFixed(2),
      "heatmap ms": f.heatmapMedianMs.toFixed(2),
      "SQL ms": f.sqlAggregateMs.toFixed(2),
      "heatmap / SQL": (f.heatmapMedianMs / f.sqlAggregateMs).toFixed(1),
      "after change: loader ms": f.afterChange.loaderMs.toFixed(2),
      "heatmap ms ": f.afterChange.heatmapMs.toFixed(2),
      "SQL ms ": f.afterChange.sqlMs.toFixed(2),
      "heatmap / SQL ": (f.afterChange.heatmapMs / f.afterChange.sqlMs).toFixed(1),
      "live GROUP BY ms": f.liveGroupByMs.toFixed(1),
    })),
  )
  printTable(
    "The session lookup of every request (median microseconds)",
    prepared.map((p) => ({ variant: p.variant, "median µs": p.medianUs.toFixed(1) })),
  )
}

// ---------------------------------------------------------------- survey submit under load, and a crash
if (parts.has("submit")) {
  const figures = await measureSubmit(
    isTiny ? 2 : 10,
    isTiny ? 4 : Number(process.env.PARAT_BENCH_CONNECTIONS ?? 16),
  )
  report.submit = figures
  printTable(
    "Survey page saves under load (production server on loopback; the crash run is SIGKILLed half-way and restarted)",
    figures.map((f) => ({
      run: f.run,
      connections: f.connections,
      seconds: f.seconds,
      acknowledged: f.acknowledged,
      "req/s": f.requestsPerSecond.toFixed(0),
      "p50 ms": f.p50Ms.toFixed(1),
      "p95 ms": f.p95Ms.toFixed(1),
      "connection errors": f.errors,
      "non-redirect answers": f.non3xx,
      "pages sent, never answered": f.unanswered,
      "lost answers": f.lostAnswers,
      integrity: f.integrity,
    })),
  )
  if (figures.some((f) => f.lostAnswers > 0 || f.integrity !== "ok")) process.exitCode = 1
}

report.loadAverage = { ...(report.loadAverage as object), end: loadavg() }
console.log(`\nLoad average (1, 5, 15 min) at the end: ${load()}`)
mkdirSync(dirname(values.out), { recursive: true })
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nFigures written to ${values.out}`)
