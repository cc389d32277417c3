// Survey-page submit under concurrent load against the production server on loopback, bounded in time: each
// connection is one person saving survey pages one after another (post/redirect/get). Every acknowledged save (a
// redirect) is checked in the database afterwards. The crash run kills the server with SIGKILL half-way,
// restarts it, and checks PRAGMA integrity_check and every acknowledged answer again. A save that was sent but
// never answered (in flight at the kill) may or may not have been committed: the worker sends the same page with
// the same answers again until it is acknowledged, and the check accepts that page's values either way.
import { execFileSync } from "node:child_process"
import { rmSync } from "node:fs"
import { and, eq } from "drizzle-orm"
import type { AnyInstrument } from "../../app/domain/content-schema"
import { formFor, type SurveyForm } from "../../app/domain/form"
import { createSession } from "../../app/services/auth.server"
import { getInstrumentVersion } from "../../app/services/instrument.server"
import type { Db } from "../../db/client"
import { openDatabase } from "../../db/client"
import { cycles, responses, units } from "../../db/schema"
import { ensurePerson } from "../seed/factories"
import { startServer } from "./server"
import { percentile } from "./stats"

export type SubmitFigure = {
  run: "steady" | "crash"
  connections: number
  seconds: number
  acknowledged: number
  requestsPerSecond: number
  p50Ms: number
  p95Ms: number
  errors: number
  non3xx: number
  /** People whose last page was sent but never answered (cut off by the kill): its values may or may not be stored. */
  unanswered: number
  lostAnswers: number
  integrity: string
}

type Person = { cookie: string; personId: number }
type Ack = { personId: number; answers: Record<string, string> }
/** Per person, the values of saves sent after that item's last acknowledgement and never answered. */
type InFlight = Map<number, Record<string, string>>

function prepareDatabase(path: string, count: number) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true })
  execFileSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
    env: { ...process.env, DATABASE_URL: path },
    stdio: "ignore",
  })
  const db = openDatabase(path)
  const unit = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!
  const cycle = db.select().from(cycles).where(eq(cycles.status, "open")).get()!
  const instrument = getInstrumentVersion(cycle.instrumentHash, db)!
  const persons: Person[] = []
  for (let i = 0; i < count; i++) {
    const personId = ensurePerson(db, {
      email: `load.${i}@bench.parat.test`,
      name: `Load ${i}`,
      jobFamily: "nurse",
      unitId: unit.id,
    })
    persons.push({
      personId,
      cookie: createSession(personId, new Request("http://localhost/"), db).split(";")[0]!,
    })
  }
  return { db, cycleId: cycle.id, instrument, persons }
}

function pageBody(form: SurveyForm, page: number, random: () => number) {
  const dimension = form.pages[page - 1]!
  const answers: Record<string, string> = {}
  for (const item of dimension.items) {
    if (item.kind === "tool") {
      // "" stands for an unticked box: it is not sent, and the stored answer must then be absent too
      answers[item.id] = random() < 0.5 ? "1" : ""
      continue
    }
    answers[item.id] =
      item.kind === "likert"
        ? String(1 + Math.floor(random() * 5))
        : [...item.options.map((o) => o.id), "dont_know"][Math.floor(random() * (item.options.length + 1))]!
  }
  return answers
}

/**
 * A bounded load: one worker per person, each sending its pages one after another on a kept-alive connection, until
 * the time is up. A save counts as acknowledged when its redirect arrives.
 */
async function runLoad(options: {
  url: string
  cycleId: number
  instrument: AnyInstrument
  persons: Person[]
  seconds: number
  onHalfway?: () => void
}) {
  const acks: Ack[] = []
  const inFlight: InFlight = new Map()
  const latencies: number[] = []
  let non3xx = 0
  let errors = 0
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  // every person's own form (v2 draws one per person); the bench's people are nurses
  const formOf = (person: Person) =>
    formFor(options.instrument, { personId: person.personId, cycleId: options.cycleId, jobFamily: "nurse" })
  const pages = formOf(options.persons[0]!).pages.length
  const endsAt = performance.now() + options.seconds * 1000
  if (options.onHalfway) setTimeout(options.onHalfway, (options.seconds * 1000) / 2)
  const worker = async (person: Person) => {
    const form = formOf(person)
    let page = 0
    let answers = pageBody(form, page + 1, random)
    const next = () => {
      page = (page + 1) % pages
      answers = pageBody(form, page + 1, random)
    }
    while (performance.now() < endsAt) {
      const sentAt = performance.now()
      try {
        const response = await fetch(`${options.url}/survey/${options.cycleId}/page/${page + 1}`, {
          method: "POST",
          redirect: "manual",
          headers: {
            Cookie: person.cookie,
            Origin: options.url,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({
            ...Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== "")),
            intent: "next",
          }),
          signal: AbortSignal.timeout(5000),
        })
        await response.arrayBuffer()
        latencies.push(performance.now() - sentAt)
        if (response.status === 302 || response.status === 303) {
          acks.push({ personId: person.personId, answers })
          const pending = inFlight.get(person.personId)
          if (pending) for (const itemId of Object.keys(answers)) delete pending[itemId]
        } else non3xx++
        next()
      } catch {
        // Refused or cut off (the crash run): perhaps committed, perhaps not. Send the same page again.
        errors++
        inFlight.set(person.personId, { ...inFlight.get(person.personId), ...answers })
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  }
  await Promise.all(options.persons.map(worker))
  const unanswered = [...inFlight.values()].filter((pending) => Object.keys(pending).length > 0).length
  return { acks, inFlight, unanswered, latencies, non3xx, errors }
}

/**
 * Answers acknowledged but not in the database: an item counts as lost when it holds neither its last acknowledged
 * value nor the value of a save sent after that and never answered (which the kill may have committed or not).
 */
export function countLost(db: Db, cycleId: number, acks: Ack[], inFlight: InFlight) {
  const expected = new Map<number, Record<string, string>>()
  for (const ack of acks)
    expected.set(ack.personId, { ...(expected.get(ack.personId) ?? {}), ...ack.answers })
  let lost = 0
  for (const [personId, answers] of expected) {
    const row = db
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.cycleId, cycleId), eq(responses.personId, personId)))
      .get()
    const pending = inFlight.get(personId) ?? {}
    for (const [itemId, value] of Object.entries(answers)) {
      const stored = String(row?.answers[itemId] ?? "")
      if (stored !== value && stored !== pending[itemId]) lost++
    }
  }
  return lost
}

export async function measureSubmit(seconds: number, connections: number): Promise<SubmitFigure[]> {
  const figures: SubmitFigure[] = []
  for (const run of ["steady", "crash"] as const) {
    const path = `.cache/bench/load-${run}.db`
    const { db, cycleId, instrument, persons } = prepareDatabase(path, connections)
    let server = await startServer({ port: 3902, database: path })
    const load = await runLoad({
      url: server.url,
      cycleId,
      instrument,
      persons,
      seconds,
      onHalfway: run === "crash" ? () => server.process.kill("SIGKILL") : undefined,
    })
    if (run === "crash") {
      await new Promise((resolve) => setTimeout(resolve, 200))
      server = await startServer({ port: 3902, database: path }) // recovers the WAL on open
    }
    const integrity = String(db.$client.pragma("integrity_check", { simple: true }))
    figures.push({
      run,
      connections,
      seconds,
      acknowledged: load.acks.length,
      requestsPerSecond: load.acks.length / seconds,
      p50Ms: percentile(load.latencies, 50),
      p95Ms: percentile(load.latencies, 95),
      errors: load.errors,
      non3xx: load.non3xx,
      unanswered: load.unanswered,
      lostAnswers: countLost(db, cycleId, load.acks, load.inFlight),
      integrity,
    })
    await server.stop()
    db.$client.close()
  }
  return figures
}
