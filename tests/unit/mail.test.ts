import { expect, test } from "vitest"
import { dueReminderDay, escapeHtml, parseReminderDays, renderMail, retryDelayMs } from "~/domain/mail"

const DAY = 86_400_000
const start = new Date("2026-03-02T07:00:00Z")
const closes = new Date("2026-03-30T22:00:00Z")
const after = (days: number) => new Date(start.getTime() + days * DAY)

test("parseReminderDays accepts commas or spaces, sorts and removes repeats", () => {
  expect(parseReminderDays("12, 7")).toEqual([7, 12])
  expect(parseReminderDays("7 7;12")).toEqual([7, 12])
  expect(parseReminderDays("")).toEqual([])
})

test("parseReminderDays refuses zero, fractions, words, days over a year and more than five", () => {
  for (const bad of ["0", "7.5", "seven", "366", "1,2,3,4,5,6", "-3"])
    expect(parseReminderDays(bad)).toBeNull()
})

test("dueReminderDay is the latest passed day, and none before the first day or after close", () => {
  expect(dueReminderDay([7, 12], start, closes, after(6.99))).toBeNull()
  expect(dueReminderDay([7, 12], start, closes, after(7))).toBe(7)
  expect(dueReminderDay([7, 12], start, closes, after(13))).toBe(12)
  expect(dueReminderDay([7, 12], start, closes, closes)).toBeNull()
  expect(dueReminderDay([], start, closes, after(20))).toBeNull()
})

test("retryDelayMs doubles from 30 seconds and stops growing at an hour", () => {
  expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000])
  expect(retryDelayMs(20)).toBe(3_600_000)
})

test("renderMail escapes names in the HTML and keeps the link in both parts", () => {
  const t = (key: string, options?: Record<string, unknown>) => `${key} ${JSON.stringify(options ?? {})}`
  const mail = renderMail(
    {
      kind: "invitation",
      name: "<b>Ole</b>",
      cycle: "Forår",
      closesOn: "2026-03-30",
      k: 5,
      link: "https://x.dk/s?a=1&b=2",
    },
    "da",
    t,
  )
  expect(mail.html).not.toContain("<b>Ole</b>")
  expect(mail.html).toContain(escapeHtml("<b>Ole</b>"))
  expect(mail.html).toContain('href="https://x.dk/s?a=1&amp;b=2"')
  expect(mail.text).toContain("https://x.dk/s?a=1&b=2")
  expect(mail.html).toContain('<html lang="da">')
})

test("every kind of mail has a plain-text part, a language-tagged HTML part with real links, and no images", () => {
  const t = (key: string) => key
  const common = { name: "Ole", cycle: "Forår", closesOn: "2026-03-30", link: "https://x.dk/l" }
  const mails = [
    renderMail({ kind: "invitation", ...common, k: 5 }, "en", t),
    renderMail({ kind: "reminder", ...common, unsubscribeLink: "https://x.dk/u" }, "en", t),
    renderMail({ kind: "password_link", name: "Ole", link: "https://x.dk/l", expiresAt: closes }, "en", t),
    renderMail(
      { kind: "two_factor_recovery", name: "Ole", link: "https://x.dk/l", expiresAt: closes },
      "en",
      t,
    ),
  ]
  for (const mail of mails) {
    expect(mail.text).toContain("https://x.dk/l")
    expect(mail.html).toContain('<html lang="en">')
    expect(mail.html).toContain('<a href="https://x.dk/l">')
    expect(mail.html).not.toMatch(/<img|background=|url\(/i) // no tracking pixel, no remote image of any kind
  }
  expect(mails[1]!.html).toContain('<a href="https://x.dk/u">message.reminder.unsubscribe</a>')
})
