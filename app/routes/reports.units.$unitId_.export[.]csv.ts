// The report as CSV: the same view model as the page, so the same cells are hidden.
import type { LoaderFunctionArgs } from "@remix-run/node"
import { ReportQuery, UnitParam } from "~/domain/report-query"
import { getFixedT } from "~/i18n/i18n.server"
import { recordReportExport } from "~/services/audit.server"
import { requireRole } from "~/services/auth.server"
import { exportUnitReportCsv, type Translate } from "~/services/reports.server"
import { parseQuery } from "~/utils/forms"

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  const unitId = UnitParam.safeParse(params.unitId)
  if (!unitId.success) throw new Response("Bad request", { status: 400 })
  const query = parseQuery(request, ReportQuery)
  const t = (await getFixedT(request)) as unknown as Translate
  const { csv, fileName } = exportUnitReportCsv(
    user,
    { unitId: unitId.data, cycleId: query.cycle, jobFamily: query.jobFamily },
    t,
  )
  recordReportExport(user.id, {
    unitId: unitId.data,
    cycleId: query.cycle,
    jobFamily: query.jobFamily,
    format: "csv",
  })
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  })
}
