import { expect, test } from "vitest"
import { toCsv } from "~/domain/csv"

test("plain cells are joined with commas and rows end with CRLF", () => {
  expect(
    toCsv([
      ["a", 1, null],
      ["b", 2.5, "c"],
    ]),
  ).toBe("a,1,\r\nb,2.5,c\r\n")
})

test("commas, quotes and line breaks are quoted and quotes doubled", () => {
  expect(toCsv([['He said "hi", then left', "two\nlines"]])).toBe(
    '"He said ""hi"", then left","two\nlines"\r\n',
  )
})

test("cells that a spreadsheet would run as a formula start with a single quote", () => {
  expect(toCsv([["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"]])).toBe(
    "'=1+1,'+SUM(A1),'-2,'@cmd,'\tx,\"'\rx\"\r\n",
  )
})

test("numbers are written as numbers, also negative ones, and a non-finite number is empty", () => {
  expect(toCsv([[-3, 0, Number.NaN]])).toBe("-3,0,\r\n")
})

test("Danish letters pass through unchanged", () => {
  expect(toCsv([["Ørkenløb Åse Æble"]])).toBe("Ørkenløb Åse Æble\r\n")
})
