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
  expect(toCsv([["a;b", "c"]], { dialect: "spreadsheet" })).toBe('\uFEFF"a;b";c\r\n')
})

test("a formula cell that also needs quoting gets both", () => {
  expect(escapeCsvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"')
})

test("the spreadsheet dialect is what Danish Excel opens: semicolons, decimal commas, a BOM", () => {
  expect(
    toCsv(
      [
        ["Enhed", "Gennemsnit", "Antal"],
        ["Akutmodtagelsen, Nordhavn", 54.3, 12],
        ["Ærø", -0.5, null],
      ],
      { dialect: "spreadsheet" },
    ),
  ).toBe("\uFEFFEnhed;Gennemsnit;Antal\r\nAkutmodtagelsen, Nordhavn;54,3;12\r\nÆrø;-0,5;\r\n")
})

test("the plain dialect is RFC 4180 for programs: commas, decimal points, no BOM", () => {
  expect(toCsv([["a", 54.3]], { dialect: "plain" })).toBe("a,54.3\r\n")
  expect(escapeCsvCell(54.3, "spreadsheet")).toBe("54,3")
  expect(escapeCsvCell("1,5", "spreadsheet")).toBe("1,5")
  expect(escapeCsvCell("1,5", "plain")).toBe('"1,5"')
})
