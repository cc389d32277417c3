import type { LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { getAdminOverview } from "~/services/admin-overview.server"
import { requireRole } from "~/services/auth.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin"] }

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return { overview: getAdminOverview() }
}

const SECTIONS = [
  { to: "/admin/units", key: "units" },
  { to: "/admin/people", key: "people" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/cycles", key: "cycles" },
  { to: "/admin/content", key: "content" },
  { to: "/admin/audit", key: "audit" },
] as const

export default function AdminOverviewPage() {
  const { overview } = useLoaderData<typeof loader>()
  const { t } = useTranslation("admin")
  return (
    <section className="page">
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.intro")}</p>
      <ul>
        <li>{t("overview.people", { count: overview.people })}</li>
        <li>{t("overview.units", { count: overview.units })}</li>
        <li>{t("overview.openCycles", { count: overview.openCycles })}</li>
      </ul>
      <div className="cards">
        {SECTIONS.map((section) => (
          <article className="card" key={section.key} aria-labelledby={`admin-${section.key}`}>
            <h2 id={`admin-${section.key}`}>
              <Link to={section.to}>{t(`layout.${section.key}`)}</Link>
            </h2>
            <p>{t(`overview.${section.key}Text`)}</p>
          </article>
        ))}
      </div>
    </section>
  )
}

export const meta = pageMeta("admin:overview.title")
