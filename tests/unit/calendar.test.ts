import { expect, test } from "vitest"
import {
  addDays,
  danishDay,
  endOfDanishDay,
  formatDay,
  formatDayRange,
  formatInstant,
  isCalendarDay,
  startOfDanishDay,
} from "~/domain/calendar"

test("the Danish day of an instant: after 23:00 UTC in winter and 22:00 UTC in summer it is tomorrow", () => {
  expect(danishDay(new Date("2026-12-24T22:59:59Z"))).toBe("2026-12-24")
  expect(danishDay(new Date("2026-12-24T23:00:00Z"))).toBe("2026-12-25")
  expect(danishDay(new Date("2026-07-01T21:59:59Z"))).toBe("2026-07-01")
  expect(danishDay(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02")
})

test("a calendar day must be a real day written YYYY-MM-DD", () => {
  expect(isCalendarDay("2026-12-24")).toBe(true)
  expect(isCalendarDay("2028-02-29")).toBe(true)
  expect(isCalendarDay("2026-02-30")).toBe(false)
  expect(isCalendarDay("2026-13-01")).toBe(false)
  expect(isCalendarDay("24-12-2026")).toBe(false)
  expect(isCalendarDay("2026-12-24T00:00")).toBe(false)
})

test("adding days crosses months, years and the change to summer time", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
  expect(addDays("2026-03-28", 2)).toBe("2026-03-30")
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
})

test("a day is written as the same day in either language, whatever the server's time zone", () => {
  expect(formatDay("2026-12-24", "da")).toBe("24. december 2026")
  expect(formatDay("2026-12-24", "en")).toBe("24 December 2026")
  expect(formatDay("2026-01-01", "da")).toBe("1. januar 2026")
  expect(formatDayRange("2026-12-01", "2026-12-24", "en")).toMatch(/^1\D+24 December 2026$/)
  expect(formatDayRange("2026-12-01", "2026-12-24", "da")).toMatch(/1\.\D+24\. december 2026$/)
})

test("an instant is written in Danish time", () => {
  expect(formatInstant(new Date("2026-12-24T23:30:00Z"), "en")).toMatch(/25 Dec 2026.*00:30/)
  expect(formatInstant(new Date("2026-06-30T22:30:00Z"), "da")).toMatch(/1\. jul\.? 2026.*00[.:]30/)
})

test("a Danish day begins at midnight in Denmark, in winter and in summer, and around the clock changes", () => {
  expect(startOfDanishDay("2026-12-24").toISOString()).toBe("2026-12-23T23:00:00.000Z")
  expect(endOfDanishDay("2026-12-24").toISOString()).toBe("2026-12-24T23:00:00.000Z")
  expect(startOfDanishDay("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z")
  // Summer time starts 29 March 2026 at 01:00 UTC and ends 25 October 2026 at 01:00 UTC.
  expect(startOfDanishDay("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z")
  expect(endOfDanishDay("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z")
  expect(startOfDanishDay("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z")
  expect(endOfDanishDay("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z")
  expect(danishDay(startOfDanishDay("2026-10-25"))).toBe("2026-10-25")
})
