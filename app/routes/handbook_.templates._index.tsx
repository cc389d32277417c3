import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listTemplates } from "~/services/handbook-templates.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"

export const handle = { i18n: ["toolkit"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request) // public page: anyone can read and print a blank template
  const t = await getFixedT(request)
  return {
    pageTitle: `${t("toolkit:template.listTitle")} – Parat`,
    templates: listTemplates(detectLanguage(request)),
    isLoggedIn: user !== null,
  }
}

export default function TemplatesPage() {
  const { templates, isLoggedIn } = useLoaderData<typeof loader>()
  const { t } = useTranslation("toolkit")
  return (
    <section className="page">
      <p>
        <Link to="/handbook">{t("template.backToHandbook")}</Link>
      </p>
      <h1>{t("template.listTitle")}</h1>
      <p className="lead">{t("template.listIntro")}</p>
      {isLoggedIn ? null : <p className="alert alert--info">{t("template.loggedOut")}</p>}
      <ul className="module-list">
        {templates.map((tpl) => (
          <li key={tpl.slug} className="card">
            <h2>
              <Link to={`/handbook/templates/${tpl.slug}`}>{tpl.title}</Link>
            </h2>
            <p>{tpl.purpose}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
