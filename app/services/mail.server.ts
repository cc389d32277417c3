// The e-mail outbox: invitations, reminders and password links are queued here in the transaction that causes
// them, and sent by processOutbox (started with the server by mail-worker.server.ts). See
// docs/decisions/014-oidc-and-outbox.md.

import { createHmac, timingSafeEqual } from "node:crypto"
import { and, asc, count, desc, eq, lte, sql } from "drizzle-orm"
import {
  decideMailCounts,
  decideParticipationCounts,
  type MailAtom,
  type ParticipationAtom,
  type ShownCount,
} from "~/domain/admin-counts"
import { endOfDanishDay, startOfDanishDay } from "~/domain/calendar"
import {
  dueReminderDay,
  MAX_MAIL_ATTEMPTS,
  type MailContent,
  type MailTranslate,
  renderMail,
  retryDelayMs,
} from "~/domain/mail"
import type { Language } from "~/domain/vocabulary"
import { env, publicOrigin } from "~/env.server"
import { createI18n } from "~/i18n/i18n.server"
import type { Writer } from "./audit.server"
import { cachedForProcess } from "./cache.server"
import { type Db, getDb, schema } from "./db.server"
import type { MailTransport } from "./mail-transport.server"
import { publishedCycleList } from "./reports/published.server"
import { signingSecret } from "./settings.server"

const { mailOutbox, cycles, cycleInvitations, people, responses, reminderOptOuts, units, managerScopes } =
  schema

const DAY_MS = 86_400_000
/** A claimed mail not finished within this time (a crash mid-send) is queued again. */
const SENDING_LEASE_MS = 10 * 60_000
export const DEFAULT_REMINDER_DAYS = [7, 12]

type Runner = Pick<Db, "run">

// ---------------------------------------------------------------- enqueueing

/** Queues one invitation per invited person of the cycle; run inside openCycle's transaction. */
export function enqueueInvitations(tx: Runner, cycleId: number, now = new Date()) {
  tx.run(sql`insert or ignore into mail_outbox (kind, dedupe_key, person_id, cycle_id, next_attempt_at, created_at)
    select 'invitation', 'invitation:' || cycle_id || ':' || person_id, person_id, cycle_id,
      ${now.getTime()}, ${now.getTime()}
    from cycle_invitations where cycle_id = ${cycleId}`)
}

/** Queues a one-time password link; the token is kept only until the mail is sent. */
export function enqueuePasswordLink(
  tx: Writer,
  personId: number,
  token: string,
  expiresAt: Date,
  now = new Date(),
) {
  enqueueLinkMail(tx, "password_link", personId, token, expiresAt, now)
}

/** Queues a two-factor recovery link; like a password link, the token is kept only until the mail is sent. */
export function enqueueTwoFactorRecovery(
  tx: Writer,
  personId: number,
  token: string,
  expiresAt: Date,
  now = new Date(),
) {
  enqueueLinkMail(tx, "two_factor_recovery", personId, token, expiresAt, now)
}

function enqueueLinkMail(
  tx: Writer,
  kind: "password_link" | "two_factor_recovery",
  personId: number,
  token: string,
  expiresAt: Date,
  now: Date,
) {
  tx.insert(mailOutbox)
    .values({
      kind,
      dedupeKey: `${kind}:${personId}:${token.slice(0, 16)}`,
      personId,
      payload: { token, expiresAt: expiresAt.toISOString() },
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run()
}

/**
 * Queues the reminders due now: for each open cycle with a reminder day passed, one reminder per invited, active
 * person who has not submitted, has not unsubscribed, and got no invitation or reminder in the last 24 hours.
 * The stage is part of the dedupe key, so running this every minute queues each reminder once.
 */
export function scheduleReminders(db: Db = getDb(), now = new Date()) {
  const open = db
    .select({
      id: cycles.id,
      reminderDays: cycles.reminderDays,
      opensOn: cycles.opensOn,
      openedAt: cycles.openedAt,
      closesOn: cycles.closesOn,
    })
    .from(cycles)
    .where(eq(cycles.status, "open"))
    .all()
  let queued = 0
  for (const cycle of open) {
    const opensAt = startOfDanishDay(cycle.opensOn)
    const startedAt = new Date(Math.max(opensAt.getTime(), cycle.openedAt?.getTime() ?? 0))
    const day = dueReminderDay(cycle.reminderDays, startedAt, endOfDanishDay(cycle.closesOn), now)
    if (day === null) continue
    queued += db.run(sql`insert or ignore into mail_outbox
        (kind, dedupe_key, person_id, cycle_id, next_attempt_at, created_at)
      select 'reminder', 'reminder:' || ci.cycle_id || ':' || ci.person_id || ':' || ${day}, ci.person_id,
        ci.cycle_id, ${now.getTime()}, ${now.getTime()}
      from cycle_invitations ci
      join people p on p.id = ci.person_id and p.is_active = 1
      where ci.cycle_id = ${cycle.id}
        and not exists (select 1 from responses r
          where r.cycle_id = ci.cycle_id and r.person_id = ci.person_id and r.status = 'submitted')
        and not exists (select 1 from reminder_opt_outs o
          where o.cycle_id = ci.cycle_id and o.person_id = ci.person_id)
        and not exists (select 1 from mail_outbox m
          where m.person_id = ci.person_id and m.kind in ('invitation', 'reminder')
            and m.created_at > ${now.getTime() - DAY_MS})`).changes
  }
  return queued
}

// ---------------------------------------------------------------- sending

function mailT(lang: Language): Promise<MailTranslate> {
  return cachedForProcess(`mail-translator:${lang}`, async () => {
    const instance = await createI18n(lang)
    return instance.getFixedT(lang, "mail") as unknown as MailTranslate
  })
}

type Claimed = NonNullable<ReturnType<typeof loadMail>>

function loadMail(id: number, db: Db) {
  return db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      personId: mailOutbox.personId,
      cycleId: mailOutbox.cycleId,
      payload: mailOutbox.payload,
      attempts: mailOutbox.attempts,
      email: people.email,
      name: people.name,
      language: people.language,
      isActive: people.isActive,
      cycleName: cycles.name,
      cycleStatus: cycles.status,
      closesOn: cycles.closesOn,
      k: cycles.minGroupSize,
    })
    .from(mailOutbox)
    .innerJoin(people, eq(people.id, mailOutbox.personId))
    .leftJoin(cycles, eq(cycles.id, mailOutbox.cycleId))
    .where(eq(mailOutbox.id, id))
    .get()
}

/**
 * Whether the mail should no longer go out: the person left, the link expired, the cycle closed, they answered or
 * unsubscribed.
 */
function isObsolete(mail: Claimed, db: Db, now: Date) {
  if (!mail.isActive) return true
  if (mail.kind === "password_link" || mail.kind === "two_factor_recovery") {
    return new Date(mail.payload?.expiresAt ?? 0).getTime() <= now.getTime()
  }
  if (
    mail.cycleStatus !== "open" ||
    !mail.closesOn ||
    endOfDanishDay(mail.closesOn).getTime() <= now.getTime()
  )
    return true
  const submitted = db
    .select({ n: count() })
    .from(responses)
    .where(
      and(
        eq(responses.cycleId, mail.cycleId ?? 0),
        eq(responses.personId, mail.personId),
        eq(responses.status, "submitted"),
      ),
    )
    .get()?.n
  if (submitted) return true
  if (mail.kind !== "reminder") return false
  const optedOut = db
    .select({ n: count() })
    .from(reminderOptOuts)
    .where(and(eq(reminderOptOuts.cycleId, mail.cycleId ?? 0), eq(reminderOptOuts.personId, mail.personId)))
    .get()?.n
  return Boolean(optedOut)
}

function contentOf(mail: Claimed): MailContent {
  const surveyLink = `${publicOrigin}/survey/${mail.cycleId}/page/1`
  switch (mail.kind) {
    case "invitation":
      return {
        kind: "invitation",
        name: mail.name,
        cycle: mail.cycleName ?? "",
        closesOn: mail.closesOn ?? "",
        k: mail.k ?? env.PARAT_MIN_GROUP_SIZE,
        link: surveyLink,
      }
    case "reminder":
      return {
        kind: "reminder",
        name: mail.name,
        cycle: mail.cycleName ?? "",
        closesOn: mail.closesOn ?? "",
        link: surveyLink,
        unsubscribeLink: unsubscribeLink(mail.cycleId ?? 0, mail.personId),
      }
    case "password_link":
      return {
        kind: "password_link",
        name: mail.name,
        link: `${publicOrigin}/reset-password/${mail.payload?.token ?? ""}`,
        expiresAt: new Date(mail.payload?.expiresAt ?? Date.now()),
      }
    case "two_factor_recovery":
      return {
        kind: "two_factor_recovery",
        name: mail.name,
        link: `${publicOrigin}/two-factor-recovery/${mail.payload?.token ?? ""}`,
        expiresAt: new Date(mail.payload?.expiresAt ?? Date.now()),
      }
  }
}

/** Queued mails whose lease ran out while "sending" (the process died mid-send) are queued again. */
function releaseStaleClaims(db: Db, now: Date) {
  db.update(mailOutbox)
    .set({ status: "queued" })
    .where(and(eq(mailOutbox.status, "sending"), lte(mailOutbox.nextAttemptAt, now)))
    .run()
}

export type OutboxRun = { sent: number; failed: number; retried: number; cancelled: number }

/**
 * Sends the due mails. Each row is claimed (queued -> sending, one UPDATE) before it is sent, so two workers or
 * two ticks never send the same mail; a failure puts it back with exponential backoff, up to MAX_MAIL_ATTEMPTS.
 */
export async function processOutbox(
  transport: MailTransport,
  { db = getDb(), now = new Date(), limit = 50 }: { db?: Db; now?: Date; limit?: number } = {},
): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, failed: 0, retried: 0, cancelled: 0 }
  releaseStaleClaims(db, now)
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "queued"), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(limit)
    .all()
  for (const { id } of due) {
    const claimed = db
      .update(mailOutbox)
      .set({
        status: "sending",
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_MS),
      })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, "queued")))
      .run()
    if (claimed.changes !== 1) continue
    const mail = loadMail(id, db)
    if (!mail) continue
    if (isObsolete(mail, db, now)) {
      db.update(mailOutbox).set({ status: "cancelled", payload: null }).where(eq(mailOutbox.id, id)).run()
      run.cancelled++
      continue
    }
    const lang = mail.language
    const rendered = renderMail(contentOf(mail), lang, await mailT(lang))
    const headers: Record<string, string> = {}
    if (mail.kind === "reminder") {
      // RFC 8058: mail programs offer their own unsubscribe button, which POSTs to this address.
      headers["List-Unsubscribe"] = `<${unsubscribeLink(mail.cycleId ?? 0, mail.personId)}>`
      headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    }
    try {
      await transport.transporter.sendMail({
        from: env.PARAT_MAIL_FROM,
        to: { name: mail.name, address: mail.email },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // The same Message-ID on a resend after a crash lets the receiving side drop the copy.
        messageId: `<outbox-${id}@${new URL(publicOrigin).hostname}>`,
        headers: { ...headers, "Content-Language": lang, "Auto-Submitted": "auto-generated" },
      })
      db.update(mailOutbox)
        .set({
          status: "sent",
          sentAt: now,
          toAddress: mail.email,
          subject: rendered.subject,
          body: transport.kind === "log" ? rendered.text : null,
          payload: null,
          lastError: null,
        })
        .where(eq(mailOutbox.id, id))
        .run()
      if (transport.kind === "log") console.log(`[mail] ${mail.kind} to ${mail.email}: ${rendered.subject}`)
      run.sent++
    } catch (error) {
      const attempts = mail.attempts // already counted by the claim
      const isFinal = attempts >= MAX_MAIL_ATTEMPTS
      db.update(mailOutbox)
        .set({
          status: isFinal ? "failed" : "queued",
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          lastError: String((error as Error)?.message ?? error).slice(0, 500),
          ...(isFinal ? { payload: null } : {}),
        })
        .where(eq(mailOutbox.id, id))
        .run()
      if (isFinal) run.failed++
      else run.retried++
    }
  }
  return run
}

// ---------------------------------------------------------------- unsubscribe

function signature(cycleId: number, personId: number, db: Db) {
  return createHmac("sha256", signingSecret(db))
    .update(`unsubscribe:${cycleId}:${personId}`)
    .digest("base64url")
    .slice(0, 32)
}

export function unsubscribeLink(cycleId: number, personId: number, db: Db = getDb()) {
  return `${publicOrigin}/unsubscribe/${cycleId}.${personId}.${signature(cycleId, personId, db)}`
}

/** The cycle and person a signed unsubscribe token names, or null when it is not one of ours. */
export function readUnsubscribeToken(token: string, db: Db = getDb()) {
  const match = /^(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token)
  if (!match) return null
  const cycleId = Number(match[1])
  const personId = Number(match[2])
  const expected = Buffer.from(signature(cycleId, personId, db))
  const given = Buffer.from(match[3] ?? "")
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const cycle = db.select({ name: cycles.name }).from(cycles).where(eq(cycles.id, cycleId)).get()
  return cycle ? { cycleId, personId, cycleName: cycle.name } : null
}

export function optOutOfReminders(cycleId: number, personId: number, db: Db = getDb()) {
  db.insert(reminderOptOuts).values({ cycleId, personId, at: new Date() }).onConflictDoNothing().run()
}

// ---------------------------------------------------------------- the admin's and the managers' views

export function getOutbox(status: schema.MailStatus | undefined, db: Db = getDb()) {
  const counts = db
    .select({ status: mailOutbox.status, n: count() })
    .from(mailOutbox)
    .groupBy(mailOutbox.status)
    .all()
  const mails = db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      toAddress: sql<string>`coalesce(${mailOutbox.toAddress}, ${people.email})`,
      subject: mailOutbox.subject,
      cycleName: cycles.name,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      lastError: mailOutbox.lastError,
      hasBody: sql<number>`${mailOutbox.body} is not null`,
    })
    .from(mailOutbox)
    .innerJoin(people, eq(people.id, mailOutbox.personId))
    .leftJoin(cycles, eq(cycles.id, mailOutbox.cycleId))
    .where(status ? eq(mailOutbox.status, status) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(100)
    .all()
  return { counts: Object.fromEntries(counts.map((c) => [c.status, c.n])), mails }
}

export function getOutboxMail(id: number, db: Db = getDb()) {
  return (
    db
      .select({
        id: mailOutbox.id,
        kind: mailOutbox.kind,
        status: mailOutbox.status,
        toAddress: sql<string>`coalesce(${mailOutbox.toAddress}, ${people.email})`,
        subject: mailOutbox.subject,
        body: mailOutbox.body,
        sentAt: mailOutbox.sentAt,
      })
      .from(mailOutbox)
      .innerJoin(people, eq(people.id, mailOutbox.personId))
      .where(eq(mailOutbox.id, id))
      .get() ?? null
  )
}

export type ManagerMailRow = {
  unitId: number
  name: string
  /** below the manager's own scope unit: 0 for the scope unit itself */
  depth: number
  invited: ShownCount
  reminded: ShownCount
}

/**
 * For each cycle that sent e-mails and each unit in the manager's scope (whole subtrees): how many were invited
 * and how many reminded by e-mail, under the reports' disclosure rule (app/domain/admin-counts.ts,
 * `decideMailCounts`). A closed cycle counts over the tree as it stood at close and shows them only where its
 * frozen publication shows the unit's participation cell; an open cycle decides participation with the same audit
 * as the admin's participation page. Never who.
 */
export function getManagerMailCounts(managerId: number, db: Db = getDb()) {
  const scopeIds = db
    .select({ unitId: managerScopes.unitId })
    .from(managerScopes)
    .where(eq(managerScopes.personId, managerId))
    .all()
    .map((s) => s.unitId)
  if (scopeIds.length === 0) return []
  const cycleRows = db
    .selectDistinct({
      id: cycles.id,
      name: cycles.name,
      k: cycles.minGroupSize,
      status: cycles.status,
      opensOn: cycles.opensOn,
    })
    .from(cycles)
    .innerJoin(mailOutbox, and(eq(mailOutbox.cycleId, cycles.id), eq(mailOutbox.status, "sent")))
    .orderBy(desc(cycles.opensOn))
    .all()
  // Publishes any closed cycle not yet published (a cycle closed before publications existed).
  if (cycleRows.some((c) => c.status === "closed")) publishedCycleList(db)
  return cycleRows
    .map((cycle) => {
      const atoms = db.all<MailAtom & ParticipationAtom>(sql`
        select i.unit_id as unitId, i.job_family as family, count(*) as invited,
          sum(case when r.status = 'submitted' then 1 else 0 end) as submitted,
          coalesce(sum(m.mailed), 0) as mailed, coalesce(sum(m.reminded), 0) as reminded
        from ${cycleInvitations} i
        left join responses r on r.cycle_id = i.cycle_id and r.person_id = i.person_id
        left join (
          select person_id, max(kind = 'invitation') as mailed, max(kind = 'reminder') as reminded
          from ${mailOutbox} where cycle_id = ${cycle.id} and status = 'sent' group by person_id
        ) m on m.person_id = i.person_id
        where i.cycle_id = ${cycle.id}
        group by 1, 2`)
      let tree: { id: number; parentId: number | null; name: string; path: string }[]
      let participationShown: Set<number>
      if (cycle.status === "closed") {
        // The tree the cycle closed on and the participation cells its publication shows (no row: hidden).
        tree = db.all(sql`select unit_id as id, parent_id as parentId, name, path
          from published_units where cycle_id = ${cycle.id}`)
        participationShown = new Set(
          db
            .all<{ unitId: number }>(sql`select unit_id as unitId from published_cells
              where cycle_id = ${cycle.id} and slice = 'all'`)
            .map((c) => c.unitId),
        )
      } else {
        tree = db
          .select({ id: units.id, parentId: units.parentId, name: units.name, path: units.path })
          .from(units)
          .all()
        const participation = decideParticipationCounts(tree, atoms, cycle.k)
        participationShown = new Set(
          [...participation]
            .filter(([, c]) => c.invited.kind === "count" && c.submitted.kind === "count")
            .map(([id]) => id),
        )
      }
      const counts = decideMailCounts(tree, atoms, cycle.k, participationShown)
      const scopePaths = tree.filter((u) => scopeIds.includes(u.id)).map((u) => u.path)
      const rows: ManagerMailRow[] = tree
        .filter((u) => scopePaths.some((p) => u.path.startsWith(p)))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((u) => {
          const top = scopePaths.filter((p) => u.path.startsWith(p)).sort((a, b) => a.length - b.length)[0]!
          return {
            unitId: u.id,
            name: u.name,
            depth: lineageDepth(u.path) - lineageDepth(top),
            ...(counts.get(u.id) ?? { invited: HIDDEN_COUNT, reminded: HIDDEN_COUNT }),
          }
        })
      return { cycleId: cycle.id, name: cycle.name, k: cycle.k, rows }
    })
    .filter((cycle) => cycle.rows.length > 0)
}
const HIDDEN_COUNT = { kind: "hidden" } as const
const lineageDepth = (path: string) => path.split("/").filter(Boolean).length
