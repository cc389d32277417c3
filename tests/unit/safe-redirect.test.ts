import { expect, test } from "vitest"
import { safeRedirect } from "~/utils/safe-redirect"

test("a path on this site is kept, with its query and fragment", () => {
  expect(safeRedirect("/learn?x=1#top")).toBe("/learn?x=1#top")
  expect(safeRedirect("/survey/3/page/2")).toBe("/survey/3/page/2")
  expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example") // stays an (odd) path here
})

test("another site, however written, falls back to the home page", () => {
  for (const target of [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u0000/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/./\t/evil.example",
    "javascript:alert(1)",
    " /learn",
    "",
    "learn",
  ]) {
    expect(safeRedirect(target), JSON.stringify(target)).toBe("/")
  }
})

test("anything but a string falls back, to the given fallback", () => {
  expect(safeRedirect(null)).toBe("/")
  expect(safeRedirect(undefined, "/learn")).toBe("/learn")
  expect(safeRedirect(`/${"a".repeat(3000)}`)).toBe("/")
})
