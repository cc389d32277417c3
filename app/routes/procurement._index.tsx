import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listGuides } from "~/services/procurement.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"

export const handle = { i18n: ["procurement"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public: suppliers read it too
  const t = await getFixedT(request)
  return { pageTitle: `${t("procurement:title")} – Parat`, guides: listGuides(detectLanguage(request)) }
}

export default function ProcurementPage() {
  const { guides } = useLoaderData<typeof loader>()
  const { t } = useTranslation("procurement")
  return (
    <section className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p className="muted">{t("notAdvice")}</p>
      <ul className="module-list">
        <li className="card">
          <h2>
            <Link to="/procurement/clauses">{t("clausesTitle")}</Link>
          </h2>
          <p>{t("clausesSummary")}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/procurement/roadmap">{t("roadmapTitle")}</Link>
          </h2>
          <p>{t("roadmapSummary")}</p>
        </li>
        {guides.map((g) => (
          <li key={g.slug} className="card">
            <h2>
              <Link to={`/procurement/guides/${g.slug}`}>{g.title}</Link>
            </h2>
            <p>{g.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
