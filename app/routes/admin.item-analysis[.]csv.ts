// The item analysis as CSV: the same aggregates as the page, for the content owners' spreadsheets.
import type { LoaderFunctionArgs } from "@remix-run/node"
import { z } from "zod"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { requireRole } from "~/services/auth.server"
import { getItemAnalysis, itemAnalysisCsvRows, type Translate } from "~/services/item-analysis.server"
import { csvDownload } from "~/utils/csv-download"
import { parseQuery } from "~/utils/forms"

const QuerySchema = z.object({ cycle: z.coerce.number().int().positive() })

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const { cycle } = parseQuery(request, QuerySchema)
  const analysis = getItemAnalysis(cycle)
  if (!analysis) throw new Response("Not found", { status: 404 })
  const t = (await getFixedT(request)) as unknown as Translate
  const translate: Translate = (key, options) => t(`itemAnalysis:${key}`, options)
  const rows = itemAnalysisCsvRows(analysis, detectLanguage(request), translate)
  return csvDownload(request, rows, `item-analysis-cycle-${cycle}.csv`)
}
