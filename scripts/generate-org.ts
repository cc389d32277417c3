// npm run generate -- --people 130000 --cycles 3 [--seed 42] [--out data/synthetic.db]
// Writes a synthetic organisation into its own database file (never the app's database).
import { rmSync, statSync } from "node:fs"
import { parseArgs } from "node:util"
import { coursesDir, loadInstrument } from "../app/services/content-loader.server"
import { ensureInstrumentVersion } from "../app/services/instrument.server"
import { openDatabase } from "../db/client"
import { generateSyntheticOrganisation } from "./seed/synthetic"

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "10000" },
    cycles: { type: "string", default: "3" },
    seed: { type: "string", default: "42" },
    out: { type: "string", default: "data/synthetic.db" },
  },
})
const people = Number(values.people)
const cycles = Number(values.cycles)
if (!Number.isInteger(people) || people < 1 || !Number.isInteger(cycles) || cycles < 1) {
  console.error("--people and --cycles must be positive whole numbers")
  process.exit(2)
}
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${values.out}${suffix}`, { force: true })
const errors: { file: string; message: string }[] = []
const instrument = loadInstrument(coursesDir(), errors)
if (!instrument) throw new Error(`instrument invalid: ${JSON.stringify(errors)}`)

const started = performance.now()
const db = openDatabase(values.out)
ensureInstrumentVersion(db, instrument)
const summary = generateSyntheticOrganisation(db, { people, cycles, seed: Number(values.seed), instrument })
db.$client.pragma("wal_checkpoint(TRUNCATE)")
const seconds = (performance.now() - started) / 1000
console.log(
  `Generated ${summary.people} people in ${summary.units} units (${summary.hospitalIds.length} hospitals), ` +
    `${summary.results} results over ${cycles} cycles in ${seconds.toFixed(1)} s -> ${values.out} ` +
    `(${(statSync(values.out).size / 1e6).toFixed(1)} MB)`,
)
