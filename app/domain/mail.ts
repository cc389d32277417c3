// E-mail rules without I/O: the text of each mail, when a reminder is due, and how long to wait after a failure.
import { type CalendarDay, formatDay } from "./calendar"
import type { Language } from "./vocabulary"

export type MailTranslate = (key: string, options?: Record<string, unknown>) => string

export type MailContent =
  | { kind: "invitation"; name: string; cycle: string; closesOn: CalendarDay; k: number; link: string }
  | {
      kind: "reminder"
      name: string
      cycle: string
      closesOn: CalendarDay
      link: string
      unsubscribeLink: string
    }
  | { kind: "password_link"; name: string; link: string; expiresAt: Date }
  | { kind: "two_factor_recovery"; name: string; link: string; expiresAt: Date }

export type RenderedMail = { subject: string; text: string; html: string }

const DAY_MS = 86_400_000

/** A date as people in Denmark read it, in the mail's language. */
export function formatMailDate(date: Date, lang: Language) {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    dateStyle: "long",
    timeZone: "Europe/Copenhagen",
  }).format(date)
}

export function escapeHtml(value: string) {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
}

/** A date and time of day, for links that live minutes rather than days. */
export function formatMailTime(date: Date, lang: "da" | "en") {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Copenhagen",
  }).format(date)
}

type Block = { paragraph: string } | { link: string; label: string }

/** Plain text and a simple, accessible HTML version of the same blocks: no images, no tracking, real links. */
function compose(lang: Language, subject: string, blocks: Block[]): RenderedMail {
  const text = blocks
    .map((block) => ("paragraph" in block ? block.paragraph : `${block.label}:\n${block.link}`))
    .join("\n\n")
  const body = blocks
    .map((block) =>
      "paragraph" in block
        ? `<p>${escapeHtml(block.paragraph)}</p>`
        : `<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a></p>`,
    )
    .join("\n")
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
${body}
</body>
</html>
`
  return { subject, text: `${text}\n`, html }
}

export function renderMail(content: MailContent, lang: Language, t: MailTranslate): RenderedMail {
  const greeting = { paragraph: t("message.greeting", { name: content.name }) }
  const footer = { paragraph: t("message.footer") }
  switch (content.kind) {
    case "invitation": {
      const date = formatDay(content.closesOn, lang)
      return compose(lang, t("message.invitation.subject", { cycle: content.cycle }), [
        greeting,
        { paragraph: t("message.invitation.body", { cycle: content.cycle, k: content.k }) },
        { paragraph: t("message.invitation.closes", { date }) },
        { link: content.link, label: t("message.invitation.action") },
        footer,
      ])
    }
    case "reminder": {
      const date = formatDay(content.closesOn, lang)
      return compose(lang, t("message.reminder.subject", { cycle: content.cycle, date }), [
        greeting,
        { paragraph: t("message.reminder.body", { cycle: content.cycle }) },
        { paragraph: t("message.reminder.closes", { date }) },
        { link: content.link, label: t("message.reminder.action") },
        footer,
        { link: content.unsubscribeLink, label: t("message.reminder.unsubscribe") },
      ])
    }
    case "password_link":
      return compose(lang, t("message.passwordLink.subject"), [
        greeting,
        { paragraph: t("message.passwordLink.body", { date: formatMailDate(content.expiresAt, lang) }) },
        { link: content.link, label: t("message.passwordLink.action") },
        { paragraph: t("message.passwordLink.ignore") },
        footer,
      ])
    case "two_factor_recovery":
      return compose(lang, t("message.twoFactorRecovery.subject"), [
        greeting,
        { paragraph: t("message.twoFactorRecovery.body", { time: formatMailTime(content.expiresAt, lang) }) },
        { paragraph: t("message.twoFactorRecovery.after") },
        { link: content.link, label: t("message.twoFactorRecovery.action") },
        { paragraph: t("message.twoFactorRecovery.notYou") },
        footer,
      ])
  }
}

/**
 * The reminder stage due now: the largest of the admin's days that has passed since the cycle started, or null.
 * Stages missed while the server was down collapse into the latest one, so nobody gets two at once.
 */
export function dueReminderDay(reminderDays: number[], startedAt: Date, closesAt: Date, now: Date) {
  if (now.getTime() >= closesAt.getTime()) return null
  const elapsed = now.getTime() - startedAt.getTime()
  const due = reminderDays.filter((day) => day * DAY_MS <= elapsed)
  return due.length > 0 ? Math.max(...due) : null
}

/** The admin's "7, 12": whole days 1–365, at most five, sorted and unique; null when the text is not that. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length > 5 || parts.some((part) => !/^\d{1,3}$/.test(part))) return null
  const days = [...new Set(parts.map(Number))].sort((a, b) => a - b)
  return days.every((day) => day >= 1 && day <= 365) ? days : null
}

export const MAX_MAIL_ATTEMPTS = 8
const FIRST_RETRY_MS = 30_000
const LONGEST_RETRY_MS = 3_600_000

/** Exponential backoff: 30 s, 1 min, 2 min ... capped at an hour; after MAX_MAIL_ATTEMPTS the mail has failed. */
export function retryDelayMs(attempts: number) {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS)
}
