// The evidence export as CSV: the same rows as the page (coverage() in ai-register.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { evidenceCsvRows } from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { csvDownload } from "~/utils/csv-download"
import { parseQuery } from "~/utils/forms"
import { EvidenceQuery } from "~/utils/register-query"

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const query = parseQuery(request, EvidenceQuery)
  const t = await getFixedT(request)
  const headers = (
    [
      "system",
      "unit",
      "person",
      "jobFamily",
      "module",
      "status",
      "dueAt",
      "completed",
      "contentVersion",
      "code",
    ] as const
  ).map((k) => t(`register:csv.${k}`))
  // The same words as the page: job families, states and module titles in the reader's language.
  const rows = evidenceCsvRows(
    user,
    { unitId: query.unit ?? null, systemId: query.system ?? null },
    {
      headers,
      lang: detectLanguage(request),
      jobFamily: (family) => t(`common:jobFamilies.${family}`),
      state: (state) => t(`register:state.${state}`),
    },
  )
  if (!rows) throw new Response("Forbidden", { status: 403 })
  return csvDownload(request, rows, "ai-training-evidence.csv")
}
