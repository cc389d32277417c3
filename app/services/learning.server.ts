// The learner's use cases: my path, the catalogue, modules, lessons and quizzes. Content (texts, quizzes) comes
// from courses/ through getContent(); progress lives in SQLite, keyed by module and lesson slugs.
import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm"
import type { Bilingual, CourseModule, Dimension, Level } from "~/domain/content-schema"
import { renderMarkdown } from "~/domain/markdown"
import { buildLearningPath, groupPathByLevel, type PathModule, type PathStep } from "~/domain/path-builder"
import { type ModuleStatus, moduleStatus } from "~/domain/path-status"
import { drawQuiz, type QuizAnswers, type QuizDraw, scoreDrawnQuiz } from "~/domain/quiz"
import type { Lang } from "~/i18n/config"
import { recordIfRequired } from "./ai-register.server"
import type { SessionUser } from "./auth.server"
import { getContent } from "./content-loader.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"

const { enrolments, lessonProgress, quizAttempts, quizDraws, results, resultScores, cycles, modules } = schema

type Learner = Pick<SessionUser, "id" | "jobFamily">

const pick = (text: Bilingual, lang: Lang) => text[lang]

function catalogue(): CourseModule[] {
  return getContent().modules
}

function findModule(slug: string) {
  return catalogue().find((m) => m.slug === slug) ?? null
}

const toPathModule = (m: CourseModule): PathModule => ({
  slug: m.slug,
  dimension: m.dimension,
  level: m.level,
  minutes: m.minutes,
  audiences: m.audiences,
  prerequisites: m.prerequisites,
})

// ---------------------------------------------------------------- the learner's state

/** The person's latest submitted survey result (newest by submission time), or null. */
export function getLatestResult(personId: number, db: Db = getDb()) {
  const latest = db
    .select({ id: results.id, submittedAt: results.submittedAt, cycleName: cycles.name })
    .from(results)
    .innerJoin(cycles, eq(cycles.id, results.cycleId))
    .where(eq(results.personId, personId))
    .orderBy(desc(results.submittedAt), desc(results.id))
    .limit(1)
    .get()
  if (!latest) return null
  const scores = db
    .select({ dimension: resultScores.dimension, level: resultScores.level })
    .from(resultScores)
    .where(eq(resultScores.resultId, latest.id))
    .all()
    .map((s) => ({ dimension: s.dimension as Dimension, level: s.level as Level | null }))
  return { ...latest, scores }
}

function enrolmentsOf(personId: number, db: Db) {
  return db
    .select({
      slug: enrolments.moduleSlug,
      isAddedByLearner: enrolments.isAddedByLearner,
      completedAt: enrolments.completedAt,
    })
    .from(enrolments)
    .where(eq(enrolments.personId, personId))
    .all()
}

function readLessonsOf(personId: number, db: Db) {
  const read = new Map<string, Set<string>>()
  for (const row of db
    .select({ module: lessonProgress.moduleSlug, lesson: lessonProgress.lessonSlug })
    .from(lessonProgress)
    .where(eq(lessonProgress.personId, personId))
    .all()) {
    if (!read.has(row.module)) read.set(row.module, new Set())
    read.get(row.module)!.add(row.lesson)
  }
  return read
}

function pathFor(user: Learner, db: Db) {
  const all = catalogue()
  const result = getLatestResult(user.id, db)
  const rows = enrolmentsOf(user.id, db)
  const completed = new Set(rows.filter((r) => r.completedAt !== null).map((r) => r.slug))
  const added = new Set(rows.filter((r) => r.completedAt === null).map((r) => r.slug))
  const path = buildLearningPath({
    result: result?.scores ?? null,
    profile: getContent().profiles.profiles[user.jobFamily],
    modules: all.map(toPathModule),
    completed,
    added,
    jobFamily: user.jobFamily,
  })
  return { path, result, rows, all }
}

// ---------------------------------------------------------------- my path

export type MyPathStep = PathStep & {
  title: string
  lessonCount: number
  lessonsRead: number
  status: ModuleStatus
}

export function getMyPath(user: Learner, lang: Lang, db: Db = getDb()) {
  const { path, result, rows, all } = pathFor(user, db)
  const read = readLessonsOf(user.id, db)
  const addedByLearner = new Set(rows.filter((r) => r.isAddedByLearner).map((r) => r.slug))
  const bySlug = new Map(all.map((m) => [m.slug, m]))
  const describe = (step: PathStep): MyPathStep => {
    const module = bySlug.get(step.slug)!
    const lessonsRead = module.lessons.filter((l) => read.get(step.slug)?.has(l.slug)).length
    return {
      ...step,
      title: pick(module.title, lang),
      lessonCount: module.lessons.length,
      lessonsRead,
      status: moduleStatus({
        isCompleted: step.isCompleted,
        isAdded: addedByLearner.has(step.slug),
        lessonsRead,
      }),
    }
  }
  const groups = groupPathByLevel(path.steps).map((g) => ({ ...g, steps: g.steps.map(describe) }))
  const completedCount = path.steps.filter((s) => s.isCompleted).length
  // Completed modules that have since left the catalogue: their history is kept and shown.
  const history = db
    .select({ slug: modules.slug, title: modules.title, completedAt: enrolments.completedAt })
    .from(enrolments)
    .innerJoin(modules, eq(modules.slug, enrolments.moduleSlug))
    .where(
      and(eq(enrolments.personId, user.id), isNotNull(enrolments.completedAt), isNotNull(modules.removedAt)),
    )
    .all()
    .map((h) => ({ slug: h.slug, title: pick(h.title, lang), completedAt: h.completedAt! }))
  return {
    basis: path.basis,
    isAtTarget: path.isAtTarget,
    result: result ? { cycleName: result.cycleName, submittedAt: result.submittedAt } : null,
    dimensions: path.dimensions,
    groups,
    totals: {
      modules: path.steps.length,
      completed: completedCount,
      remaining: path.steps.length - completedCount,
      minutesLeft: groups.reduce((sum, g) => sum + g.minutesLeft, 0),
    },
    history,
  }
}

/** The short version for the home page card. */
export function getLearningSummary(user: Learner, db: Db = getDb()) {
  const { path } = pathFor(user, db)
  const completed = path.steps.filter((s) => s.isCompleted).length
  return {
    basis: path.basis,
    isAtTarget: path.isAtTarget,
    total: path.steps.length,
    completed,
    minutesLeft: path.steps.filter((s) => !s.isCompleted).reduce((sum, s) => sum + s.minutes, 0),
  }
}

// ---------------------------------------------------------------- catalogue

export type CatalogueFilter = { dimension?: Dimension; level?: 1 | 2 | 3 | 4 }

export function getCatalogue(user: Learner, lang: Lang, filter: CatalogueFilter, db: Db = getDb()) {
  const { path, rows, all } = pathFor(user, db)
  const onPath = new Set(path.steps.map((s) => s.slug))
  const completed = new Set(rows.filter((r) => r.completedAt !== null).map((r) => r.slug))
  const addedByLearner = new Set(rows.filter((r) => r.isAddedByLearner).map((r) => r.slug))
  const read = readLessonsOf(user.id, db)
  return all
    .filter((m) => (filter.dimension ? m.dimension === filter.dimension : true))
    .filter((m) => (filter.level ? m.level === filter.level : true))
    .map((m) => ({
      slug: m.slug,
      dimension: m.dimension,
      level: m.level,
      title: pick(m.title, lang),
      summary: pick(m.summary, lang),
      minutes: m.minutes,
      isOnPath: onPath.has(m.slug),
      isCompleted: completed.has(m.slug),
      status: moduleStatus({
        isCompleted: completed.has(m.slug),
        isAdded: addedByLearner.has(m.slug),
        lessonsRead: m.lessons.filter((l) => read.get(m.slug)?.has(l.slug)).length,
      }),
    }))
}

/** Puts a catalogue module on the learner's path. Adding twice is harmless. */
export function addModuleToPath(user: Learner, slug: string, db: Db = getDb(), now = new Date()) {
  if (!findModule(slug)) return { ok: false as const, reason: "not_found" as const }
  db.insert(enrolments)
    .values({ personId: user.id, moduleSlug: slug, isAddedByLearner: true, startedAt: now })
    .onConflictDoUpdate({
      target: [enrolments.personId, enrolments.moduleSlug],
      set: { isAddedByLearner: true },
    })
    .run()
  return { ok: true as const }
}

/** Starts a module (an enrolment) and names its first lesson to open; starting twice keeps the first start. */
export function startModule(user: Learner, slug: string, db: Db = getDb(), now = new Date()) {
  const module = findModule(slug)
  if (!module) return { ok: false as const, reason: "not_found" as const }
  db.insert(enrolments)
    .values({ personId: user.id, moduleSlug: slug, startedAt: now })
    .onConflictDoNothing()
    .run()
  const first = module.lessons[0]
  return {
    ok: true as const,
    firstLesson: first ? `/learn/modules/${slug}/lessons/${first.slug}` : `/learn/modules/${slug}`,
  }
}

// ---------------------------------------------------------------- module and lessons

function enrolmentOf(personId: number, slug: string, db: DbOrTx) {
  return (
    db
      .select({
        startedAt: enrolments.startedAt,
        completedAt: enrolments.completedAt,
        isAddedByLearner: enrolments.isAddedByLearner,
      })
      .from(enrolments)
      .where(and(eq(enrolments.personId, personId), eq(enrolments.moduleSlug, slug)))
      .get() ?? null
  )
}

function latestAttemptOf(personId: number, slug: string, db: DbOrTx) {
  return (
    db
      .select({ id: quizAttempts.id, score: quizAttempts.score, isPassed: quizAttempts.isPassed })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.personId, personId), eq(quizAttempts.moduleSlug, slug)))
      .orderBy(desc(quizAttempts.id))
      .limit(1)
      .get() ?? null
  )
}

export function getModulePage(user: Learner, slug: string, lang: Lang, db: Db = getDb()) {
  const module = findModule(slug)
  if (!module) return null
  const { path, all } = pathFor(user, db)
  const read = readLessonsOf(user.id, db).get(slug) ?? new Set<string>()
  const enrolment = enrolmentOf(user.id, slug, db)
  const titleOf = (s: string) => {
    const m = all.find((x) => x.slug === s)
    return m ? pick(m.title, lang) : s
  }
  return {
    slug: module.slug,
    dimension: module.dimension,
    level: module.level,
    title: pick(module.title, lang),
    summary: pick(module.summary, lang),
    minutes: module.minutes,
    sources: module.sources,
    prerequisites: module.prerequisites.map((p) => ({ slug: p, title: titleOf(p) })),
    lessons: module.lessons.map((l) => ({
      slug: l.slug,
      title: pick(l.title, lang),
      isRead: read.has(l.slug),
    })),
    questionCount: module.quiz.draw,
    passMark: module.quiz.passMark,
    isOnPath: path.steps.some((s) => s.slug === slug),
    isStarted: enrolment !== null,
    isCompleted: enrolment?.completedAt != null,
    status: moduleStatus({
      isCompleted: enrolment?.completedAt != null,
      isAdded: enrolment?.isAddedByLearner ?? false,
      lessonsRead: module.lessons.filter((l) => read.has(l.slug)).length,
    }),
    latestAttempt: latestAttemptOf(user.id, slug, db),
  }
}

export function getLessonPage(user: Learner, slug: string, lessonSlug: string, lang: Lang, db: Db = getDb()) {
  const module = findModule(slug)
  if (!module) return null
  const index = module.lessons.findIndex((l) => l.slug === lessonSlug)
  if (index < 0) return null
  const lesson = module.lessons[index]!
  const neighbour = (i: number) => {
    const l = module.lessons[i]
    return l ? { slug: l.slug, title: pick(l.title, lang) } : null
  }
  const isRead =
    db
      .select({ at: lessonProgress.readAt })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.personId, user.id),
          eq(lessonProgress.moduleSlug, slug),
          eq(lessonProgress.lessonSlug, lessonSlug),
        ),
      )
      .get() !== undefined
  const here = <T extends { lesson: string }>(items: T[]) =>
    items.filter((item) => item.lesson === lesson.slug)
  return {
    module: { slug: module.slug, title: pick(module.title, lang), level: module.level },
    lesson: { slug: lesson.slug, title: pick(lesson.title, lang) },
    objectives: (lesson.objectives ?? []).map((o) => pick(o, lang)),
    cases: here(module.cases).map((c) => ({
      id: c.id,
      title: pick(c.title, lang),
      situation: pick(c.situation, lang),
      question: pick(c.question, lang),
      choices: c.choices.map((choice) => ({ id: choice.id, text: pick(choice.text, lang) })),
    })),
    exercises: here(module.exercises).map((e) => ({
      id: e.id,
      title: pick(e.title, lang),
      task: pick(e.task, lang),
      minutes: e.minutes,
      guidance: pick(e.guidance, lang),
    })),
    figures: here(module.figures).map((f) => ({
      id: f.id,
      svg: module.figureSvgs[f.id]?.[lang] ?? "",
      caption: pick(f.caption, lang),
      alt: pick(f.alt, lang),
    })),
    position: index + 1,
    lessonCount: module.lessons.length,
    html: renderMarkdown(module.lessonBodies[lesson.slug]?.[lang] ?? "", { lang, sources: module.sources }),
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    isRead,
  }
}

/**
 * The feedback on one choice of a decision case, with whether it was the best and the feedback on every choice
 * (shown once the person has chosen). Nothing is stored: a case is practice, not a test.
 */
export function answerCase(
  slug: string,
  lessonSlug: string,
  answer: { caseId: string; choiceId: string },
  lang: Lang,
  db: Db = getDb(),
) {
  const module = findModule(slug)
  const { caseId, choiceId } = answer
  const decision = module?.cases.find((c) => c.id === caseId && c.lesson === lessonSlug)
  const chosen = decision?.choices.find((c) => c.id === choiceId)
  if (!decision || !chosen) return null
  return {
    caseId: decision.id,
    choiceId: chosen.id,
    isBest: chosen.best,
    choices: decision.choices.map((c) => ({
      id: c.id,
      text: pick(c.text, lang),
      feedback: pick(c.feedback, lang),
      best: c.best,
    })),
  }
}

/** Marks a lesson as read (starting the module if needed); marking twice keeps the first time. */
export function markLessonRead(
  user: Learner,
  slug: string,
  lessonSlug: string,
  db: Db = getDb(),
  now = new Date(),
) {
  const module = findModule(slug)
  if (!module?.lessons.some((l) => l.slug === lessonSlug))
    return { ok: false as const, reason: "not_found" as const }
  db.transaction((tx) => {
    tx.insert(enrolments)
      .values({ personId: user.id, moduleSlug: slug, startedAt: now })
      .onConflictDoNothing()
      .run()
    tx.insert(lessonProgress)
      .values({ personId: user.id, moduleSlug: slug, lessonSlug, readAt: now })
      .onConflictDoNothing()
      .run()
  })
  return { ok: true as const }
}

// ---------------------------------------------------------------- quiz

function attemptCount(personId: number, slug: string, db: DbOrTx) {
  return (
    db
      .select({ n: count() })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.personId, personId), eq(quizAttempts.moduleSlug, slug)))
      .get()?.n ?? 0
  )
}

/**
 * The draw for the person's next attempt: the stored one if it serves this attempt, otherwise a new one (questions
 * not seen in the previous attempt first, options shuffled), stored before it is shown.
 */
function currentDraw(
  personId: number,
  module: CourseModule,
  attemptNumber: number,
  db: Db,
  random: () => number,
): QuizDraw {
  const stored = db
    .select({ attemptNumber: quizDraws.attemptNumber, draw: quizDraws.draw })
    .from(quizDraws)
    .where(and(eq(quizDraws.personId, personId), eq(quizDraws.moduleSlug, module.slug)))
    .get()
  const inPool = new Set(module.quiz.questions.map((q) => q.id))
  if (stored?.attemptNumber === attemptNumber && stored.draw.every((d) => inPool.has(d.id)))
    return stored.draw
  const previous =
    db
      .select({ draw: quizAttempts.draw })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.personId, personId), eq(quizAttempts.moduleSlug, module.slug)))
      .orderBy(desc(quizAttempts.id))
      .limit(1)
      .get()?.draw ?? []
  const draw = drawQuiz(
    module.quiz.questions,
    module.quiz.draw,
    previous.map((d) => d.id),
    random,
  )
  db.insert(quizDraws)
    .values({ personId, moduleSlug: module.slug, attemptNumber, draw })
    .onConflictDoUpdate({ target: [quizDraws.personId, quizDraws.moduleSlug], set: { attemptNumber, draw } })
    .run()
  return draw
}

/** The drawn questions in the drawn order, options in the drawn order, in one language; never the key. */
function showDraw(module: CourseModule, draw: QuizDraw, lang: Lang) {
  return draw.flatMap((d) => {
    const q = module.quiz.questions.find((x) => x.id === d.id)
    if (!q) return []
    return [
      {
        id: q.id,
        kind: q.kind,
        text: pick(q.text, lang),
        options: d.options.flatMap((id) => {
          const o = q.options.find((x) => x.id === id)
          return o ? [{ id: o.id, text: pick(o.text, lang) }] : []
        }),
      },
    ]
  })
}

export function getQuizPage(
  user: Learner,
  slug: string,
  lang: Lang,
  attemptId: number | null,
  db: Db = getDb(),
  random: () => number = Math.random,
) {
  const module = findModule(slug)
  if (!module) return null
  const enrolment = enrolmentOf(user.id, slug, db)
  const attemptNumber = attemptCount(user.id, slug, db)
  const lessonTitle = (lessonSlug: string) =>
    pick(module.lessons.find((l) => l.slug === lessonSlug)?.title ?? module.title, lang)
  let review = null
  let questions: ReturnType<typeof showDraw> = []
  if (attemptId !== null) {
    const attempt = db
      .select({
        id: quizAttempts.id,
        answers: quizAttempts.answers,
        draw: quizAttempts.draw,
        score: quizAttempts.score,
        isPassed: quizAttempts.isPassed,
      })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.id, attemptId),
          eq(quizAttempts.personId, user.id),
          eq(quizAttempts.moduleSlug, slug),
        ),
      )
      .get()
    // Someone else's attempt, or none: the same answer as a missing page.
    if (!attempt) return null
    const draw =
      attempt.draw ?? module.quiz.questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) }))
    questions = showDraw(module, draw, lang)
    const outcome = scoreDrawnQuiz(module.quiz, draw, attempt.answers)
    review = {
      id: attempt.id,
      score: attempt.score,
      isPassed: attempt.isPassed,
      // After a content edit an old attempt may no longer match the questions: the score stays, feedback goes.
      // After a fail the feedback names what to reread, never the right option: the key stays secret for the
      // retry. After a pass the right options and the explanations are shown.
      questions: outcome.ok
        ? outcome.questions.map((o) => {
            const q = module.quiz.questions.find((x) => x.id === o.id)!
            const reread = {
              lessonSlug: q.lesson,
              lessonTitle: lessonTitle(q.lesson),
              section: q.section ? pick(q.section, lang) : null,
            }
            return attempt.isPassed
              ? { ...o, explanation: pick(q.explanation, lang), reread }
              : {
                  id: o.id,
                  chosen: o.chosen,
                  correct: [] as string[],
                  isCorrect: o.isCorrect,
                  explanation: null as string | null,
                  reread,
                }
          })
        : null,
    }
  } else if (enrolment !== null) {
    questions = showDraw(module, currentDraw(user.id, module, attemptNumber, db, random), lang)
  }
  return {
    module: { slug: module.slug, title: pick(module.title, lang) },
    passMark: module.quiz.passMark,
    questions,
    isStarted: enrolment !== null,
    isCompleted: enrolment?.completedAt != null,
    attemptNumber,
    review,
  }
}

export type QuizSubmission =
  | { ok: true; attemptId: number; isPassed: boolean }
  | { ok: false; reason: "not_found" | "not_started" | "forged" }
  | { ok: false; reason: "already_submitted"; attemptId: number }

/**
 * Scores and stores one attempt; a pass completes the module (and stays completed). `attemptNumber` is the number
 * of attempts the form was shown after: a second submit of the same form is answered with the first one's result.
 */
export function submitQuiz(
  user: Learner,
  slug: string,
  answers: QuizAnswers,
  attemptNumber: number,
  db: Db = getDb(),
  now = new Date(),
): QuizSubmission {
  const module = findModule(slug)
  if (!module) return { ok: false, reason: "not_found" }
  return db.transaction((t): QuizSubmission => {
    const enrolment = enrolmentOf(user.id, slug, t)
    if (!enrolment) return { ok: false, reason: "not_started" }
    if (attemptCount(user.id, slug, t) !== attemptNumber) {
      const latest = latestAttemptOf(user.id, slug, t)
      if (latest) return { ok: false, reason: "already_submitted", attemptId: latest.id }
      return { ok: false, reason: "forged" }
    }
    // Scored on the questions this attempt was shown, stored on the server; answers to others are forged.
    const stored = t
      .select({ attemptNumber: quizDraws.attemptNumber, draw: quizDraws.draw })
      .from(quizDraws)
      .where(and(eq(quizDraws.personId, user.id), eq(quizDraws.moduleSlug, slug)))
      .get()
    if (stored?.attemptNumber !== attemptNumber) return { ok: false, reason: "forged" }
    const draw = stored.draw
    const drawn = new Set(draw.map((d) => d.id))
    if (Object.keys(answers).some((id) => !drawn.has(id))) return { ok: false, reason: "forged" }
    const outcome = scoreDrawnQuiz(module.quiz, draw, answers)
    if (!outcome.ok) return { ok: false, reason: "forged" }
    const { id } = t
      .insert(quizAttempts)
      .values({
        personId: user.id,
        moduleSlug: slug,
        answers,
        draw,
        score: outcome.score,
        isPassed: outcome.isPassed,
        createdAt: now,
      })
      .returning({ id: quizAttempts.id })
      .get()
    if (outcome.isPassed)
      t.update(enrolments)
        .set({ completedAt: now })
        .where(
          and(
            eq(enrolments.personId, user.id),
            eq(enrolments.moduleSlug, slug),
            isNull(enrolments.completedAt),
          ),
        )
        .run()
    // A pass of a module required for the person's work is also a signed training record (ai-register).
    if (outcome.isPassed) recordIfRequired(user.id, slug, outcome.score, t, now)
    return { ok: true, attemptId: id, isPassed: outcome.isPassed }
  })
}
