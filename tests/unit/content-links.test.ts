import { expect, test } from "vitest"
import { extractContentLinks } from "~/domain/content-links"

test("finds wiki and module links with their lines", () => {
  const markdown =
    "## Title\n\nRead about [bias](wiki:bias).\n\nThen take [the next module](module:use-practitioner)."
  expect(extractContentLinks(markdown)).toEqual([
    { kind: "wiki", target: "bias", line: 3 },
    { kind: "module", target: "use-practitioner", line: 5 },
  ])
})

test("counts lines inside a paragraph that spans several lines", () => {
  const markdown = "First line\nsecond line with [drift](wiki:drift)\nthird [auc](wiki:auc)"
  expect(extractContentLinks(markdown).map((l) => [l.target, l.line])).toEqual([
    ["drift", 2],
    ["auc", 3],
  ])
})

test("finds links in lists and tables", () => {
  const markdown = "- [a](wiki:a)\n- [b](wiki:b)\n\n| x | y |\n| - | - |\n| [c](module:c) | d |"
  expect(extractContentLinks(markdown).map((l) => l.target)).toEqual(["a", "b", "c"])
})

test("ignores external links, plain text and code", () => {
  const markdown =
    "[eur-lex](https://eur-lex.europa.eu) wiki:not-a-link `[x](wiki:in-code)`\n\n```\n[y](wiki:in-block)\n```"
  expect(extractContentLinks(markdown)).toEqual([])
})

test("reports an empty or oddly spelt target as written, so the check can name it", () => {
  expect(
    extractContentLinks("[x](wiki:) [y](wiki:tr%C3%A6ning) [z](wiki:Træning)").map((l) => l.target),
  ).toEqual(["", "træning", "Træning"])
})

test("finds nothing in an empty text", () => {
  expect(extractContentLinks("")).toEqual([])
})
