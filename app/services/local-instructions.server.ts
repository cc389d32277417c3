// Local instructions: written by admins, versioned whole, read and checked by staff. A passed check quiz (scored
// here, on the server) appends a signed training record naming the instruction's version; a change the admin marks
// as substantial makes every requirement on the instruction due again.
import { and, asc, desc, eq } from "drizzle-orm"
import {
  type InstructionContent,
  instructionVersionLabel,
  publicQuiz,
  scoreInstructionQuiz,
} from "~/domain/local-instruction"
import { renderMarkdown } from "~/domain/markdown"
import { recordAudit } from "./audit.server"
import type { SessionUser } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { appendRecord } from "./training-records.server"

const { localInstructions, localInstructionVersions, dueAgainEvents, trainingRecords, people } = schema

type Actor = Pick<SessionUser, "id" | "role">

export function instructionOptions(db: Db = getDb()) {
  return db
    .select({ id: localInstructions.id, title: localInstructions.title })
    .from(localInstructions)
    .orderBy(asc(localInstructions.id))
    .all()
}

export function listInstructions(db: Db = getDb()) {
  return db
    .select({
      id: localInstructions.id,
      title: localInstructions.title,
      version: localInstructions.version,
      updatedAt: localInstructions.updatedAt,
    })
    .from(localInstructions)
    .orderBy(asc(localInstructions.id))
    .all()
}

/** The current content and every version, for the admin's edit page. */
export function getInstruction(id: number, db: Db = getDb()) {
  const row = db.select().from(localInstructions).where(eq(localInstructions.id, id)).get()
  if (!row) return null
  const versions = db
    .select({
      version: localInstructionVersions.version,
      isSubstantial: localInstructionVersions.isSubstantial,
      changedAt: localInstructionVersions.changedAt,
      changedBy: people.name,
    })
    .from(localInstructionVersions)
    .leftJoin(people, eq(people.id, localInstructionVersions.changedBy))
    .where(eq(localInstructionVersions.instructionId, id))
    .orderBy(desc(localInstructionVersions.version))
    .all()
  return { instruction: row, versions }
}

export type SaveOutcome =
  | { ok: true; id: number; version: number }
  | { ok: false; reason: "forbidden" | "not_found" }

/**
 * Creates an instruction (id null) or saves a new version of one. `isSubstantial` on a new version makes every
 * requirement on the instruction due again (the first version is new to everyone anyway).
 */
export function saveInstruction(
  actor: Actor,
  id: number | null,
  content: InstructionContent,
  isSubstantial: boolean,
  db: Db = getDb(),
  now = new Date(),
): SaveOutcome {
  if (actor.role !== "admin") return { ok: false, reason: "forbidden" }
  const current =
    id === null ? null : db.select().from(localInstructions).where(eq(localInstructions.id, id)).get()
  if (id !== null && !current) return { ok: false, reason: "not_found" }
  return db.transaction((tx) => {
    const version = (current?.version ?? 0) + 1
    const fields = { ...content, version, updatedAt: now, updatedBy: actor.id }
    let savedId: number
    if (current) {
      tx.update(localInstructions).set(fields).where(eq(localInstructions.id, current.id)).run()
      savedId = current.id
    } else
      savedId = tx.insert(localInstructions).values(fields).returning({ id: localInstructions.id }).get().id
    const substantial = current !== null && isSubstantial
    tx.insert(localInstructionVersions)
      .values({
        instructionId: savedId,
        version,
        snapshot: content,
        isSubstantial: substantial,
        changedBy: actor.id,
        changedAt: now,
      })
      .run()
    if (substantial)
      tx.insert(dueAgainEvents)
        .values({ reason: "content", instructionId: savedId, at: now, actorId: actor.id })
        .run()
    recordAudit(tx, actor.id, "register.instruction_save", `instruction:${savedId}`, { version, substantial })
    return { ok: true as const, id: savedId, version }
  })
}

/** What a learner reads: the instruction in their language as sanitised HTML, its quiz without the key. */
export function instructionForLearner(personId: number, id: number, lang: "da" | "en", db: Db = getDb()) {
  const row = db.select().from(localInstructions).where(eq(localInstructions.id, id)).get()
  if (!row) return null
  const latest = db
    .select({
      code: trainingRecords.code,
      contentVersion: trainingRecords.contentVersion,
      completedAt: trainingRecords.completedAt,
    })
    .from(trainingRecords)
    .where(and(eq(trainingRecords.personId, personId), eq(trainingRecords.instructionId, id)))
    .orderBy(desc(trainingRecords.id))
    .get()
  return {
    id: row.id,
    version: row.version,
    title: row.title[lang],
    html: renderMarkdown(row.body[lang]),
    questions: publicQuiz(row.quiz, lang),
    passMark: row.quiz.passMark,
    latest: latest ?? null,
    isCurrent: latest?.contentVersion === instructionVersionLabel(row.version),
  }
}

export type CompleteOutcome =
  | { ok: true; isPassed: true; correct: number; total: number; code: string }
  | { ok: true; isPassed: false; correct: number; total: number; missed: number[] }
  | { ok: false; reason: "not_found" | "stale" }

/**
 * Scores a learner's answers on the server. `readVersion` is the version the page showed: if the instruction has
 * changed since, nothing is recorded and the learner is asked to read it again, so a record never names a version
 * its holder did not see.
 */
export function completeInstruction(
  personId: number,
  id: number,
  readVersion: number,
  answers: ReadonlyMap<number, number>,
  db: Db = getDb(),
  now = new Date(),
): CompleteOutcome {
  const row = db.select().from(localInstructions).where(eq(localInstructions.id, id)).get()
  if (!row) return { ok: false, reason: "not_found" }
  if (row.version !== readVersion) return { ok: false, reason: "stale" }
  const result = scoreInstructionQuiz(row.quiz, answers)
  if (!result.isPassed)
    return { ok: true, isPassed: false, correct: result.correct, total: result.total, missed: result.missed }
  const record = appendRecord(
    { personId, instruction: { id, version: row.version }, score: result.score, completedAt: now },
    db,
  )
  return { ok: true, isPassed: true, correct: result.correct, total: result.total, code: record.code }
}
