// CSV export that a spreadsheet can open safely: cells that a spreadsheet would run as a formula get a leading
// quote (OWASP's advice against CSV injection), and quoting follows RFC 4180.

export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** True when a spreadsheet would read the text as a formula (or a command) instead of as text. */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value)
}

/** One cell as text: formula-like text is defused with a leading quote, then quoted when needed. */
export function escapeCsvCell(cell: CsvCell, delimiter = ","): string {
  if (cell === null || cell === undefined) return ""
  if (typeof cell === "number" && !Number.isFinite(cell)) return ""
  // Numbers and booleans are data, not text a user typed: -3 stays a number.
  let text = typeof cell === "string" ? cell : String(cell)
  if (typeof cell === "string" && isFormulaLike(text)) text = `'${text}`
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r")
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows to CSV text with CRLF line ends (what spreadsheets expect). */
export function toCsv(rows: readonly (readonly CsvCell[])[], { delimiter = "," } = {}): string {
  if (rows.length === 0) return ""
  return `${rows.map((row) => row.map((cell) => escapeCsvCell(cell, delimiter)).join(delimiter)).join("\r\n")}\r\n`
}
