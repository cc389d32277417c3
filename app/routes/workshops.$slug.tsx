import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { MarkdownBody } from "~/components/markdown-body"
import { PrintButton } from "~/components/print-button"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getWorkshop } from "~/services/workshops.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["workshops", "wiki"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request) // public page; module links lead to the learning pages for those logged in
  const kit = getWorkshop(parseParams(params, SlugParams).slug, detectLanguage(request))
  invariantResponse(kit, "Not found", { status: 404 })
  return { kit, isLoggedIn: user !== null }
}

export default function WorkshopPage() {
  const { kit, isLoggedIn } = useLoaderData<typeof loader>()
  const { t } = useTranslation("workshops")
  return (
    <article className="page prose">
      <p className="no-print">
        <Link to="/workshops">{t("back")}</Link>
      </p>
      <h1>{kit.title}</h1>
      <PrintButton />
      <dl>
        <dt>{t("goal")}</dt>
        <dd>{kit.goal}</dd>
        <dt>{t("audience")}</dt>
        <dd>{kit.audience}</dd>
        <dt>{t("duration")}</dt>
        <dd>{t("minutes", { count: kit.minutes })}</dd>
      </dl>
      <h2>{t("agenda")}</h2>
      <div className="table-wrap">
        <table className="agenda">
          <thead>
            <tr>
              <th scope="col">{t("agendaTime")}</th>
              <th scope="col">{t("agendaItem")}</th>
              <th scope="col">{t("agendaActivity")}</th>
            </tr>
          </thead>
          <tbody>
            {kit.agenda.map((a) => (
              <tr key={a.title}>
                <td>{a.minutes}</td>
                <th scope="row">{a.title}</th>
                <td>{a.activity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("materials")}</h2>
      <ul>
        {kit.materials.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <h2>{t("cases")}</h2>
      {kit.cases.map((c) => (
        <section key={c.title}>
          <h3>{c.title}</h3>
          <MarkdownBody html={c.html} />
        </section>
      ))}
      <h2>{t("debrief")}</h2>
      <ol>
        {kit.debrief.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ol>
      <h2>{t("modules")}</h2>
      <ul>
        {kit.modules.map((m) => (
          <li key={m.slug}>
            {isLoggedIn ? <Link to={`/learn/modules/${m.slug}`}>{m.title}</Link> : m.title}
          </li>
        ))}
      </ul>
      <h2>{t("sources")}</h2>
      <ul>
        {kit.sources.map((s) => (
          <li key={s.title}>{s.url ? <a href={s.url}>{s.title}</a> : s.title}</li>
        ))}
      </ul>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.kit.title} – Parat` : "Parat" },
]
