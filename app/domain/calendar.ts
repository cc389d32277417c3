// Dates in Parat are Danish calendar days ("2026-12-24"), and instants (a sign-in, a submitted answer) are shown in
// Danish time. Every date on every page is written by the functions here.

export type CalendarDay = string

const DANISH_TIME_ZONE = "Europe/Copenhagen"
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/
// Made once: a formatter is immutable, and making one costs far more than using it (the eligibility rule asks
// for today's Danish day on every survey page and save).
const DANISH_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: DANISH_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
})
const DANISH_OFFSET = new Intl.DateTimeFormat("en-US", {
  timeZone: DANISH_TIME_ZONE,
  timeZoneName: "shortOffset",
})

/** A real day written as YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string): value is CalendarDay {
  if (!DAY_PATTERN.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** The calendar day it is in Denmark at an instant (after 23:00 UTC in winter it is already tomorrow). */
export function danishDay(instant: Date): CalendarDay {
  const parts = DANISH_DAY.formatToParts(instant)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ""
  return `${part("year")}-${part("month")}-${part("day")}`
}

/** Minutes Denmark is ahead of UTC at an instant (60 in winter, 120 in summer). */
function danishOffsetMinutes(instant: Date) {
  const name = DANISH_OFFSET.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? "")
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === "-" ? -minutes : minutes
}

/** The instant a Danish calendar day begins (midnight in Denmark; clocks change at 01:00 UTC, never near it). */
export function startOfDanishDay(day: CalendarDay): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  return new Date(utcMidnight - danishOffsetMinutes(new Date(utcMidnight - 2 * 3_600_000)) * 60_000)
}

/** The instant a Danish calendar day ends: the start of the next. */
export function endOfDanishDay(day: CalendarDay): Date {
  return startOfDanishDay(addDays(day, 1))
}

/** The day a number of days later (or earlier, when negative). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

function locale(lang: "da" | "en") {
  return lang === "en" ? "en-GB" : "da-DK"
}

/** A calendar day as people read it: "24. december 2026" / "24 December 2026" (style long), or "24.12.2026". */
export function formatDay(day: CalendarDay, lang: "da" | "en", style: "long" | "short" = "long") {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: style === "long" ? "long" : "short",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`))
}

/** A stretch of days: "1. – 24. december 2026" is left to Intl, which knows each language's way. */
export function formatDayRange(from: CalendarDay, to: CalendarDay, lang: "da" | "en") {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: "UTC" }).formatRange(
    new Date(`${from}T00:00:00Z`),
    new Date(`${to}T00:00:00Z`),
  )
}

/** The Danish calendar day of an instant, written as people read it (a submitted result's date). */
export function formatInstantDay(instant: Date | string, lang: "da" | "en") {
  return formatDay(danishDay(new Date(instant)), lang)
}

/** An instant with its time of day in Danish time (the audit log). */
export function formatInstant(instant: Date | string, lang: "da" | "en") {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: DANISH_TIME_ZONE,
  }).format(new Date(instant))
}
