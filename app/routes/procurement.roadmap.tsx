import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { PrintButton } from "~/components/print-button"
import { SourceList } from "~/components/source-list"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getRoadmap } from "~/services/procurement.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"

export const handle = { i18n: ["procurement", "wiki"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page
  const roadmap = getRoadmap(detectLanguage(request))
  invariantResponse(roadmap, "Not found", { status: 404 })
  const t = await getFixedT(request)
  return { roadmap, pageTitle: `${t("procurement:roadmapTitle")} – Parat` }
}

export default function RoadmapPage() {
  const { roadmap } = useLoaderData<typeof loader>()
  const { t } = useTranslation("procurement")
  return (
    <article className="page">
      <p className="no-print">
        <Link to="/procurement">{t("back")}</Link>
      </p>
      <h1>{t("roadmapTitle")}</h1>
      <PrintButton />
      <p className="lead">{roadmap.intro}</p>
      <ol className="route-steps">
        {roadmap.stages.map((stage) => (
          <li key={stage.scenario} className="roadmap-stage">
            <h2>{stage.title}</h2>
            <h3>{t("hospital")}</h3>
            <ul>
              {stage.hospital.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ul>
            <h3>{t("supplier")}</h3>
            <ul>
              {stage.supplier.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            <p>
              <strong>{t("nextStep")}:</strong> {stage.nextStep}
            </p>
          </li>
        ))}
      </ol>
      <SourceList heading={t("sources")} sources={roadmap.sources} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
