import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { MIN_RESPONSES } from "~/domain/item-analysis"
import { requireRole } from "~/services/auth.server"
import { getItemAnalysis, listAnalysableCycles } from "~/services/item-analysis.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin", "itemAnalysis"] }

const QuerySchema = z.object({ cycle: z.coerce.number().int().positive().optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const cycles = listAnalysableCycles()
  const cycleId = query.cycle ?? cycles[0]?.id
  const analysis = cycleId === undefined ? null : getItemAnalysis(cycleId)
  if (query.cycle !== undefined && !analysis) throw new Response("Not found", { status: 404 })
  return { cycles, analysis }
}

export default function ItemAnalysisPage() {
  const { cycles, analysis } = useLoaderData<typeof loader>()
  const { t } = useTranslation("itemAnalysis")
  const lang = useLang()
  const locale = lang === "da" ? "da-DK" : "en-GB"
  const decimal = (x: number | null, digits: number) =>
    x === null
      ? "–"
      : x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
  const percent = (x: number | null) =>
    x === null ? "–" : x.toLocaleString(locale, { style: "percent", maximumFractionDigits: 0 })
  return (
    <section className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { min: MIN_RESPONSES })}</p>
      {cycles.length === 0 || !analysis ? (
        <p className="alert alert--info">{t("none", { min: MIN_RESPONSES })}</p>
      ) : (
        <>
          <Form method="get" className="filters">
            <SelectField
              label={t("cycle")}
              name="cycle"
              defaultValue={String(analysis.cycle.id)}
              options={cycles.map((c) => ({
                value: String(c.id),
                label: t("cycleOption", { name: c.name, count: c.responses, version: c.version }),
              }))}
            />
            <button type="submit" className="button">
              {t("show")}
            </button>
          </Form>
          <p>
            <a href={`/admin/item-analysis.csv?cycle=${analysis.cycle.id}`} download>
              {t("download")}
            </a>
          </p>
          <h2>{t("dimensionsTitle")}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls on a phone must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="dimensions-caption" tabIndex={0}>
            <table>
              <caption id="dimensions-caption">{t("dimensionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dimension")}</th>
                  <th scope="col">{t("respondents")}</th>
                  <th scope="col">{t("alpha")}</th>
                  <th scope="col">{t("sem")}</th>
                  <th scope="col">{t("withinSem")}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.dimensions.map((d) => (
                  <tr key={d.dimension}>
                    <th scope="row">{d.name[lang]}</th>
                    <td>{d.n}</td>
                    <td>{decimal(d.alpha, 2)}</td>
                    <td>{decimal(d.sem, 1)}</td>
                    <td>{percent(d.shareWithinSemOfThreshold)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <h2>{t("itemsTitle")}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls on a phone must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" aria-labelledby="items-caption" tabIndex={0}>
            <table>
              <caption id="items-caption">{t("itemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("item")}</th>
                  <th scope="col">{t("n")}</th>
                  <th scope="col">{t("shareCorrect")}</th>
                  <th scope="col">{t("shareDontKnow")}</th>
                  <th scope="col">{t("itemRest")}</th>
                  <th scope="col">{t("options")}</th>
                  <th scope="col">{t("flagsHeader")}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <code>{i.id}</code>
                      {i.isAnchor ? ` (${t("anchor")})` : null}
                      <br />
                      <span className="muted">{i.text[lang]}</span>
                    </th>
                    <td>{i.n}</td>
                    <td>{percent(i.shareCorrect)}</td>
                    <td>{percent(i.shareDontKnow)}</td>
                    <td>{decimal(i.itemRest, 2)}</td>
                    <td>
                      {i.optionShares
                        ? Object.values(i.optionShares)
                            .map((s) => percent(s))
                            .join(" / ")
                        : "–"}
                    </td>
                    <td>{i.flags.map((f) => t(`flags.${f}`)).join("; ") || "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <h2>{t("explainTitle")}</h2>
          <p>{t("explain")}</p>
        </>
      )}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("itemAnalysis:title")
