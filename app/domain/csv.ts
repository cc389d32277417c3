// CSV for spreadsheets: RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.

const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: string | number | null): string {
  if (value === null) return ""
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value
  // A leading = + - @ tab or CR makes Excel and LibreOffice evaluate the cell; a quote makes it text.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(rows: (string | number | null)[][]): string {
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`
}
