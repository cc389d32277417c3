import { readdirSync, readFileSync } from "node:fs"
import { expect, test } from "vitest"
import { parse } from "yaml"
import { computeLix, MAX_CITIZEN_LIX } from "~/domain/lix"

test("every Danish citizen page and its easy-read summary read below LIX 35", () => {
  const files = readdirSync("courses/citizen").filter((f) => f.endsWith(".yaml"))
  expect(files.length).toBeGreaterThanOrEqual(4)
  for (const file of files) {
    const page = parse(readFileSync(`courses/citizen/${file}`, "utf8"))
    expect({ file, lix: computeLix(page.body.da).lix < MAX_CITIZEN_LIX }).toEqual({ file, lix: true })
    expect({ file, easy: computeLix(page.easyRead.da).lix < MAX_CITIZEN_LIX }).toEqual({ file, easy: true })
  }
})
