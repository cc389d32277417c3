// "My data": everything Parat stores about the signed-in person, as one JSON document (GDPR Art. 15 and 20).
// Only their own rows; never a password hash, a session or reset token, or another person's name or email.
import { and, asc, eq, gt, or } from "drizzle-orm"
import type { Lang } from "~/i18n/config"
import type { SessionUser } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { getMyPath } from "./learning.server"
import { exportResponse } from "./survey.server"

const {
  people,
  units,
  managerScopes,
  responses,
  results,
  cycles,
  cycleInvitations,
  enrolments,
  lessonProgress,
  quizAttempts,
  handbookChecks,
  handbookTemplateEntries,
  handbookShares,
  auditLog,
  sessions,
} = schema

export const MY_DATA_FORMAT = "parat-my-data/1"

function profileOf(personId: number, db: Db) {
  const profile = db
    .select({
      name: people.name,
      email: people.email,
      employeeId: people.employeeId,
      role: people.role,
      jobFamily: people.jobFamily,
      language: people.language,
      isActive: people.isActive,
      createdAt: people.createdAt,
      unit: { code: units.code, name: units.name },
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId))
    .get()
  const scopes = db
    .select({ code: units.code, name: units.name })
    .from(managerScopes)
    .innerJoin(units, eq(units.id, managerScopes.unitId))
    .where(eq(managerScopes.personId, personId))
    .all()
  return { ...profile, managerScopes: scopes }
}

function surveysOf(user: SessionUser, lang: Lang, db: Db, now: Date) {
  const invitations = db
    .select({
      cycleId: cycleInvitations.cycleId,
      cycleName: cycles.name,
      unit: { code: units.code, name: units.name },
      jobFamily: cycleInvitations.jobFamily,
    })
    .from(cycleInvitations)
    .innerJoin(cycles, eq(cycles.id, cycleInvitations.cycleId))
    .innerJoin(units, eq(units.id, cycleInvitations.unitId))
    .where(eq(cycleInvitations.personId, user.id))
    .orderBy(asc(cycleInvitations.cycleId))
    .all()
  const answered = db
    .select({ cycleId: responses.cycleId, updatedAt: responses.updatedAt })
    .from(responses)
    .where(eq(responses.personId, user.id))
    .orderBy(asc(responses.cycleId))
    .all()
  const responsesOut = answered.map(({ cycleId, updatedAt }) => {
    const result = db
      .select({
        unit: { code: units.code, name: units.name },
        jobFamily: results.jobFamily,
        minLevel: results.minLevel,
        submittedAt: results.submittedAt,
      })
      .from(results)
      .innerJoin(units, eq(units.id, results.unitId))
      .where(and(eq(results.personId, user.id), eq(results.cycleId, cycleId)))
      .get()
    return { ...exportResponse(user, cycleId, lang, db, now), lastSavedAt: updatedAt, result: result ?? null }
  })
  return { invitations, responses: responsesOut }
}

function learningOf(user: SessionUser, lang: Lang, db: Db) {
  return {
    path: getMyPath(user, lang, db),
    enrolments: db
      .select({
        module: enrolments.moduleSlug,
        addedByYou: enrolments.isAddedByLearner,
        startedAt: enrolments.startedAt,
        completedAt: enrolments.completedAt,
      })
      .from(enrolments)
      .where(eq(enrolments.personId, user.id))
      .all(),
    lessonsRead: db
      .select({
        module: lessonProgress.moduleSlug,
        lesson: lessonProgress.lessonSlug,
        readAt: lessonProgress.readAt,
      })
      .from(lessonProgress)
      .where(eq(lessonProgress.personId, user.id))
      .all(),
    quizAttempts: db
      .select({
        module: quizAttempts.moduleSlug,
        answers: quizAttempts.answers,
        score: quizAttempts.score,
        isPassed: quizAttempts.isPassed,
        at: quizAttempts.createdAt,
      })
      .from(quizAttempts)
      .where(eq(quizAttempts.personId, user.id))
      .orderBy(asc(quizAttempts.id))
      .all(),
  }
}

function auditOf(personId: number, db: Db) {
  const rows = db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      actorId: auditLog.actorId,
    })
    .from(auditLog)
    .where(or(eq(auditLog.target, `person:${personId}`), eq(auditLog.actorId, personId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all()
  return {
    // What was done to the person's account: the action and its details (about them), not who did it.
    aboutYou: rows
      .filter((r) => r.target === `person:${personId}`)
      .map(({ at, action, details }) => ({ at, action, details })),
    // What the person did as an administrator: when and what kind, not whom it concerned.
    byYou: rows.filter((r) => r.actorId === personId).map(({ at, action }) => ({ at, action })),
  }
}

/** The whole document; dates are ISO strings once serialised. */
export function exportMyData(user: SessionUser, lang: Lang, db: Db = getDb(), now = new Date()) {
  return {
    format: MY_DATA_FORMAT,
    exportedAt: now,
    profile: profileOf(user.id, db),
    surveys: surveysOf(user, lang, db, now),
    learning: learningOf(user, lang, db),
    handbookChecks: db
      .select({ item: handbookChecks.itemId, checkedAt: handbookChecks.checkedAt })
      .from(handbookChecks)
      .where(eq(handbookChecks.personId, user.id))
      .all(),
    handbookTemplates: db
      .select({
        template: handbookTemplateEntries.templateSlug,
        values: handbookTemplateEntries.fieldValues,
        updatedAt: handbookTemplateEntries.updatedAt,
      })
      .from(handbookTemplateEntries)
      .where(eq(handbookTemplateEntries.personId, user.id))
      .all()
      .map((row) => ({ ...row, values: JSON.parse(row.values) as Record<string, string> })),
    handbookSharedWith: db
      .select({ name: people.name, sharedAt: handbookShares.createdAt })
      .from(handbookShares)
      .innerJoin(people, eq(people.id, handbookShares.viewerId))
      .where(eq(handbookShares.ownerId, user.id))
      .all(),
    audit: auditOf(user.id, db),
    // Signed-in browsers by time only; the session ids themselves are secrets and never leave the server.
    sessions: db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(and(eq(sessions.personId, user.id), gt(sessions.expiresAt, now)))
      .all(),
  }
}
