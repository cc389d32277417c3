import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, useLoaderData } from "@remix-run/react"
import type { ReactNode } from "react"
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
          <FigureTable
            id="dimensions-caption"
            caption={t("dimensionsCaption")}
            columns={[t("dimension"), t("respondents"), t("alpha"), t("sem"), t("withinSem")]}
            rows={analysis.dimensions.map((d) => ({
              key: d.dimension,
              head: d.name[lang],
              cells: [d.n, decimal(d.alpha, 2), decimal(d.sem, 1), percent(d.shareWithinSemOfThreshold)],
            }))}
          />
          <h2>{t("itemsTitle")}</h2>
          <FigureTable
            id="items-caption"
            caption={t("itemsCaption")}
            columns={[
              t("item"),
              t("n"),
              t("shareCorrect"),
              t("shareDontKnow"),
              t("itemRest"),
              t("options"),
              t("flagsHeader"),
            ]}
            rows={analysis.items.map((i) => ({
              key: i.id,
              head: (
                <>
                  <code>{i.id}</code>
                  {i.isAnchor ? ` (${t("anchor")})` : null}
                  <br />
                  <span className="muted">{i.text[lang]}</span>
                </>
              ),
              cells: [
                i.n,
                percent(i.shareCorrect),
                percent(i.shareDontKnow),
                decimal(i.itemRest, 2),
                i.optionShares
                  ? Object.values(i.optionShares)
                      .map((s) => percent(s))
                      .join(" / ")
                  : "–",
                i.flags.map((f) => t(`flags.${f}`)).join("; ") || "–",
              ],
            }))}
          />
          <h2>{t("explainTitle")}</h2>
          <p>{t("explain")}</p>
        </>
      )}
    </section>
  )
}

type FigureRow = { key: string; head: ReactNode; cells: ReactNode[] }

/** One table of figures: a row header, then one cell per column; it scrolls sideways on a phone. */
function FigureTable({
  id,
  caption,
  columns,
  rows,
}: {
  id: string
  caption: string
  columns: string[]
  rows: FigureRow[]
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls on a phone must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.head}</th>
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a row are fixed columns
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("itemAnalysis:title")
