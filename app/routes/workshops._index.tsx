import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listWorkshops } from "~/services/workshops.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"

export const handle = { i18n: ["workshops"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page
  const t = await getFixedT(request)
  return { pageTitle: `${t("workshops:listTitle")} – Parat`, kits: listWorkshops(detectLanguage(request)) }
}

export default function WorkshopsPage() {
  const { kits } = useLoaderData<typeof loader>()
  const { t } = useTranslation("workshops")
  return (
    <section className="page">
      <h1>{t("listTitle")}</h1>
      <p className="lead">{t("listIntro")}</p>
      <ul className="module-list">
        {kits.map((kit) => (
          <li key={kit.slug} className="card">
            <h2>
              <Link to={`/workshops/${kit.slug}`}>{kit.title}</Link>
            </h2>
            <p className="muted">{t("minutes", { count: kit.minutes })}</p>
            <p>{kit.goal}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
