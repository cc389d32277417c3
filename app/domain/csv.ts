// The one CSV writer. Two dialects:
// - "spreadsheet": what Danish Excel opens by double-click: semicolons, decimal commas, UTF-8 with a BOM (without it
//   Excel reads æ, ø and å as Latin-1);
// - "plain": RFC 4180 for programs: commas, decimal points, no BOM.
// Cells that a spreadsheet would run as a formula get a leading quote (OWASP's advice against CSV injection).

export type CsvCell = string | number | boolean | null | undefined
export type CsvDialect = "spreadsheet" | "plain"
export const CSV_DIALECTS = ["spreadsheet", "plain"] as const satisfies readonly CsvDialect[]

const FORMAT = {
  spreadsheet: { delimiter: ";", decimal: ",", bom: "\uFEFF" },
  plain: { delimiter: ",", decimal: ".", bom: "" },
} as const

const FORMULA_START = /^[=+\-@\t\r]/

/** True when a spreadsheet would read the text as a formula (or a command) instead of as text. */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value)
}

/** One cell as text: formula-like text is defused with a leading quote, then quoted when needed. */
export function escapeCsvCell(cell: CsvCell, dialect: CsvDialect = "plain"): string {
  if (cell === null || cell === undefined) return ""
  if (typeof cell === "number" && !Number.isFinite(cell)) return ""
  const { delimiter, decimal } = FORMAT[dialect]
  // Numbers and booleans are data, not text a user typed: -3 stays a number.
  let text = typeof cell === "number" ? String(cell).replace(".", decimal) : String(cell)
  if (typeof cell === "string" && isFormulaLike(text)) text = `'${text}`
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r")
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows to CSV text with CRLF line ends (what spreadsheets expect). */
export function toCsv(
  rows: readonly (readonly CsvCell[])[],
  { dialect = "plain" }: { dialect?: CsvDialect } = {},
) {
  if (rows.length === 0) return ""
  const { delimiter, bom } = FORMAT[dialect]
  return `${bom}${rows.map((row) => row.map((cell) => escapeCsvCell(cell, dialect)).join(delimiter)).join("\r\n")}\r\n`
}
