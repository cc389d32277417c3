// Parat's database, read as a description of the domain (../docs/content-format.md for the content side).
import { sql } from "drizzle-orm"
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core"

const id = () => integer("id").primaryKey({ autoIncrement: true })
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`)

/** A dimension's sums in a group: how many, the score total, and how many at each level 0–4. */
const aggregateSums = () => ({
  dimension: text("dimension").notNull(),
  n: integer("n").notNull().default(0),
  scoreSum: real("score_sum").notNull().default(0),
  level0: integer("level0").notNull().default(0),
  level1: integer("level1").notNull().default(0),
  level2: integer("level2").notNull().default(0),
  level3: integer("level3").notNull().default(0),
  level4: integer("level4").notNull().default(0),
})

export const UNIT_KINDS = ["region", "hospital", "department", "section"] as const

// The domain's fixed words are defined once, in app/domain/vocabulary.ts.
import {
  DEFAULT_MIN_GROUP_SIZE,
  ERASURE_MODES,
  JOB_FAMILIES,
  LANGUAGES,
  ROLES,
} from "../app/domain/vocabulary"

export { JOB_FAMILIES, LANGUAGES, ROLES }

export type UnitKind = (typeof UNIT_KINDS)[number]
export type Role = (typeof ROLES)[number]
export type JobFamily = (typeof JOB_FAMILIES)[number]
export type Language = (typeof LANGUAGES)[number]

// ---------------------------------------------------------------- organisation

/** The organisation tree. `path` is the chain of ancestor ids, "/1/4/9/", so a subtree is a prefix match. */
export const units = sqliteTable(
  "units",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    path: text("path").notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("units_code_unique").on(t.code),
    // children of a unit (tree view, heatmap rows)
    index("units_parent_idx").on(t.parentId),
    // subtree lookups by path prefix
    index("units_path_idx").on(t.path),
  ],
)

export const people = sqliteTable(
  "people",
  {
    id: id(),
    employeeId: text("employee_id"),
    email: text("email").notNull(),
    name: text("name").notNull(),
    jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    role: text("role", { enum: ROLES }).notNull().default("employee"),
    language: text("language", { enum: LANGUAGES }).notNull().default("da"),
    passwordHash: text("password_hash"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
    /** set when an admin erased or anonymised the person: the row stays as a nameless placeholder (docs/privacy.md) */
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
    erasure: text("erasure", { enum: ERASURE_MODES }),
    /** set when a recovery by e-mail removed their authenticator: they set up a new one before anything else */
    mustEnrolTwoFactor: integer("must_enrol_two_factor", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // login by email
    uniqueIndex("people_email_unique").on(t.email),
    // import matches on employee id
    uniqueIndex("people_employee_id_unique").on(t.employeeId),
    // people per unit and job family (invited counts, learning progress): counted from the index alone
    index("people_unit_active_family_idx").on(t.unitId, t.isActive, t.jobFamily),
  ],
)

/** A manager sees the subtrees below each of their scope units. */
export const managerScopes = sqliteTable(
  "manager_scopes",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.unitId] })],
)

// ---------------------------------------------------------------- authentication

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256, so a leaked table opens nothing. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** the absolute end (PARAT_SESSION_MAX_HOURS after sign-in), whatever the activity */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** the last request seen, for the idle timeout (PARAT_SESSION_IDLE_MINUTES); refreshed at most once a minute */
    // (SQLite cannot add a column with an expression default; sessions from before this column start idle)
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull().default(sql`0`),
    /** the identity provider asserted a second factor at this sign-in (PARAT_OIDC_MFA_AMR / _ACR) */
    isMfaByIdp: integer("is_mfa_by_idp", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // revoke all of a person's sessions
    index("sessions_person_idx").on(t.personId),
    // purge of expired sessions
    index("sessions_expires_idx").on(t.expiresAt),
  ],
)

/**
 * A sign-in waiting for its second step: the password was right, the two-factor code is still to come. The browser
 * holds a random token in a short-lived cookie, the table only its SHA-256.
 */
export const signInChallenges = sqliteTable(
  "sign_in_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** where to go after the second step (already checked to stay on the site) */
    redirectTo: text("redirect_to").notNull().default("/"),
    /** how the first step was made: a password, or a single sign-on without the provider's second factor */
    firstStep: text("first_step", { enum: ["password", "sso"] })
      .notNull()
      .default("password"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  // purge of expired challenges
  (t) => [index("sign_in_challenges_expires_idx").on(t.expiresAt)],
)

/**
 * A person's TOTP authenticator (RFC 6238). The secret is sealed with AES-256-GCM under a key kept outside the
 * database (app/services/secret-box.server.ts). Unconfirmed until the person types a first code.
 */
export const totpCredentials = sqliteTable("totp_credentials", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  sealedSecret: text("sealed_secret").notNull(),
  confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  /** the time step of the last accepted code: a code is accepted once (RFC 6238 section 5.2) */
  lastTimeStep: integer("last_time_step"),
  createdAt: createdAt(),
})

/** One-time recovery codes for a lost authenticator: shown once, stored as SHA-256 (they carry 50 random bits). */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: id(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  // a person's codes (check one, count the unused, replace all)
  (t) => [index("recovery_codes_person_idx").on(t.personId)],
)

/**
 * Sign-in attempts by account ("email:...") and by address ("ip:..."), for rate limiting. A row is written before
 * the password is checked, so parallel attempts cannot all pass the limit; a successful attempt removes its rows.
 */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: id(),
    key: text("key").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  // count recent failures for one key
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
)

/**
 * A recovery link for a lost authenticator, sent by e-mail after the person's password was right (hash stored, the
 * token travels only in the mail). One use, short-lived; using it removes the authenticator and ends every session.
 */
export const twoFactorRecoveries = sqliteTable(
  "two_factor_recoveries",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  // requests per person in the last day (the rate limit); a person's open links (spent together)
  (t) => [index("two_factor_recoveries_person_idx").on(t.personId, t.createdAt)],
)

/** One-time password reset tokens handed over by an admin (hash stored, token shown once). */
export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  personId: integer("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
})

// ---------------------------------------------------------------- survey

/** Every instrument version ever loaded, kept whole so old results stay readable after the file changes. */
export const instrumentVersions = sqliteTable("instrument_versions", {
  hash: text("hash").primaryKey(),
  key: text("key").notNull(),
  version: integer("version").notNull(),
  content: text("content", { mode: "json" }).notNull(),
  loadedAt: createdAt(),
})

export const CYCLE_STATUSES = ["draft", "open", "closed"] as const
export type CycleStatus = (typeof CYCLE_STATUSES)[number]

export const cycles = sqliteTable("cycles", {
  id: id(),
  name: text("name").notNull(),
  instrumentHash: text("instrument_hash")
    .notNull()
    .references(() => instrumentVersions.hash),
  status: text("status", { enum: CYCLE_STATUSES }).notNull().default("draft"),
  /** Danish calendar days ("2026-12-24"): a cycle takes answers from the start of its opening day to the end of its
   * closing day in Danish time. */
  opensOn: text("opens_on").notNull(),
  closesOn: text("closes_on").notNull(),
  /** k of the anonymity rule, fixed when the cycle opens. */
  minGroupSize: integer("min_group_size").notNull().default(DEFAULT_MIN_GROUP_SIZE),
  /** Days after opening on which those who have not submitted get a reminder by e-mail, e.g. [7, 12]. */
  reminderDays: text("reminder_days", { mode: "json" }).$type<number[]>().notNull().default([]),
  /** When the admin opened it (invitations went out); reminders count their days from here or opensOn. */
  openedAt: integer("opened_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
})

/** The units a cycle targets; a targeted unit includes its whole subtree. */
export const cycleUnits = sqliteTable(
  "cycle_units",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId] })],
)

export const RESPONSE_STATUSES = ["draft", "submitted"] as const

/** One response per person per cycle: a draft saved page by page, then submitted once. */
export const responses = sqliteTable(
  "responses",
  {
    id: id(),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("draft"),
    /** item id -> answer: 1..5 for likert items, an option id or "dont_know" for knowledge items */
    answers: text("answers", { mode: "json" }).$type<Record<string, number | string>>().notNull().default({}),
    page: integer("page").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
  },
  // one response per person per cycle; also serves "my responses"
  (t) => [uniqueIndex("responses_cycle_person_unique").on(t.cycleId, t.personId)],
)

/** The scored result of a submitted response, with the unit and job family at the time of submitting. */
export const results = sqliteTable(
  "results",
  {
    id: id(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
    /** lowest level over all dimensions (0 when any dimension is incomplete): AI-literacy overview */
    minLevel: integer("min_level").notNull(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("results_response_unique").on(t.responseId),
    // a person's results over cycles (result page, path builder)
    index("results_person_cycle_idx").on(t.personId, t.cycleId),
  ],
)

export const resultScores = sqliteTable(
  "result_scores",
  {
    resultId: integer("result_id")
      .notNull()
      .references(() => results.id, { onDelete: "cascade" }),
    dimension: text("dimension").notNull(),
    /** 0..100, null when too few items were answered */
    score: real("score"),
    level: integer("level"),
    /** instrument v2: the self-ratings' mean (0..100), reported beside the knowledge level; null in v1 */
    confidence: real("confidence"),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.dimension] })],
)

/** The group a report row sums over: a cycle, a unit and a job family. */
const reportGroup = () => ({
  cycleId: integer("cycle_id")
    .notNull()
    .references(() => cycles.id),
  unitId: integer("unit_id")
    .notNull()
    .references(() => units.id),
  jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
})

/**
 * Per cycle, unit (the person's own unit, not its ancestors), job family and dimension: sums kept up to date in
 * the submit transaction, so reports add up a few rows per unit instead of scanning every result.
 * What a closed cycle shows is decided from them once, at close (app/domain/disclosure.ts).
 */
export const resultAggregates = sqliteTable(
  "result_aggregates",
  {
    ...reportGroup(),
    ...aggregateSums(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.jobFamily, t.dimension] })],
)

/** Per cycle, unit and job family: submitted responses and how many reached Foundation in every dimension. */
export const participationAggregates = sqliteTable(
  "participation_aggregates",
  {
    ...reportGroup(),
    submitted: integer("submitted").notNull().default(0),
    allFoundation: integer("all_foundation").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.jobFamily] })],
)

/** Who was invited to a cycle, fixed when it opens (people in the targeted subtrees then). */
export const cycleInvitations = sqliteTable(
  "cycle_invitations",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.personId] }),
    // invited counts per unit in a cycle
    index("cycle_invitations_unit_idx").on(t.cycleId, t.unitId),
  ],
)

// ---------------------------------------------------------------- learning

/** Course modules synced from courses/modules by slug; a removed module keeps its row (removedAt) and its history. */
export const modules = sqliteTable("modules", {
  slug: text("slug").primaryKey(),
  dimension: text("dimension").notNull(),
  level: integer("level").notNull(),
  title: text("title", { mode: "json" }).$type<{ da: string; en: string }>().notNull(),
  minutes: integer("minutes").notNull(),
  contentHash: text("content_hash").notNull(),
  removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
})

/** A person's work on a module: started when they open it or add it, completed when they pass its quiz. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug")
      .notNull()
      .references(() => modules.slug),
    /** added to the path by the learner from the catalogue, not by the path builder */
    isAddedByLearner: integer("is_added_by_learner", { mode: "boolean" }).notNull().default(false),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.moduleSlug] }),
    // learning progress reports: completions per module
    index("enrolments_module_idx").on(t.moduleSlug, t.completedAt),
  ],
)

export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug")
      .notNull()
      .references(() => modules.slug),
    lessonSlug: text("lesson_slug").notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.moduleSlug, t.lessonSlug] })],
)

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: id(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug")
      .notNull()
      .references(() => modules.slug),
    answers: text("answers", { mode: "json" }).$type<Record<string, string[]>>().notNull(),
    /** the questions and option order this attempt was shown; null for attempts made before quizzes drew */
    draw: text("draw", { mode: "json" }).$type<{ id: string; options: string[] }[]>(),
    score: real("score").notNull(),
    isPassed: integer("is_passed", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  // latest attempt of a person on a module
  (t) => [index("quiz_attempts_person_module_idx").on(t.personId, t.moduleSlug)],
)

/**
 * The draw of a person's next quiz attempt on a module, made when the form is first shown and kept until it is
 * submitted, so reloading shows the same questions in the same order and scoring uses exactly them.
 */
export const quizDraws = sqliteTable(
  "quiz_draws",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug")
      .notNull()
      .references(() => modules.slug),
    /** the number of attempts submitted before this draw: a draw serves exactly one attempt */
    attemptNumber: integer("attempt_number").notNull(),
    draw: text("draw", { mode: "json" }).$type<{ id: string; options: string[] }[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.moduleSlug] })],
)

// ---------------------------------------------------------------- handbook and administration

/** The handbook checklist items a person has ticked. */
export const handbookChecks = sqliteTable(
  "handbook_checks",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    checkedAt: integer("checked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.itemId] })],
)

/** A handbook template a person has filled in: the field values as JSON, one row per person and template. */
export const handbookTemplateEntries = sqliteTable(
  "handbook_template_entries",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    templateSlug: text("template_slug").notNull(),
    /** JSON object of field id -> text, only fields the template defines */
    fieldValues: text("field_values").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.templateSlug] })],
)

/** A named colleague who may read a person's handbook project (ticks and filled templates). */
export const handbookShares = sqliteTable(
  "handbook_shares",
  {
    ownerId: integer("owner_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    viewerId: integer("viewer_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.viewerId] }),
    // "projects shared with me" on the viewer's handbook page
    index("handbook_shares_viewer").on(t.viewerId),
  ],
)

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id").references(() => people.id),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  // filter by action, newest first
  (t) => [index("audit_log_action_at_idx").on(t.action, t.at)],
)

// ---------------------------------------------------------------- what closed cycles publish

/**
 * A closed cycle's publication, decided once when it closes over the organisation as it stood then
 * (docs/decisions/002-anonymity.md): nothing a later move, rename, import or change of k does alters it.
 */
export const publishedCycles = sqliteTable("published_cycles", {
  cycleId: integer("cycle_id")
    .primaryKey()
    .references(() => cycles.id, { onDelete: "cascade" }),
  /** k of the rule the publication was decided with */
  k: integer("k").notNull(),
  publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
  /**
   * utility, for the decision record: cells with people, hidden as small, by the cohort rule, by the audit of the
   * cycle, and by the audit across cycles (read with every earlier publication)
   */
  cellsWithPeople: integer("cells_with_people").notNull(),
  hiddenSmall: integer("hidden_small").notNull(),
  hiddenByCohort: integer("hidden_by_cohort").notNull(),
  hiddenByAudit: integer("hidden_by_audit").notNull(),
  hiddenAcrossCycles: integer("hidden_across_cycles").notNull().default(0),
})

/** The tree as it stood when the cycle closed: names, parents and depth then. */
export const publishedUnits = sqliteTable(
  "published_units",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    parentId: integer("parent_id"),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    /** the chain of ancestor ids then, "/1/4/9/" */
    path: text("path").notNull(),
    hasChildren: integer("has_children", { mode: "boolean" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.unitId] }),
    // the children of a unit in a cycle (heatmap rows)
    index("published_units_parent_idx").on(t.cycleId, t.parentId),
  ],
)

/**
 * The shown cells of a publication: a unit's subtree, for all job families ("all") or one. A hidden cell has no
 * row at all, so no hidden figure is ever stored for reading.
 */
export const publishedCells = sqliteTable(
  "published_cells",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    invited: integer("invited").notNull(),
    submitted: integer("submitted").notNull(),
    allFoundation: integer("all_foundation").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.slice] })],
)

/** Per shown cell and dimension: how many scored, the score total, and how many at each level. */
export const publishedScores = sqliteTable(
  "published_scores",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    ...aggregateSums(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.slice, t.dimension] })],
)

/** Per shown cell and dimension (instrument v2): confidence (the self-ratings' mean) beside the knowledge score. */
export const publishedConfidence = sqliteTable(
  "published_confidence",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    dimension: text("dimension").notNull(),
    /** people with both a knowledge score and a confidence in this dimension */
    n: integer("n").notNull(),
    confidenceSum: real("confidence_sum").notNull(),
    scoreSum: real("score_sum").notNull(),
    /** how many rate themselves higher (over) or lower (under) than their answers show, beyond the margin */
    over: integer("over").notNull(),
    under: integer("under").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.slice, t.dimension] })],
)

/** Per shown cell and unscored attitude item (hopes and worries): how many answered, the total, how many agree. */
export const publishedAttitudes = sqliteTable(
  "published_attitudes",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    itemId: text("item_id").notNull(),
    n: integer("n").notNull(),
    valueSum: integer("value_sum").notNull(),
    agree: integer("agree").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.slice, t.itemId] })],
)

/** Per shown cell and AI tool ("tools.<register system id>" or a short-list key): how many use it. */
export const publishedTools = sqliteTable(
  "published_tools",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    toolKey: text("tool_key").notNull(),
    /** the tool's name when the cycle closed (the short list's text, or the register system's name) */
    label: text("label", { mode: "json" }).$type<{ da: string; en: string }>().notNull(),
    users: integer("users").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.unitId, t.slice, t.toolKey] })],
)

// ---------------------------------------------------------------- learning progress, published as snapshots

/**
 * A dated snapshot of learning progress, decided once under the disclosure rule over the organisation as it stood
 * (docs/decisions/002-anonymity.md); managers read learning progress only from snapshots, never live.
 */
export const learningSnapshots = sqliteTable("learning_snapshots", {
  id: id(),
  takenAt: integer("taken_at", { mode: "timestamp_ms" }).notNull(),
  /** k of the rule it was decided with: today's, never below the strictest ever used */
  k: integer("k").notNull(),
  cellsWithPeople: integer("cells_with_people").notNull(),
  hiddenSmall: integer("hidden_small").notNull(),
  hiddenByCohort: integer("hidden_by_cohort").notNull(),
  hiddenByAudit: integer("hidden_by_audit").notNull(),
  /** hidden by the audit read with every earlier snapshot */
  hiddenAcrossSnapshots: integer("hidden_across_snapshots").notNull().default(0),
})

/** The tree as it stood when the snapshot was taken. */
export const learningSnapshotUnits = sqliteTable(
  "learning_snapshot_units",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => learningSnapshots.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    parentId: integer("parent_id"),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    path: text("path").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.unitId] }),
    // the children of a unit in a snapshot (learning table rows)
    index("learning_snapshot_units_parent_idx").on(t.snapshotId, t.parentId),
  ],
)

/** The shown cells of a snapshot (a hidden cell has no row): people, Foundation completions, modules completed. */
export const learningSnapshotCells = sqliteTable(
  "learning_snapshot_cells",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => learningSnapshots.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    slice: text("slice").notNull(),
    people: integer("people").notNull(),
    modulesCompleted: integer("modules_completed").notNull(),
    /** dimension -> people who completed its Foundation module */
    foundation: text("foundation", { mode: "json" }).$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.unitId, t.slice] })],
)

/**
 * Who counted where in a snapshot, only for the cohort rule of the next snapshots (a group shown again must not
 * differ by 1..k-1 people). Never shown; erased with the person.
 */
export const learningSnapshotMembers = sqliteTable(
  "learning_snapshot_members",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => learningSnapshots.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
    jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.personId] }),
    // the cohort rule joins a person's membership across snapshots
    index("learning_snapshot_members_person_idx").on(t.personId),
  ],
)

// ---------------------------------------------------------------- e-mail and settings

export const MAIL_KINDS = ["invitation", "reminder", "password_link", "two_factor_recovery"] as const
export type MailKind = (typeof MAIL_KINDS)[number]
export const MAIL_STATUSES = ["queued", "sending", "sent", "failed", "cancelled"] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]

/**
 * The outbox: every e-mail is a row first, written in the transaction that causes it, and a worker sends it
 * (app/services/mail-worker.server.ts). `dedupeKey` makes enqueueing idempotent; a row is claimed (queued ->
 * sending) before it is sent, so one mail goes out once. The text is rendered when sent, in the person's language.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: id(),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id").references(() => cycles.id, { onDelete: "cascade" }),
    /** what the text needs beyond person and cycle (a password link); cleared once sent */
    payload: text("payload", { mode: "json" }).$type<Record<string, string>>(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    /** filled when sent: to whom and what, for the admin's list */
    toAddress: text("to_address"),
    subject: text("subject"),
    /** the plain text, kept only with the log-only transport (the demo reads mails on /admin/mail) */
    body: text("body"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_outbox_dedupe_unique").on(t.dedupeKey),
    // the worker's queue: due rows by status and time
    index("mail_outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    // at most one invitation or reminder a day per person; invited and reminded counts per cycle
    index("mail_outbox_person_created_idx").on(t.personId, t.createdAt),
    index("mail_outbox_cycle_kind_idx").on(t.cycleId, t.kind),
  ],
)

/** People who unsubscribed from a cycle's reminders (one click from the mail). */
export const reminderOptOuts = sqliteTable(
  "reminder_opt_outs",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.personId] })],
)

/** Settings the admin changes at run time (environment settings stay in env.server.ts). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
})

// ---------------------------------------------------------------- AI-system register and training records

import { DUE_AGAIN_REASONS, MDR_CLASSES, RISK_CLASSES, SYSTEM_STATUSES } from "../app/domain/ai-register"
import type { InstructionQuiz } from "../app/domain/local-instruction"

/** An AI system the hospital deploys or plans to, as it stands now; every change is kept in ai_system_versions. */
export const aiSystems = sqliteTable("ai_systems", {
  id: id(),
  name: text("name").notNull(),
  supplier: text("supplier").notNull(),
  intendedPurpose: text("intended_purpose").notNull(),
  status: text("status", { enum: SYSTEM_STATUSES }).notNull(),
  riskClass: text("risk_class", { enum: RISK_CLASSES }).notNull(),
  mdrClass: text("mdr_class", { enum: MDR_CLASSES }).notNull().default("none"),
  isGenerative: integer("is_generative", { mode: "boolean" }).notNull().default(false),
  contactName: text("contact_name").notNull(),
  /** the handbook phase key (courses/handbook) the system is in */
  handbookPhase: text("handbook_phase"),
  version: integer("version").notNull().default(1),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by").references(() => people.id),
  createdAt: createdAt(),
})

/** The units that use a system; a unit includes its subtree. */
export const aiSystemUnits = sqliteTable(
  "ai_system_units",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => aiSystems.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.unitId] }), index("ai_system_units_unit_idx").on(t.unitId)],
)

/** Every version of a register entry, whole, with who made it and when: the register's history. */
export const aiSystemVersions = sqliteTable(
  "ai_system_versions",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => aiSystems.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    changedBy: integer("changed_by").references(() => people.id),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.version] })],
)

/**
 * A local instruction the hospital writes in the admin UI (Markdown, Danish and English) with a short check quiz.
 * The row is the current version; every version is kept whole in local_instruction_versions.
 */
export const localInstructions = sqliteTable("local_instructions", {
  id: id(),
  title: text("title", { mode: "json" }).$type<{ da: string; en: string }>().notNull(),
  body: text("body", { mode: "json" }).$type<{ da: string; en: string }>().notNull(),
  quiz: text("quiz", { mode: "json" }).$type<InstructionQuiz>().notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by").references(() => people.id),
  createdAt: createdAt(),
})

/** Every version of an instruction, whole, with whether the admin marked the change as substantial. */
export const localInstructionVersions = sqliteTable(
  "local_instruction_versions",
  {
    instructionId: integer("instruction_id")
      .notNull()
      .references(() => localInstructions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    isSubstantial: integer("is_substantial", { mode: "boolean" }).notNull(),
    changedBy: integer("changed_by").references(() => people.id),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instructionId, t.version] })],
)

/** Who must complete which course module for a system: per job family, with a refresh period and grace days. */
export const aiRequirements = sqliteTable(
  "ai_requirements",
  {
    id: id(),
    systemId: integer("system_id")
      .notNull()
      .references(() => aiSystems.id, { onDelete: "cascade" }),
    /** a course module from the catalogue, or else a local instruction (exactly one of the two) */
    moduleSlug: text("module_slug").references(() => modules.slug),
    instructionId: integer("instruction_id").references(() => localInstructions.id),
    jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
    refreshMonths: integer("refresh_months"),
    graceDays: integer("grace_days").notNull().default(30),
    createdAt: createdAt(),
    createdBy: integer("created_by").references(() => people.id),
  },
  (t) => [
    uniqueIndex("ai_requirements_unique").on(t.systemId, t.moduleSlug, t.jobFamily),
    uniqueIndex("ai_requirements_instruction_unique").on(t.systemId, t.instructionId, t.jobFamily),
  ],
)

/** Events that make requirements due again: a module changed in substance, or a register change of a system. */
export const dueAgainEvents = sqliteTable("due_again_events", {
  id: id(),
  reason: text("reason", { enum: DUE_AGAIN_REASONS }).notNull(),
  systemId: integer("system_id").references(() => aiSystems.id, { onDelete: "cascade" }),
  moduleSlug: text("module_slug").references(() => modules.slug),
  instructionId: integer("instruction_id").references(() => localInstructions.id),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
  actorId: integer("actor_id").references(() => people.id),
})

/** Public keys that have signed training records (the private key is kept only when generated here). */
export const signingKeys = sqliteTable("signing_keys", {
  keyId: text("key_id").primaryKey(),
  publicKeyPem: text("public_key_pem").notNull(),
  privateKeyPem: text("private_key_pem"),
  createdAt: createdAt(),
})

/**
 * Append-only training records, each signed by the hospital's key. Never updated or deleted: a correction is a
 * new record pointing at the one it corrects (correctsId), void when it withdraws it.
 */
export const trainingRecords = sqliteTable(
  "training_records",
  {
    id: id(),
    code: text("code").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** the name as signed, so the record stays verifiable if the person's row changes */
    personName: text("person_name").notNull(),
    /** the module completed, or else the local instruction (exactly one of the two) */
    moduleSlug: text("module_slug").references(() => modules.slug),
    instructionId: integer("instruction_id").references(() => localInstructions.id),
    /** a module's "<substantive version>.<content hash prefix>", an instruction's version, when completed */
    contentVersion: text("content_version").notNull(),
    score: real("score").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
    correctsId: integer("corrects_id").references((): AnySQLiteColumn => trainingRecords.id),
    isVoid: integer("is_void", { mode: "boolean" }).notNull().default(false),
    keyId: text("key_id")
      .notNull()
      .references(() => signingKeys.keyId),
    signature: text("signature").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("training_records_code_unique").on(t.code),
    index("training_records_person_idx").on(t.personId, t.moduleSlug),
  ],
)

/** The admin's own job titles (Stilling in an HR export) and the job family each means; Parat's defaults beside. */
export const jobTitles = sqliteTable("job_titles", {
  /** lower case, single spaces (titleKey) */
  title: text("title").primaryKey(),
  jobFamily: text("job_family", { enum: JOB_FAMILIES }).notNull(),
  createdAt: createdAt(),
})
