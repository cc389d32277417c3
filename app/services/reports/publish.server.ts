// A cycle's publication, decided once when it closes (docs/decisions/002-anonymity.md): every unit of the tree as it
// stood, every job-family filter, every figure (counts, score sums, level counts, invited, submitted, AI-literacy
// share); suppression by size, the cohort rule against each earlier publication, then the exact audit
// (app/domain/disclosure.ts). Only shown cells are stored; reports of a closed cycle read nothing else.
import { and, eq, ne } from "drizzle-orm"
import { type AnyInstrument, type Bilingual, isV2 } from "~/domain/content-schema"
import {
  ALL_FAMILIES,
  type Atom,
  cellKey,
  decidePublication,
  effectiveK,
  PublicationModel,
  type Slice,
} from "~/domain/disclosure"
import { DIMENSIONS, type Dimension, type JobFamily } from "~/domain/vocabulary"
import { type Db, schema } from "../db.server"
import { getInstrumentVersion } from "../instrument.server"
import { auditAcrossCycles } from "./across-cycles.server"

const {
  cycles,
  publishedCycles,
  publishedUnits,
  publishedCells,
  publishedScores,
  publishedConfidence,
  publishedAttitudes,
  publishedTools,
  aiSystems,
} = schema

/** The measures each atom counts, in this order: invited, submitted, scored per dimension. */
const INVITED = 0
const SUBMITTED = 1
const scoredMeasure = (d: Dimension) => 2 + DIMENSIONS.indexOf(d)
const MEASURES = 2 + DIMENSIONS.length

/** Confidence beside knowledge in one dimension (instrument v2): people with both, the two totals, the gaps. */
type ConfidenceSums = { n: number; confidenceSum: number; scoreSum: number; over: number; under: number }
/** An unscored attitude item: how many answered, the total of their answers (1-5), how many agree (4-5). */
type AttitudeSums = { n: number; valueSum: number; agree: number }

type Sums = {
  /** invited, submitted, scored per dimension, then the cycle's extra measures (confidence, attitudes) */
  counts: number[]
  allFoundation: number
  scores: Map<Dimension, { sum: number; levels: number[] }>
  confidence: Map<Dimension, ConfidenceSums>
  attitudes: Map<string, AttitudeSums>
  /** tool key -> how many use it (a count over the submitted, like allFoundation) */
  tools: Map<string, number>
}

type UnitRow = {
  id: number
  parentId: number | null
  name: string
  kind: schema.UnitKind
  path: string
  retiredAt: number | null
}

export type PublicationSummary = {
  cycleId: number
  k: number
  cellsWithPeople: number
  hiddenSmall: number
  hiddenByCohort: number
  hiddenByAudit: number
  hiddenAcrossCycles: number
}

/** Seconds spent per phase of a close, added up by name (read by npm run bench). */
export type Phases = Record<string, number>
/** Adds the time since the last call (or since it was made) to `phases` under the given name. */
export function phaseClock(phases: Phases | undefined) {
  let last = performance.now()
  return (name: string) => {
    if (!phases) return
    const at = performance.now()
    phases[name] = (phases[name] ?? 0) + (at - last) / 1000
    last = at
  }
}

/**
 * Decides and stores what a closed cycle publishes. Synchronous: call inside the transaction that closes it.
 * `phases`, when given, gets the seconds spent reading, in the cohort rule, deciding with the audit, and storing.
 */
export function publishCycle(db: Db, cycleId: number, now = new Date(), phases?: Phases): PublicationSummary {
  const phase = phaseClock(phases)
  const sqlite = db.$client
  const cycle = db.select({ k: cycles.minGroupSize }).from(cycles).where(eq(cycles.id, cycleId)).get()
  if (!cycle) throw new Error(`no cycle ${cycleId}`)
  const k = effectiveK(cycle.k)
  const allUnits = sqlite
    .prepare(
      "SELECT id, parent_id AS parentId, name, kind, path, retired_at AS retiredAt FROM units ORDER BY path",
    )
    .all() as UnitRow[]
  const unitById = new Map(allUnits.map((u) => [u.id, u]))

  // ---- the cycle's extra measures: confidence per dimension and each attitude item, where the cycle has them
  const details = readDetails(db, cycleId)
  const extraMeasures = [
    ...new Set([
      ...details.confidence.map((r) => `confidence:${r.dimension}`),
      ...details.answers.filter((r) => r.key.startsWith("attitudes.")).map((r) => `attitude:${r.key}`),
    ]),
  ].sort()
  const measureIndex = new Map(extraMeasures.map((m, i) => [m, MEASURES + i]))
  const measureCount = MEASURES + extraMeasures.length
  const emptySums = (): Sums => ({
    counts: new Array(measureCount).fill(0),
    allFoundation: 0,
    scores: new Map(),
    confidence: new Map(),
    attitudes: new Map(),
    tools: new Map(),
  })

  // ---- atoms: a unit's own people of one job family
  const atoms = new Map<string, { unitId: number; family: JobFamily; sums: Sums }>()
  const atomOf = (unitId: number, family: JobFamily) => {
    const key = cellKey(unitId, family)
    let atom = atoms.get(key)
    if (!atom) {
      atom = { unitId, family, sums: emptySums() }
      atoms.set(key, atom)
    }
    return atom.sums
  }
  type Family = { unitId: number; family: JobFamily }
  for (const r of sqlite
    .prepare(`SELECT unit_id AS unitId, job_family AS family, COUNT(*) AS n FROM cycle_invitations
      WHERE cycle_id = ? GROUP BY 1, 2`)
    .all(cycleId) as (Family & { n: number })[])
    atomOf(r.unitId, r.family).counts[INVITED]! += r.n
  for (const r of sqlite
    .prepare(`SELECT unit_id AS unitId, job_family AS family, submitted, all_foundation AS allFoundation
      FROM participation_aggregates WHERE cycle_id = ?`)
    .all(cycleId) as (Family & { submitted: number; allFoundation: number })[]) {
    const sums = atomOf(r.unitId, r.family)
    sums.counts[SUBMITTED]! += r.submitted
    sums.allFoundation += r.allFoundation
  }
  for (const r of sqlite
    .prepare(`SELECT unit_id AS unitId, job_family AS family, dimension, n, score_sum AS sum,
        level0 AS l0, level1 AS l1, level2 AS l2, level3 AS l3, level4 AS l4
      FROM result_aggregates WHERE cycle_id = ?`)
    .all(cycleId) as (Family & { dimension: string; n: number; sum: number } & Record<
      "l0" | "l1" | "l2" | "l3" | "l4",
      number
    >)[]) {
    if (!(DIMENSIONS as readonly string[]).includes(r.dimension)) continue
    const d = r.dimension as Dimension
    const sums = atomOf(r.unitId, r.family)
    sums.counts[scoredMeasure(d)]! += r.n
    addScores(sums, d, r.sum, [r.l0, r.l1, r.l2, r.l3, r.l4])
  }
  for (const r of details.confidence) {
    const sums = atomOf(r.unitId, r.family)
    sums.counts[measureIndex.get(`confidence:${r.dimension}`)!]! += r.n
    addInto(sums.confidence, r.dimension, r, addConfidence)
  }
  for (const r of details.answers) {
    const sums = atomOf(r.unitId, r.family)
    if (r.key.startsWith("attitudes.")) {
      sums.counts[measureIndex.get(`attitude:${r.key}`)!]! += r.n
      addInto(sums.attitudes, r.key, r, addAttitude)
    } else sums.tools.set(r.key, (sums.tools.get(r.key) ?? 0) + r.n)
  }

  // ---- the tree as it stands: units in use, or holding people of this cycle, and their ancestors
  const included = new Set(allUnits.filter((u) => u.retiredAt === null).map((u) => u.id))
  for (const { unitId } of atoms.values())
    for (const id of lineageIds(unitById.get(unitId)?.path)) included.add(id)
  const treeUnits = allUnits.filter((u) => included.has(u.id))
  const input = {
    units: treeUnits.map((u) => ({ id: u.id, parentId: u.parentId })),
    atoms: [...atoms.values()]
      .filter((a) => included.has(a.unitId))
      .map((a): Atom => ({ unitId: a.unitId, family: a.family, counts: a.sums.counts })),
    measures: measureCount,
    k,
  }
  const model = new PublicationModel(input)

  // ---- sums per cell (a unit's subtree, for all families and for each)
  const cellSums = new Map<string, Sums>()
  for (const atom of atoms.values()) {
    if (!included.has(atom.unitId)) continue
    for (const unitId of lineageIds(unitById.get(atom.unitId)!.path)) {
      for (const slice of [ALL_FAMILIES, atom.family] as const) {
        const key = cellKey(unitId, slice)
        const sums = cellSums.get(key) ?? emptySums()
        cellSums.set(key, sums)
        for (let m = 0; m < measureCount; m++) sums.counts[m]! += atom.sums.counts[m]!
        sums.allFoundation += atom.sums.allFoundation
        for (const [d, s] of atom.sums.scores) addScores(sums, d, s.sum, s.levels)
        for (const [d, c] of atom.sums.confidence) addInto(sums.confidence, d, c, addConfidence)
        for (const [item, a] of atom.sums.attitudes) addInto(sums.attitudes, item, a, addAttitude)
        for (const [tool, n] of atom.sums.tools) sums.tools.set(tool, (sums.tools.get(tool) ?? 0) + n)
      }
    }
  }

  phase("read")
  const cohortHidden = cohortRule(db, cycleId, k, unitById, model)
  phase("cohort rule")
  const initiallyVisible = model.initiallyVisible()
  const decision = decidePublication(input, cohortHidden, cohortHidden)
  phase("decide and audit")
  const hiddenAcrossCycles = auditAcrossCycles(db, {
    cycleId,
    units: input.units,
    model,
    visible: decision.visible,
    measureOf: (name) =>
      name === "invited"
        ? INVITED
        : name === "submitted"
          ? SUBMITTED
          : name.startsWith("scored:")
            ? scoredMeasure(name.slice("scored:".length) as Dimension)
            : measureIndex.get(name),
    attitudeItems: extraMeasures.flatMap((m) =>
      m.startsWith("attitude:") ? [m.slice("attitude:".length)] : [],
    ),
  })
  phase("audit across cycles")
  const summary: PublicationSummary = {
    cycleId,
    k,
    cellsWithPeople: decision.cellsWithPeople,
    hiddenSmall: decision.hiddenSmall,
    hiddenByCohort: [...cohortHidden].filter((key) => initiallyVisible.has(key)).length,
    hiddenByAudit: decision.hiddenByAudit,
    hiddenAcrossCycles,
  }

  // ---- store
  for (const table of [publishedScores, publishedConfidence, publishedAttitudes, publishedTools])
    db.delete(table).where(eq(table.cycleId, cycleId)).run()
  db.delete(publishedCells).where(eq(publishedCells.cycleId, cycleId)).run()
  db.delete(publishedUnits).where(eq(publishedUnits.cycleId, cycleId)).run()
  db.delete(publishedCycles).where(eq(publishedCycles.cycleId, cycleId)).run()
  db.insert(publishedCycles)
    .values({ ...summary, publishedAt: now })
    .run()
  const hasChildren = new Set(treeUnits.map((u) => u.parentId))
  const insertUnit = sqlite.prepare(
    "INSERT INTO published_units (cycle_id, unit_id, parent_id, name, kind, path, has_children) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
  for (const u of treeUnits)
    insertUnit.run(cycleId, u.id, u.parentId, u.name, u.kind, u.path, hasChildren.has(u.id) ? 1 : 0)
  const insertCell = sqlite.prepare(
    "INSERT INTO published_cells (cycle_id, unit_id, slice, invited, submitted, all_foundation) VALUES (?, ?, ?, ?, ?, ?)",
  )
  const insertScore = sqlite.prepare(`INSERT INTO published_scores (cycle_id, unit_id, slice, dimension, n,
      score_sum, level0, level1, level2, level3, level4) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertConfidence =
    sqlite.prepare(`INSERT INTO published_confidence (cycle_id, unit_id, slice, dimension,
      n, confidence_sum, score_sum, over, under) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertAttitude =
    sqlite.prepare(`INSERT INTO published_attitudes (cycle_id, unit_id, slice, item_id, n,
      value_sum, agree) VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const insertTool = sqlite.prepare(
    "INSERT INTO published_tools (cycle_id, unit_id, slice, tool_key, label, users) VALUES (?, ?, ?, ?, ?, ?)",
  )
  for (const key of decision.visible) {
    const sums = cellSums.get(key)
    if (!sums) continue
    const [unitId, slice] = splitKey(key)
    insertCell.run(cycleId, unitId, slice, sums.counts[INVITED], sums.counts[SUBMITTED], sums.allFoundation)
    for (const [d, s] of sums.scores)
      insertScore.run(cycleId, unitId, slice, d, sums.counts[scoredMeasure(d)], s.sum, ...s.levels)
    for (const [d, c] of sums.confidence)
      insertConfidence.run(cycleId, unitId, slice, d, c.n, c.confidenceSum, c.scoreSum, c.over, c.under)
    for (const [item, a] of sums.attitudes)
      insertAttitude.run(cycleId, unitId, slice, item, a.n, a.valueSum, a.agree)
    for (const [tool, n] of sums.tools)
      insertTool.run(cycleId, unitId, slice, tool, JSON.stringify(details.toolLabel(tool)), n)
  }
  phase("store")
  return summary
}

/**
 * Cycles closed before publications existed (a database from an older version) are published on first use, over
 * the tree as it stands then: the best that can be done for them, and from then on frozen like any other.
 */
export function publishClosedCycles(db: Db) {
  const pending = db.$client
    .prepare(`SELECT c.id FROM cycles c LEFT JOIN published_cycles p ON p.cycle_id = c.id
      WHERE c.status = 'closed' AND p.cycle_id IS NULL ORDER BY c.opens_on, c.id`)
    .all() as { id: number }[]
  for (const { id } of pending) db.transaction(() => publishCycle(db, id))
}

type DetailRow = { unitId: number; family: JobFamily }
/**
 * Per atom: confidence beside knowledge per dimension (v2 results), and the unscored answers (attitude items,
 * ticked tools) read from the submitted responses. Empty for a cycle without them (instrument v1).
 */
function readDetails(db: Db, cycleId: number) {
  const sqlite = db.$client
  const hash = db
    .select({ hash: cycles.instrumentHash })
    .from(cycles)
    .where(eq(cycles.id, cycleId))
    .get()?.hash
  const instrument = hash ? getInstrumentVersion(hash, db) : null
  const margin = instrument && isV2(instrument) ? instrument.blueprint.confidenceGap : 0
  const confidence = (
    sqlite
      .prepare(`SELECT r.unit_id AS unitId, r.job_family AS family, s.dimension, COUNT(*) AS n,
          SUM(s.confidence) AS confidenceSum, SUM(s.score) AS scoreSum,
          SUM(CASE WHEN s.confidence - s.score > @margin THEN 1 ELSE 0 END) AS over,
          SUM(CASE WHEN s.score - s.confidence > @margin THEN 1 ELSE 0 END) AS under
        FROM results r JOIN result_scores s ON s.result_id = r.id
        WHERE r.cycle_id = @cycleId AND s.score IS NOT NULL AND s.confidence IS NOT NULL
        GROUP BY 1, 2, 3`)
      .all({ cycleId, margin }) as (DetailRow & ConfidenceSums & { dimension: string })[]
  ).filter((r): r is typeof r & { dimension: Dimension } =>
    (DIMENSIONS as readonly string[]).includes(r.dimension),
  )
  // Only an instrument with attitude or tool pages has such answers; the JSON is read only then.
  const hasUnscored = instrument !== null && isV2(instrument)
  const answers = hasUnscored
    ? (sqlite
        .prepare(`SELECT r.unit_id AS unitId, r.job_family AS family, j.key AS key, COUNT(*) AS n,
            SUM(j.value) AS valueSum, SUM(CASE WHEN j.value >= 4 THEN 1 ELSE 0 END) AS agree
          FROM results r JOIN responses p ON p.id = r.response_id, json_each(p.answers) j
          WHERE r.cycle_id = ? AND (j.key LIKE 'attitudes.%' OR (j.key LIKE 'tools.%' AND j.value = 1))
          GROUP BY 1, 2, 3`)
        .all(cycleId) as (DetailRow & AttitudeSums & { key: string })[])
    : []
  return { confidence, answers, toolLabel: toolLabels(db, instrument) }
}

/**
 * A tool's name as the cycle closes: the short list's text, or the name of the register's system for a key
 * "tools.<system id>" (the survey lists the register's systems where a register exists: app/domain/form.ts).
 */
function toolLabels(db: Db, instrument: AnyInstrument | null) {
  const shortList = new Map(
    instrument && isV2(instrument) ? instrument.tools.items.map((t) => [t.id, t.text] as const) : [],
  )
  const systems = new Map(
    db
      .select({ id: aiSystems.id, name: aiSystems.name })
      .from(aiSystems)
      .all()
      .map((s) => [s.id, s.name]),
  )
  return (key: string): Bilingual => {
    const listed = shortList.get(key)
    if (listed) return listed
    const systemId = /^tools\.\D*(\d+)$/.exec(key)?.[1]
    const name = systemId ? systems.get(Number(systemId)) : undefined
    return name ? { da: name, en: name } : { da: key, en: key }
  }
}

function addInto<K, T>(into: Map<K, T>, key: K, value: T, add: (a: T, b: T) => T) {
  const before = into.get(key)
  into.set(key, before === undefined ? { ...value } : add(before, value))
}
const addConfidence = (a: ConfidenceSums, b: ConfidenceSums): ConfidenceSums => ({
  n: a.n + b.n,
  confidenceSum: a.confidenceSum + b.confidenceSum,
  scoreSum: a.scoreSum + b.scoreSum,
  over: a.over + b.over,
  under: a.under + b.under,
})
const addAttitude = (a: AttitudeSums, b: AttitudeSums): AttitudeSums => ({
  n: a.n + b.n,
  valueSum: a.valueSum + b.valueSum,
  agree: a.agree + b.agree,
})

function addScores(sums: Sums, d: Dimension, sum: number, levels: number[]) {
  const into = sums.scores.get(d) ?? { sum: 0, levels: [0, 0, 0, 0, 0] }
  into.sum += sum
  into.levels = into.levels.map((v, i) => v + (levels[i] ?? 0))
  sums.scores.set(d, into)
}

export const lineageIds = (path: string | undefined) => (path ?? "").split("/").filter(Boolean).map(Number)
export const splitKey = (key: string): [number, Slice] => {
  const at = key.indexOf(":")
  return [Number(key.slice(0, at)), key.slice(at + 1) as Slice]
}

/** People counted in one cell of an earlier publication and one of the new one (their units then and now). */
export type CohortPair = {
  unitThen: number
  familyThen: JobFamily
  unitNow: number
  familyNow: JobFamily
  n: number
}

/**
 * The cohort rule against one earlier publication: a cell shown then is shown again only when the people counted
 * in one of the two and not the other are 0 or at least k (the stricter k of the two). Otherwise "6 people, then
 * the same 5" would all but show the sixth person's figures. Returns the cells to hide in the new publication.
 */
export function cohortHidden(input: {
  pairs: readonly CohortPair[]
  /** unit id -> path in the earlier publication's tree, and in the new one */
  pathThen: Map<number, string>
  pathNow: (unitId: number) => string | undefined
  shownThen: readonly { unitId: number; slice: Slice; n: number }[]
  countNow: (key: string) => number | undefined
  k: number
}): Set<string> {
  const overlap = new Map<string, number>()
  for (const p of input.pairs) {
    const then = new Set(lineageIds(input.pathThen.get(p.unitThen)))
    for (const unitId of lineageIds(input.pathNow(p.unitNow))) {
      if (!then.has(unitId)) continue
      const add = (slice: Slice) => {
        const key = cellKey(unitId, slice)
        overlap.set(key, (overlap.get(key) ?? 0) + p.n)
      }
      add(ALL_FAMILIES)
      if (p.familyThen === p.familyNow) add(p.familyThen)
    }
  }
  const isSafe = (n: number) => n === 0 || n >= input.k
  const hidden = new Set<string>()
  for (const cell of input.shownThen) {
    const key = cellKey(cell.unitId, cell.slice)
    const now = input.countNow(key)
    if (now === undefined || now === 0) continue
    const both = overlap.get(key) ?? 0
    if (!isSafe(cell.n - both) || !isSafe(now - both)) hidden.add(key)
  }
  return hidden
}

/** The cohort rule of a cycle against every earlier publication, over the people who answered. */
function cohortRule(
  db: Db,
  cycleId: number,
  k: number,
  unitById: Map<number, UnitRow>,
  model: PublicationModel,
): Set<string> {
  const sqlite = db.$client
  const earlier = db
    .select({ cycleId: publishedCycles.cycleId, k: publishedCycles.k })
    .from(publishedCycles)
    .where(and(ne(publishedCycles.cycleId, cycleId)))
    .all()
  return cohortHiddenAgainstEach({
    earlier,
    k,
    pathNow: (id) => unitById.get(id)?.path,
    countNow: (key) => model.cellCounts.get(key)?.[SUBMITTED],
    publishedBy: (other) => ({
      paths: sqlite
        .prepare("SELECT unit_id AS id, path FROM published_units WHERE cycle_id = ?")
        .all(other.cycleId) as { id: number; path: string }[],
      pairs: sqlite
        .prepare(`SELECT a.unit_id AS unitThen, a.job_family AS familyThen, b.unit_id AS unitNow,
          b.job_family AS familyNow, COUNT(*) AS n
        FROM results a JOIN results b ON b.person_id = a.person_id AND b.cycle_id = ?
        WHERE a.cycle_id = ? GROUP BY 1, 2, 3, 4`)
        .all(cycleId, other.cycleId) as CohortPair[],
      shown: sqlite
        .prepare("SELECT unit_id AS unitId, slice, submitted AS n FROM published_cells WHERE cycle_id = ?")
        .all(other.cycleId) as { unitId: number; slice: Slice; n: number }[],
    }),
  })
}

/**
 * The cohort rule against each earlier publication (a closed cycle or a learning snapshot), with the stricter k of
 * the two each time: the cells to hide in the new one. `publishedBy` reads what an earlier one published: its tree's paths,
 * who it counted where paired with where they count now, and its shown cells.
 */
export function cohortHiddenAgainstEach<Earlier extends { k: number }>(input: {
  earlier: readonly Earlier[]
  k: number
  pathNow: (unitId: number) => string | undefined
  countNow: (key: string) => number | undefined
  publishedBy: (other: Earlier) => {
    paths: { id: number; path: string }[]
    pairs: CohortPair[]
    shown: { unitId: number; slice: Slice; n: number }[]
  }
}): Set<string> {
  const hidden = new Set<string>()
  for (const other of input.earlier) {
    const { paths, pairs, shown } = input.publishedBy(other)
    const cells = cohortHidden({
      pairs,
      pathThen: new Map(paths.map((u) => [u.id, u.path])),
      pathNow: input.pathNow,
      shownThen: shown,
      countNow: input.countNow,
      k: Math.max(input.k, other.k),
    })
    for (const key of cells) hidden.add(key)
  }
  return hidden
}
