import { expect, test } from "vitest"
import { cleanPlainText, plainTextField } from "~/domain/plain-text"

test("a name is stored in NFC, trimmed, with runs of spaces (and no-break spaces) made one", () => {
  expect(cleanPlainText("  Søren\u00A0 Ærø  ")).toEqual({ ok: true, text: "Søren Ærø" })
  // "å" as a + combining ring becomes the one character
  expect(cleanPlainText("A\u030Ase")).toEqual({ ok: true, text: "Åse" })
})

test("line breaks, tabs, C0/C1 controls, bidi overrides, isolates and invisible characters are refused", () => {
  for (const bad of [
    "a\nb",
    "a\rb",
    "a\tb",
    "a\u0000b",
    "a\u0085b",
    "a\u2028b",
    "\u202Eexe.pdf",
    "a\u2066b\u2069",
    "a\u200Fb",
    "a\u200Bb",
    "\uFEFFa",
  ]) {
    expect(cleanPlainText(bad), JSON.stringify(bad)).toEqual({ ok: false, reason: "control_characters" })
  }
})

test("letters of other scripts, emoji joiners and apostrophes stay", () => {
  for (const good of ["Zoë O'Neil", "Nguyễn Văn An", "محمد", "👩\u200D⚕️ Team"]) {
    expect(cleanPlainText(good).ok, good).toBe(true)
  }
})

test("the form field gives translation keys: required, too long, control characters", () => {
  const field = plainTextField(10)
  expect(field.safeParse(" Akut  ").data).toBe("Akut")
  expect(field.safeParse("   ").error?.issues[0]?.message).toBe("validation.required")
  expect(field.safeParse("Akut\nX").error?.issues[0]?.message).toBe("validation.controlCharacters")
  expect(field.safeParse("a".repeat(11)).error?.issues[0]?.message).toBe("validation.tooLong")
})
