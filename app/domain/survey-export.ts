// A person's own answers and scores as CSV. Pure: rows in, text out.

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe, so an exported answer can never run as a formula (CSV injection); then RFC 4180 quoting.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ""
  let text = String(value)
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows as CSV with CRLF line ends (what spreadsheets expect) and a BOM so Excel reads æ, ø and å right. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`
}
