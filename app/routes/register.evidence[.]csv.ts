// The evidence export as CSV: the same rows as the page (coverage() in ai-register.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node"
import { getFixedT } from "~/i18n/i18n.server"
import { evidenceCsvRows } from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { csvDownload } from "~/utils/csv-download"
import { parseQuery } from "~/utils/forms"
import { EvidenceQuery } from "~/utils/register-query"

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const query = parseQuery(request, EvidenceQuery)
  const t = (await getFixedT(request)) as unknown as (key: string) => string
  const headers = [
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
  ].map((k) => t(`register:csv.${k}`))
  const rows = evidenceCsvRows(user, { unitId: query.unit ?? null, systemId: query.system ?? null }, headers)
  if (!rows) throw new Response("Forbidden", { status: 403 })
  return csvDownload(request, rows, "ai-training-evidence.csv")
}
