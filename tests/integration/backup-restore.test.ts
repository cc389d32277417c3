// Backup while the app writes, and restore: run through the npm scripts' own files in child processes, so the
// backup reads the database through a second connection as it would beside the running server.
import { spawn } from "node:child_process"
import { readdirSync, rmSync, writeFileSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import Database from "better-sqlite3"
import { eq } from "drizzle-orm"
import { expect, inject, onTestFinished, test } from "vitest"
import { getInstrumentV1, saveDraftPage } from "~/services/survey.server"
import { checkIntegrity } from "../../db/backup"
import { people, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { seedSurvey } from "../../scripts/seed/survey"
import { testDb } from "./db"

const instrument = getInstrumentV1()
/** A file in the run's own folder, deleted with everything the scripts put beside it when the test ends. */
function tmp(name: string) {
  const path = join(inject("testDbDir"), `${name}-${process.pid}-${Date.now()}.db`)
  onTestFinished(() => {
    for (const file of readdirSync(dirname(path)))
      if (file.startsWith(basename(path))) rmSync(join(dirname(path), file), { force: true })
  })
  return path
}

function runScript(script: string, args: string[], databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  const exited = new Promise<{ code: number | null; output: string }>((done) =>
    child.on("exit", (code) => done({ code, output })),
  )
  return exited
}

/** A page's answers, different for every save so a stale copy would show. */
function pageAnswers(page: number, seq: number): [string, string][] {
  return instrument.dimensions[page - 1]!.items.map((item) => [
    item.id,
    item.kind === "likert" ? String((seq % 5) + 1) : item.correct,
  ])
}

type Ack = { personId: number; page: number; answers: Record<string, string> }

test("a backup taken while survey pages are saved holds every answer acknowledged before it began, and restores whole", async () => {
  const db = testDb()
  const passwordHash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  const cycleId = seedSurvey(db, instrument, { passwordHash })
  const unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  const source = db.$client.name
  const backup = tmp("backup")
  const pages = instrument.dimensions.length

  const acks: Ack[] = []
  let seq = 0
  /** One acknowledged save: a new person answers page 1, the same person goes on page by page. */
  const saveOne = () => {
    const personIndex = Math.floor(seq / pages)
    const page = (seq % pages) + 1
    const personId = ensurePerson(db, {
      email: `backup-${process.pid}-${personIndex}@parat.test`,
      name: `Backup Tester ${personIndex}`,
      jobFamily: "nurse",
      unitId,
    })
    const entries = pageAnswers(page, seq)
    const outcome = saveDraftPage({ id: personId, unitId }, cycleId, page, "next", entries, db)
    expect(outcome.kind).toBe("saved")
    acks.push({ personId, page, answers: Object.fromEntries(entries) })
    seq++
  }

  for (let i = 0; i < pages * 3; i++) saveOne()
  const acknowledgedBefore = acks.length
  const backupRun = runScript("scripts/db-backup.ts", [backup], source)
  let isBackupDone = false
  void backupRun.then(() => (isBackupDone = true))
  // Keep saving, from this process through the survey service, until the backup process has finished.
  while (!isBackupDone) {
    saveOne()
    await new Promise((wait) => setTimeout(wait, 2))
  }
  const { code, output } = await backupRun
  expect(code, output).toBe(0)
  expect(acks.length).toBeGreaterThan(acknowledgedBefore) // the saves really ran while the backup did
  expect(checkIntegrity(backup)).toBe("ok")

  // Restore into a fresh place through the restore script (integrity check, migrations, swap).
  const restoredPath = tmp("restored")
  writeFileSync(restoredPath, "") // an existing (empty) database to be replaced and kept aside
  const restoreRun = await runScript("scripts/db-restore.ts", [backup], restoredPath)
  expect(restoreRun.code, restoreRun.output).toBe(0)
  expect(restoreRun.output).toMatch(/before-restore-/)
  const restored = new Database(restoredPath, { readonly: true })
  const stored = new Map(
    (
      restored.prepare("select person_id, answers from responses where cycle_id = ?").all(cycleId) as {
        person_id: number
        answers: string
      }[]
    ).map((row) => [row.person_id, JSON.parse(row.answers) as Record<string, string | number>]),
  )
  const migrations = restored.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }
  const current = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }
  restored.close()
  expect(migrations.n).toBe(current.n)

  // Every answer acknowledged before the backup began is there, with its value.
  for (const ack of acks.slice(0, acknowledgedBefore)) {
    for (const [itemId, value] of Object.entries(ack.answers)) {
      expect(String(stored.get(ack.personId)?.[itemId]), `person ${ack.personId} item ${itemId}`).toBe(value)
    }
  }
  // And the copy is one moment of the database: each person's draft is exactly their first j saved pages.
  const byPerson = new Map<number, Ack[]>()
  for (const ack of acks) byPerson.set(ack.personId, [...(byPerson.get(ack.personId) ?? []), ack])
  for (const [personId, saves] of byPerson) {
    const answers = stored.get(personId) ?? {}
    const prefix = saves.findIndex((save) => !(Object.keys(save.answers)[0]! in answers))
    const kept = prefix === -1 ? saves : saves.slice(0, prefix)
    const expected = Object.fromEntries(kept.flatMap((save) => Object.entries(save.answers)))
    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)]))).toEqual(expected)
  }
})

test("a damaged backup is refused and the database in place is left as it was", async () => {
  const target = tmp("target")
  const db = new Database(target)
  db.exec("create table marker (x); insert into marker values (42)")
  db.close()
  const damaged = tmp("damaged")
  writeFileSync(damaged, `SQLite format 3\u0000${"x".repeat(5000)}`)
  const run = await runScript("scripts/db-restore.ts", [damaged], target)
  expect(run.code).toBe(1)
  expect(run.output).toMatch(/Refusing to restore/)
  const kept = new Database(target, { readonly: true })
  expect(kept.prepare("select x from marker").get()).toEqual({ x: 42 })
  kept.close()
})
