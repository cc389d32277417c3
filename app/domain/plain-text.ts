// One rule for every name Parat stores (people, units, cycles): a single line of visible text. Control characters,
// line breaks and bidirectional overrides are refused rather than silently removed, so what an admin typed or
// imported is either stored as shown or sent back with a reason. (A bidi override can make "evil.exe" read as
// something else in a list, and a line break splits a CSV export or a log line.)
import { z } from "zod"

// C0 and C1 controls (\p{Cc}: tab, line feed, carriage return included), the Unicode line and paragraph separators, the
// bidirectional marks, embeddings, overrides and isolates, and invisible characters that only hide text.
// Zero-width (non-)joiners stay allowed: some scripts need them inside names.
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF]/u

export type PlainTextResult = { ok: true; text: string } | { ok: false; reason: "control_characters" }

export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN.test(value)
}

/**
 * The stored form of a name: Unicode NFC (so "å" typed two ways is one name), trimmed, runs of spaces made one.
 * Refused when it holds a control character, a line break or a bidi control.
 */
export function cleanPlainText(value: string): PlainTextResult {
  if (hasForbiddenCharacters(value)) return { ok: false, reason: "control_characters" }
  return {
    ok: true,
    text: value
      .normalize("NFC")
      .replace(/[ \u00A0]+/g, " ")
      .trim(),
  }
}

/** The same rule as a zod schema for forms: required, at most `max` characters, one line of visible text. */
export function plainTextField(max: number) {
  return z
    .string({ error: "validation.required" })
    .refine((value) => !hasForbiddenCharacters(value), { error: "validation.controlCharacters" })
    .transform((value) => (cleanPlainText(value) as { text: string }).text)
    .pipe(z.string().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }))
}
