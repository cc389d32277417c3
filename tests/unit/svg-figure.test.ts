import { expect, test } from "vitest"
import { contrastRatio, svgProblems } from "~/domain/svg-figure"

const good = (inner = "", attrs = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" role="img"${attrs}>
  <title>ROC curve</title>
  <desc>The curve bows towards the top left corner.</desc>
  <rect x="0" y="0" width="400" height="300" fill="#ffffff"/>
  <path d="M40 260 L360 40" stroke="#0b4f6c" stroke-width="3" fill="none"/>
  <text x="40" y="290" font-size="14" fill="#1b1f24">1 − specificity</text>
  ${inner}
</svg>`

test("a hand-written accessible figure passes", () => {
  expect(svgProblems(good())).toEqual([])
  expect(svgProblems(`<?xml version="1.0" encoding="UTF-8"?>\n${good()}`)).toEqual([])
})

test("scripts, event handlers, foreignObject and external references are refused", () => {
  expect(svgProblems(good("<script>alert(1)</script>"))).toContain("<script> is not allowed")
  expect(svgProblems(good('<circle r="3" onclick="x()"/>'))).toContain(
    "event handler attributes (on…) are not allowed",
  )
  expect(svgProblems(good("<foreignObject><p>x</p></foreignObject>"))).toContain(
    "<foreignObject> is not allowed",
  )
  expect(svgProblems(good('<use href="https://evil.example/x.svg#a"/>'))).toContain(
    'external reference "https://evil.example/x.svg#a" is not allowed',
  )
  expect(svgProblems(good('<rect fill="url(https://x.example/p)" width="1" height="1"/>'))).toContainEqual(
    expect.stringMatching(/^external reference url\(/),
  )
  expect(svgProblems(good('<use href="#marker"/>'))).toEqual([])
  expect(svgProblems(`<!DOCTYPE svg [<!ENTITY x "y">]>${good()}`)).toContain(
    "no DOCTYPE or ENTITY declarations",
  )
})

test("a figure without viewBox, role, title or desc is refused", () => {
  const bare = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" fill="#000000"/></svg>'
  expect(svgProblems(bare)).toEqual([
    "the <svg> element needs a viewBox",
    'the <svg> element needs role="img"',
    "a <title> is required",
    "a <desc> is required",
  ])
  expect(svgProblems("<p>not an svg</p>")).toEqual(["the file must start with an <svg> element"])
})

test("text below 12 px and colours under 3:1 against white are refused", () => {
  expect(svgProblems(good('<text font-size="10" fill="#000000">x</text>'))).toContain(
    "font-size 10 is below 12 px",
  )
  expect(svgProblems(good('<line stroke="#aaaaaa" x1="0" x2="1" y1="0" y2="1"/>'))).toContainEqual(
    expect.stringMatching(/^colour #aaaaaa has contrast 2\.\d\d:1 against white/),
  )
  expect(svgProblems(good('<line stroke="orange" x1="0" x2="1" y1="0" y2="1"/>'))).toContainEqual(
    expect.stringMatching(/^colour "orange" must be a hex colour/),
  )
})

test("contrast follows WCAG 2.1", () => {
  expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5)
  expect(contrastRatio([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 1)
})
