import { resolve } from "node:path"
import { expect, test } from "vitest"
import { DIMENSIONS } from "~/domain/content-schema"
import {
  type ContentError,
  ContentInvalidError,
  contentHash,
  formatContentError,
  loadInstrument,
} from "~/services/content-loader.server"

const root = resolve("courses")

test("the real instrument is valid: six dimensions, 5 to 7 items each, both kinds, some reverse-keyed", () => {
  const errors: ContentError[] = []
  const instrument = loadInstrument(root, errors)
  expect(errors).toEqual([])
  expect(instrument!.dimensions.map((d) => d.key)).toEqual([...DIMENSIONS])
  // the documented thresholds (docs/scoring.md)
  expect(instrument!.levels.map((l) => l.min)).toEqual([40, 60, 75, 90])
  expect(instrument!.minAnsweredShare).toBe(0.6)
  for (const d of instrument!.dimensions) {
    expect(d.items.length).toBeGreaterThanOrEqual(5)
    expect(d.items.length).toBeLessThanOrEqual(7)
    expect(d.items.some((i) => i.kind === "likert")).toBe(true)
    expect(d.items.some((i) => i.kind === "knowledge")).toBe(true)
    expect(d.items.some((i) => i.kind === "likert" && i.reverse)).toBe(true)
    for (const item of d.items) {
      expect(item.text.da.trim()).not.toBe("")
      expect(item.text.en.trim()).not.toBe("")
      if (item.kind === "knowledge") {
        expect(item.options.length).toBeGreaterThanOrEqual(3)
        expect(item.options.length).toBeLessThanOrEqual(4)
        expect(item.options.map((o) => o.id)).toContain(item.correct)
      }
    }
  }
})

test("the content hash names the content: same content, same hash; a changed text, a new hash", () => {
  const instrument = loadInstrument(root, [])!
  const { hash, ...content } = instrument
  expect(contentHash(content)).toBe(hash)
  expect(contentHash(JSON.parse(JSON.stringify(content)))).toBe(hash)
  const changed = structuredClone(content)
  changed.dimensions[0]!.items[0]!.text.en = "Another wording"
  expect(contentHash(changed)).not.toBe(hash)
})

test("a broken instrument fails with the file, the line and the path of each problem", () => {
  const errors: ContentError[] = []
  const instrument = loadInstrument(resolve("tests/fixtures"), errors, "broken-instrument.yaml")
  expect(instrument).toBeNull()
  const at = (path: string) => errors.find((e) => e.path === path)
  expect(errors.every((e) => e.file === "broken-instrument.yaml")).toBe(true)
  // four scale labels instead of five
  expect(at("scale")).toMatchObject({ line: 9, message: "the agreement scale has exactly 5 labels" })
  // an empty English text
  expect(at("dimensions.0.items.1.text.en")).toMatchObject({ line: 31, message: "must not be empty" })
  // the correct answer is not an option
  expect(at("dimensions.0.items.2.correct")).toMatchObject({ line: 39 })
  // two options are too few
  expect(at("dimensions.0.items.3.options")).toMatchObject({ line: 44 })
  // one dimension instead of six
  expect(at("dimensions")).toMatchObject({ line: 21, message: "the instrument has the six dimensions" })
  const message = new ContentInvalidError(errors).message
  expect(message).toContain("broken-instrument.yaml:31 at dimensions.0.items.1.text.en: must not be empty")
  expect(formatContentError(at("scale")!)).toBe(
    "broken-instrument.yaml:9 at scale: the agreement scale has exactly 5 labels",
  )
})

test("a YAML syntax error is reported with its line", () => {
  const errors: ContentError[] = []
  expect(loadInstrument(resolve("tests/fixtures"), errors, "syntax-error-instrument.yaml")).toBeNull()
  // The brace opened on line 3 is never closed; the parser notices on line 4.
  expect(errors[0]).toMatchObject({ file: "syntax-error-instrument.yaml", line: 4 })
})

test("a missing instrument file is an error, not a crash", () => {
  const errors: ContentError[] = []
  expect(loadInstrument(resolve("tests/fixtures"), errors, "no-such-instrument.yaml")).toBeNull()
  expect(errors).toEqual([{ file: "no-such-instrument.yaml", message: "file is missing or unreadable" }])
})
