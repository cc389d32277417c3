// Survey-page submit under concurrent load against the production server on loopback, bounded in time: each
// connection is one person saving survey pages one after another (post/redirect/get). Every acknowledged save (a
// redirect) is checked in the database afterwards. The crash run kills the server with SIGKILL half-way,
// restarts it, and checks PRAGMA integrity_check and every acknowledged answer again.
import { execFileSync } from "node:child_process"
import { rmSync } from "node:fs"
import { and, eq } from "drizzle-orm"
import type { Instrument } from "../../app/domain/content-schema"
import { createSession } from "../../app/services/auth.server"
import { getInstrumentVersion } from "../../app/services/instrument.server"
import type { Db } from "../../db/client"
import { openDatabase } from "../../db/client"
import { ensurePerson } from "../../db/factories"
import { cycles, responses, units } from "../../db/schema"
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
  lostAnswers: number
  integrity: string
}

type Person = { cookie: string; personId: number }
type Ack = { personId: number; answers: Record<string, string> }

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
    persons.push({ personId, cookie: createSession(personId, db).split(";")[0]! })
  }
  return { db, cycleId: cycle.id, instrument, persons }
}

function pageBody(instrument: Instrument, page: number, random: () => number) {
  const dimension = instrument.dimensions[page - 1]!
  const answers: Record<string, string> = {}
  for (const item of dimension.items) {
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
  instrument: Instrument
  persons: Person[]
  seconds: number
  onHalfway?: () => void
}) {
  const acks: Ack[] = []
  const latencies: number[] = []
  let non3xx = 0
  let errors = 0
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const pages = options.instrument.dimensions.length
  const endsAt = performance.now() + options.seconds * 1000
  if (options.onHalfway) setTimeout(options.onHalfway, (options.seconds * 1000) / 2)
  const worker = async (person: Person) => {
    let page = 0
    while (performance.now() < endsAt) {
      const answers = pageBody(options.instrument, page + 1, random)
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
          body: new URLSearchParams({ ...answers, intent: "next" }),
          signal: AbortSignal.timeout(5000),
        })
        await response.arrayBuffer()
        latencies.push(performance.now() - sentAt)
        if (response.status === 302 || response.status === 303)
          acks.push({ personId: person.personId, answers })
        else non3xx++
      } catch {
        errors++ // refused or cut off (the crash run): not acknowledged, so not expected to be stored
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      page = (page + 1) % pages
    }
  }
  await Promise.all(options.persons.map(worker))
  return { acks, latencies, non3xx, errors }
}

/** Answers acknowledged but not in the database (the last acknowledged value of each item per person). */
function countLost(db: Db, cycleId: number, acks: Ack[]) {
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
    for (const [itemId, value] of Object.entries(answers)) {
      if (String(row?.answers[itemId] ?? "") !== value) lost++
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
      lostAnswers: countLost(db, cycleId, load.acks),
      integrity,
    })
    await server.stop()
    db.$client.close()
  }
  return figures
}
