// A synthetic organisation of any size, for the benchmark and scale tests: a region of hospitals with realistic
// department sizes (many of 20–300, a few under 5, big ones split into sections), people in every job family, and
// closed survey cycles with plausible results and the report aggregates. Deterministic: same options, same data.
// The organisation, people, invitations and responses are written with raw prepared statements in a few large
// transactions; results and their report aggregates go through the app's own writer (recordResults), in batches.
import type { Instrument } from "../../app/domain/content-schema"
import { type DimensionScore, levelForScore } from "../../app/domain/scoring"
import type { Level } from "../../app/domain/vocabulary"
import { closeAndPublish } from "../../app/services/admin-cycles.server"
import type { Phases } from "../../app/services/reports/publish.server"
import { type ResultInput, recordResults } from "../../app/services/results.server"
import type { Db } from "../../db/client"
import { JOB_FAMILIES, type JobFamily } from "../../db/schema"
import { seededRandom } from "./factories"

export type SyntheticOptions = {
  people: number
  cycles: number
  seed?: number
  /** share of invited people who submit, per cycle */
  participation?: number
  instrument: Instrument & { hash: string }
}

export type SyntheticSummary = {
  regionId: number
  hospitalIds: number[]
  units: number
  people: number
  results: number
  cycleIds: number[]
  /** seconds to close and publish each cycle (decide, audit, store, and the learning snapshot of the close) */
  publishSeconds: number[]
  /** per cycle, the seconds of each phase of its close */
  closePhases: Phases[]
}

const FAMILY_WEIGHTS: [JobFamily, number][] = [
  ["nurse", 0.36],
  ["doctor", 0.16],
  ["other_clinical", 0.22],
  ["administrative", 0.14],
  ["it_data", 0.05],
  ["management", 0.07],
]

/** Results recorded per call of the app's writer: its statements are prepared once per batch. */
const RESULT_BATCH = 5000

export function generateSyntheticOrganisation(db: Db, options: SyntheticOptions): SyntheticSummary {
  const random = seededRandom(options.seed ?? 42)
  const sqlite = db.$client
  const participation = options.participation ?? 0.8
  const { instrument } = options
  const dimensions = instrument.dimensions

  const insertUnit = sqlite.prepare(
    "INSERT INTO units (code, name, kind, parent_id, path) VALUES (?, ?, ?, ?, '/') RETURNING id",
  )
  const setPath = sqlite.prepare("UPDATE units SET path = ? WHERE id = ?")
  const addUnit = (code: string, name: string, kind: string, parentId: number | null, parentPath: string) => {
    const { id } = insertUnit.get(code, name, kind, parentId) as { id: number }
    const path = `${parentPath}${id}/`
    setPath.run(path, id)
    return { id, path }
  }
  const pickFamily = (): JobFamily => {
    let r = random()
    for (const [family, weight] of FAMILY_WEIGHTS) {
      r -= weight
      if (r <= 0) return family
    }
    return "nurse"
  }
  const departmentSize = () => {
    const r = random()
    if (r < 0.03) return 2 + Math.floor(random() * 3) // a few tiny units, under k
    return Math.round(20 + 280 * random() ** 2.2) // mostly 20–100, some up to 300
  }

  // ---- organisation and people
  const homes: { unitId: number; size: number }[] = []
  const hospitalIds: number[] = []
  let unitCount = 0
  const region = sqlite.transaction(() => {
    const region = addUnit(`SYN-R${options.seed ?? 42}`, "Syntetisk Region", "region", null, "/")
    unitCount++
    let remaining = options.people
    let h = 0
    while (remaining > 0) {
      h++
      const hospital = addUnit(`SYN-H${h}`, `Hospital ${h}`, "hospital", region.id, region.path)
      hospitalIds.push(hospital.id)
      unitCount++
      let hospitalRemaining = Math.min(remaining, 2000 + Math.floor(random() * 2000))
      remaining -= hospitalRemaining
      let d = 0
      while (hospitalRemaining > 0) {
        d++
        const size = Math.min(hospitalRemaining, departmentSize())
        hospitalRemaining -= size
        const department = addUnit(
          `SYN-H${h}-D${d}`,
          `Afdeling ${h}.${d}`,
          "department",
          hospital.id,
          hospital.path,
        )
        unitCount++
        if (size > 150) {
          const sections = 2 + Math.floor(random() * 3)
          let left = size
          for (let s = 1; s <= sections; s++) {
            const sectionSize = s === sections ? left : Math.floor(size / sections)
            left -= sectionSize
            const section = addUnit(
              `SYN-H${h}-D${d}-S${s}`,
              `Afsnit ${h}.${d}.${s}`,
              "section",
              department.id,
              department.path,
            )
            unitCount++
            homes.push({ unitId: section.id, size: sectionSize })
          }
        } else {
          homes.push({ unitId: department.id, size })
        }
      }
    }
    return region
  })()

  const personRows: { id: number; unitId: number; family: JobFamily; ability: number }[] = []
  sqlite.transaction(() => {
    const insertPerson = sqlite.prepare(
      // Synthetic people are marked as demo data: they never count as real people.
      "INSERT INTO people (email, name, job_family, unit_id, role, language, employee_id, is_demo) VALUES (?, ?, ?, ?, 'employee', ?, ?, 1) RETURNING id",
    )
    let n = 0
    for (const home of homes) {
      // Each unit has its own baseline, so heatmaps show real differences.
      const unitBase = 35 + random() * 30
      for (let i = 0; i < home.size; i++) {
        n++
        const family = pickFamily()
        const { id } = insertPerson.get(
          `syn${n}@synthetic.parat.test`,
          `Person ${n}`,
          family,
          home.unitId,
          random() < 0.15 ? "en" : "da",
          `SYN${n}`,
        ) as { id: number }
        personRows.push({ id, unitId: home.unitId, family, ability: unitBase + (random() - 0.5) * 30 })
      }
    }
  })()

  // ---- cycles, responses, and results with their report aggregates through the app's one writer
  const cycleIds: number[] = []
  let resultCount = 0
  const levels = instrument.levels
  const insertCycle = sqlite.prepare(
    "INSERT INTO cycles (name, instrument_hash, status, opens_on, closes_on, min_group_size) VALUES (?, ?, 'open', ?, ?, 5) RETURNING id",
  )
  const insertTarget = sqlite.prepare("INSERT INTO cycle_units (cycle_id, unit_id) VALUES (?, ?)")
  const invite = sqlite.prepare(
    "INSERT INTO cycle_invitations (cycle_id, person_id, unit_id, job_family) VALUES (?, ?, ?, ?)",
  )
  const response = sqlite.prepare(
    "INSERT INTO responses (cycle_id, person_id, status, answers, page, updated_at, submitted_at) VALUES (?, ?, 'submitted', '{}', 6, ?, ?) RETURNING id",
  )
  for (let c = 0; c < options.cycles; c++) {
    sqlite.transaction(() => {
      const opens = Date.UTC(2024, c * 6, 1)
      const day = (instant: number) => new Date(instant).toISOString().slice(0, 10)
      const { id: cycleId } = insertCycle.get(
        `Syntetisk runde ${c + 1}`,
        instrument.hash,
        day(opens),
        day(opens + 29 * 86_400_000),
      ) as { id: number }
      cycleIds.push(cycleId)
      insertTarget.run(cycleId, region.id)
      const submittedAt = new Date(opens + 10 * 86_400_000)
      const submitted: ResultInput[] = []
      for (const person of personRows) {
        invite.run(cycleId, person.id, person.unitId, person.family)
        if (random() > participation) continue
        const { id: responseId } = response.get(
          cycleId,
          person.id,
          submittedAt.getTime(),
          submittedAt.getTime(),
        ) as { id: number }
        const scores = dimensions.map((d, i): DimensionScore => {
          const value = Math.max(
            0,
            Math.min(100, person.ability + c * 4 + (i - 2.5) * 3 + (random() - 0.5) * 20),
          )
          const score = Math.round(value * 10) / 10
          const total = d.items.length
          const level = levelForScore(score, levels)
          return { dimension: d.key, score, level, answered: total, total, isComplete: true }
        })
        const minLevel = Math.min(...scores.map((s) => s.level!)) as Level
        submitted.push({
          responseId,
          cycleId,
          personId: person.id,
          unitId: person.unitId,
          jobFamily: person.family,
          submittedAt,
          scored: { dimensions: scores, minLevel },
        })
      }
      // The app records one result per submission; the generator records them in batches through the same writer.
      for (let at = 0; at < submitted.length; at += RESULT_BATCH)
        recordResults(db, submitted.slice(at, at + RESULT_BATCH))
      resultCount += submitted.length
    })()
  }
  // Each cycle closes as an admin closes one: its publication is decided and stored (timed for npm run bench).
  const closePhases: Phases[] = []
  const publishSeconds = cycleIds.map((cycleId) => {
    const phases: Phases = {}
    const start = performance.now()
    sqlite.transaction(() => closeAndPublish(db, cycleId, new Date(), phases))()
    closePhases.push(phases)
    return (performance.now() - start) / 1000
  })
  return {
    publishSeconds,
    closePhases,
    regionId: region.id,
    hospitalIds,
    units: unitCount,
    people: personRows.length,
    results: resultCount,
    cycleIds,
  }
}

export { JOB_FAMILIES }
