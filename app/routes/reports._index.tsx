import type { LoaderFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { useTranslation } from "react-i18next"
import { ReportErrorBoundary } from "~/components/reports/report-parts"
import { requireRole } from "~/services/auth.server"
import { getFirstScopeUnitId } from "~/services/reports.server"
import { pageMeta } from "~/utils/page-title"

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  const unitId = getFirstScopeUnitId(user)
  if (unitId !== null) throw redirect(`/reports/units/${unitId}`)
  return null
}

/** Only reached by a manager without any scope yet. */
export default function ReportsIndex() {
  const { t } = useTranslation("reports")
  return (
    <section className="page narrow">
      <h1>{t("title")}</h1>
      <p>{t("noScope")}</p>
    </section>
  )
}

export const meta = pageMeta("reports:title")

export const ErrorBoundary = ReportErrorBoundary
