import { expect, test } from "vitest"
import { escapeCsvCell, isFormulaLike, toCsv } from "~/domain/csv"

test("plain cells are written as they are, rows end with CRLF", () => {
  expect(
    toCsv([
      ["a", "b"],
      ["Søren Østergaard", "Ærø"],
    ]),
  ).toBe("a,b\r\nSøren Østergaard,Ærø\r\n")
})

test("no rows give an empty string", () => {
  expect(toCsv([])).toBe("")
})

test("cells starting with = + - @ tab or CR get a leading quote", () => {
  expect(escapeCsvCell("=CMD|' /C calc'!A0")).toBe("'=CMD|' /C calc'!A0")
  expect(escapeCsvCell("+1")).toBe("'+1")
  expect(escapeCsvCell("-2+3")).toBe("'-2+3")
  expect(escapeCsvCell("@SUM(A1)")).toBe("'@SUM(A1)")
  expect(escapeCsvCell("\tx")).toBe("'\tx")
  expect(escapeCsvCell("\rx")).toBe('"\'\rx"')
})

test("a formula char later in the text is harmless and left alone", () => {
  expect(escapeCsvCell("a=b")).toBe("a=b")
  expect(isFormulaLike("Anne-Mette")).toBe(false)
  expect(isFormulaLike("-Anne")).toBe(true)
})

test("numbers, booleans, null and undefined are data: negative numbers are not defused", () => {
  expect(toCsv([[-3, 4.5, true, null, undefined]])).toBe("-3,4.5,true,,\r\n")
})

test("delimiters, quotes and line breaks are quoted, quotes doubled", () => {
  expect(escapeCsvCell("a,b")).toBe('"a,b"')
  expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""')
  expect(escapeCsvCell("two\nlines")).toBe('"two\nlines"')
  expect(escapeCsvCell("a;b")).toBe("a;b")
  expect(toCsv([["a;b", "c"]], { delimiter: ";" })).toBe('"a;b";c\r\n')
})

test("a formula cell that also needs quoting gets both", () => {
  expect(escapeCsvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"')
})
