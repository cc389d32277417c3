// Erasure and anonymisation of a person by an admin (GDPR Art. 17; docs/privacy.md explains the choice).
// Both keep a nameless placeholder row, because closed cycles' invitations and sums point at it: what a closed
// cycle published stays exactly as it was. Report sums (result, subtree and participation aggregates) are never
// touched: they hold no person, only group totals.
import { and, eq, inArray, or, sql } from "drizzle-orm"
import type { ErasureMode } from "~/domain/vocabulary"
import { recordAudit } from "./audit.server"
import { type Db, getDb, schema } from "./db.server"

const {
  people,
  sessions,
  passwordResets,
  managerScopes,
  loginFailures,
  responses,
  results,
  resultScores,
  enrolments,
  lessonProgress,
  quizAttempts,
  handbookChecks,
  handbookTemplateEntries,
  handbookShares,
  auditLog,
  totpCredentials,
  recoveryCodes,
  twoFactorRecoveries,
  signInChallenges,
  mailOutbox,
  learningSnapshotMembers,
} = schema

export { ERASURE_MODES, type ErasureMode } from "~/domain/vocabulary"

export type ErasureCounts = {
  responses: number
  scores: number
  learningRecords: number
  handbookChecks: number
  sessions: number
}
export type ErasureOutcome =
  | { ok: true; counts: ErasureCounts }
  | { ok: false; reason: "not_found" | "own_account" | "already_erased" }

/**
 * erase: the person's identity and everything they did in Parat are deleted (answers, scores, learning, quiz
 * attempts, handbook ticks); only the bare fact that a nameless placeholder took part in a cycle stays. anonymise: the identity is deleted and unsubmitted drafts and ticks with it; submitted
 * answers, results and learning records stay, tied only to the placeholder (with the unit and job family they
 * had). Either way the person cannot sign in again, their sessions end, and one audit entry (without their name
 * or email) records it.
 */
export function erasePerson(
  actorId: number,
  id: number,
  mode: ErasureMode,
  db: Db = getDb(),
): ErasureOutcome {
  if (id === actorId) return { ok: false, reason: "own_account" }
  const person = db
    .select({ email: people.email, erasedAt: people.erasedAt })
    .from(people)
    .where(eq(people.id, id))
    .get()
  if (!person) return { ok: false, reason: "not_found" }
  if (person.erasedAt) return { ok: false, reason: "already_erased" }

  const counts = db.transaction((tx) => {
    const ownResults = tx.select({ id: results.id }).from(results).where(eq(results.personId, id))
    const counts: ErasureCounts = {
      responses: 0,
      scores: 0,
      learningRecords: 0,
      handbookChecks: 0,
      sessions: 0,
    }
    // Unsubmitted drafts were never part of any report.
    counts.responses = tx
      .delete(responses)
      .where(and(eq(responses.personId, id), eq(responses.status, "draft")))
      .run().changes
    if (mode === "erase") {
      // The answers and per-dimension scores go. The bare result row (cycle, unit and job family then, lowest
      // level, time) stays with the placeholder: the closed cycles' published participation and cross-cycle trend
      // rest on it, and deleting it would change what they show.
      counts.scores = tx.delete(resultScores).where(inArray(resultScores.resultId, ownResults)).run().changes
      counts.responses += tx
        .update(responses)
        .set({ answers: {}, page: 0 })
        .where(eq(responses.personId, id))
        .run().changes
      counts.learningRecords =
        tx.delete(enrolments).where(eq(enrolments.personId, id)).run().changes +
        tx.delete(lessonProgress).where(eq(lessonProgress.personId, id)).run().changes +
        tx.delete(quizAttempts).where(eq(quizAttempts.personId, id)).run().changes
    }
    counts.handbookChecks = tx.delete(handbookChecks).where(eq(handbookChecks.personId, id)).run().changes
    // Filled handbook templates are free text about a project: they go with the identity in both modes, and so
    // does every share to or from the person.
    tx.delete(handbookTemplateEntries).where(eq(handbookTemplateEntries.personId, id)).run()
    tx.delete(handbookShares)
      .where(or(eq(handbookShares.ownerId, id), eq(handbookShares.viewerId, id)))
      .run()
    counts.sessions = tx.delete(sessions).where(eq(sessions.personId, id)).run().changes
    tx.delete(passwordResets).where(eq(passwordResets.personId, id)).run()
    tx.delete(totpCredentials).where(eq(totpCredentials.personId, id)).run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, id)).run()
    tx.delete(twoFactorRecoveries).where(eq(twoFactorRecoveries.personId, id)).run()
    tx.delete(signInChallenges).where(eq(signInChallenges.personId, id)).run()
    // The outbox keeps that a mail was sent (the invited and reminded counts), not to which address or what it said;
    // a mail still waiting is not sent.
    tx.update(mailOutbox)
      .set({ toAddress: null, subject: null, body: null, payload: null, lastError: null })
      .where(eq(mailOutbox.personId, id))
      .run()
    tx.update(mailOutbox)
      .set({ status: "cancelled" })
      .where(and(eq(mailOutbox.personId, id), inArray(mailOutbox.status, ["queued", "sending"])))
      .run()
    tx.delete(managerScopes).where(eq(managerScopes.personId, id)).run()
    // where they counted in past learning snapshots (only the cohort rule read it; the snapshots stay as published)
    tx.delete(learningSnapshotMembers).where(eq(learningSnapshotMembers.personId, id)).run()
    tx.delete(loginFailures)
      .where(eq(loginFailures.key, `email:${person.email}`))
      .run()
    tx.update(people)
      .set({
        name: `[${mode === "erase" ? "erased" : "anonymised"} ${id}]`,
        email: `erased-${id}@invalid`,
        employeeId: null,
        passwordHash: null,
        role: "employee",
        isActive: false,
        erasedAt: new Date(),
        erasure: mode,
      })
      .where(eq(people.id, id))
      .run()
    // Earlier audit entries about the person keep what was done, but no longer their email.
    tx.update(auditLog)
      .set({ details: sql`json_remove(${auditLog.details}, '$.email')` })
      .where(eq(auditLog.target, `person:${id}`))
      .run()
    recordAudit(tx, actorId, mode === "erase" ? "person.erase" : "person.anonymise", `person:${id}`, {
      ...counts,
    })
    return counts
  })
  return { ok: true, counts }
}
