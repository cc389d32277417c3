import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SourceList } from "~/components/source-list"
import { SCENARIOS } from "~/domain/toolkit-schema"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listScenarios } from "~/services/handbook.server"
import { getClauseLibrary } from "~/services/procurement.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse, parseQuery } from "~/utils/forms"

export const handle = { i18n: ["procurement"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

const ClauseQuery = z.object({ scenario: z.enum(SCENARIOS).or(z.literal("")).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page
  const { scenario } = parseQuery(request, ClauseQuery)
  const lang = detectLanguage(request)
  const library = getClauseLibrary(lang, scenario || null)
  invariantResponse(library, "Not found", { status: 404 })
  const t = await getFixedT(request)
  return {
    library,
    scenarios: listScenarios(lang),
    selected: scenario || "",
    pageTitle: `${t("procurement:clausesTitle")} – Parat`,
  }
}

export default function ClauseLibraryPage() {
  const { library, scenarios, selected } = useLoaderData<typeof loader>()
  const { t } = useTranslation("procurement")
  const title = (key: string) => scenarios.find((s) => s.key === key)?.title ?? key
  return (
    <article className="page">
      <p className="no-print">
        <Link to="/procurement">{t("back")}</Link>
      </p>
      <h1>{t("clausesTitle")}</h1>
      <p className="lead">{library.intro}</p>
      <Form method="get" className="filter-row no-print">
        <label htmlFor="scenario">{t("filterLegend")}</label>
        <select id="scenario" name="scenario" defaultValue={selected}>
          <option value="">{t("allScenarios")}</option>
          {scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {s.title}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("show")}
        </button>
      </Form>
      {library.scenarios.map((group) => (
        <section key={group.scenario} aria-labelledby={`clauses-${group.scenario}`}>
          <h2 id={`clauses-${group.scenario}`}>{title(group.scenario)}</h2>
          <div className="table-wrap">
            <table className="clause-table">
              <thead>
                <tr>
                  <th scope="col">{t("topic")}</th>
                  <th scope="col">{t("demand")}</th>
                  <th scope="col">{t("why")}</th>
                  <th scope="col">{t("mapping")}</th>
                </tr>
              </thead>
              <tbody>
                {group.clauses.map((c) => (
                  <tr key={c.topic}>
                    <th scope="row">{t(`topics.${c.topic}`)}</th>
                    <td>{c.demand}</td>
                    <td>{c.why}</td>
                    <td>
                      <ul>
                        {c.contracts.map((ref) => (
                          <li key={ref.key}>
                            <strong>{ref.name}</strong>: {ref.where}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <h2>{t("contractsHeading")}</h2>
      <dl>
        {library.contracts.map((c) => (
          <div key={c.key}>
            <dt>
              <strong>{c.name}</strong>
            </dt>
            <dd>{c.use}</dd>
          </div>
        ))}
      </dl>
      <SourceList heading={t("sources")} sources={library.sources} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
