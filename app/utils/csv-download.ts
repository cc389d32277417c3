import { z } from "zod"
import { CSV_DIALECTS, type CsvCell, type CsvDialect, toCsv } from "~/domain/csv"

/** `?format=plain` asks for the machine CSV; anything else gets the spreadsheet one. */
export function csvDialectOf(request: Request): CsvDialect {
  const format = z.enum(CSV_DIALECTS).safeParse(new URL(request.url).searchParams.get("format"))
  return format.success ? format.data : "spreadsheet"
}

/** A private CSV download in the dialect the request asked for. */
export function csvDownload(request: Request, rows: readonly (readonly CsvCell[])[], fileName: string) {
  const dialect = csvDialectOf(request)
  const name = dialect === "plain" ? fileName.replace(/\.csv$/, "-plain.csv") : fileName
  return new Response(toCsv(rows, { dialect }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  })
}
