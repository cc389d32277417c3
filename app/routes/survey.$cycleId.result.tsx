import type { LoaderFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { useLang } from "~/components/bilingual"
import { ResultChart } from "~/components/result-chart"
import { formatInstantDay } from "~/domain/calendar"
import { requireUser } from "~/services/auth.server"
import { getResultView } from "~/services/survey.server"
import { pageMeta } from "~/utils/page-title"
import { CycleParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["survey"] }

const GAP_TEXT = {
  higher: "result.gapHigher",
  lower: "result.gapLower",
  aligned: "result.gapAligned",
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const outcome = getResultView(user, cycleId)
  if (outcome.kind === "not_found") throw new Response("Not found", { status: 404 })
  if (outcome.kind === "not_submitted") throw redirect(`/survey/${cycleId}/review`)
  return { result: outcome.view }
}

export default function SurveyResultPage() {
  const { result } = useLoaderData<typeof loader>()
  const { t } = useTranslation("survey")
  const { t: tc } = useTranslation()
  const lang = useLang()
  const levelText = (level: number | null) =>
    level === null
      ? t("result.incomplete")
      : t("result.levelValue", { level, name: tc(`levels.${level as 0 | 1 | 2 | 3 | 4}`) })
  const base = `/survey/${result.cycle.id}`
  const locale = lang === "da" ? "da-DK" : "en-GB"
  const hasConfidence = result.dimensions.some((d) => d.confidence !== null)
  return (
    <section className="page">
      <h1>{t("result.title")}</h1>
      <p className="lead">
        {t("result.lead", { cycle: result.cycle.name, date: formatInstantDay(result.submittedAt, lang) })}
      </p>
      {result.version === 1 ? <p className="alert alert--info">{t("result.version1")}</p> : null}
      {result.version > 1 ? <p>{t("result.confidenceHelp")}</p> : null}
      {result.version > 1 && result.dimensions.some((d) => d.previous?.version === 1) ? (
        <p className="muted">{t("result.previousVersion1")}</p>
      ) : null}
      <figure className="result-figure">
        <figcaption>
          <h2>{t("result.chartTitle")}</h2>
        </figcaption>
        <ResultChart
          label={t("result.chartLabel")}
          seriesName={t("result.thisCycle")}
          previousName={result.previousCycle?.name ?? null}
          locale={lang === "da" ? "da-DK" : "en-GB"}
          rows={result.dimensions.map((d) => ({
            name: d.name[lang],
            score: d.score,
            previous: d.previous?.score ?? null,
          }))}
        />
      </figure>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls on a phone must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-wrap" aria-labelledby="result-caption" tabIndex={0}>
        <table className="result-table">
          <caption id="result-caption">{t("result.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("result.dimension")}</th>
              <th scope="col">{t("result.score")}</th>
              <th scope="col">{t("result.level")}</th>
              <th scope="col">{t("result.meaning")}</th>
              {hasConfidence ? (
                <>
                  <th scope="col">{t("result.confidence")}</th>
                  <th scope="col">{t("result.gap")}</th>
                </>
              ) : null}
              {result.previousCycle ? (
                <th scope="col">{t("result.previous", { cycle: result.previousCycle.name })}</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {result.dimensions.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.name[lang]}</th>
                <td>{d.score === null ? "–" : d.score.toLocaleString(lang === "da" ? "da-DK" : "en-GB")}</td>
                <td>{levelText(d.level)}</td>
                <td>
                  {d.level === null
                    ? t("result.incompleteMeaning")
                    : t(`levelMeaning.${d.level as 0 | 1 | 2 | 3 | 4}`)}
                </td>
                {hasConfidence ? (
                  <>
                    <td>{d.confidence === null ? "–" : d.confidence.toLocaleString(locale)}</td>
                    <td>{d.gap ? t(GAP_TEXT[d.gap]) : "–"}</td>
                  </>
                ) : null}
                {result.previousCycle ? (
                  <td>
                    {d.previous
                      ? `${d.previous.score === null ? "–" : d.previous.score.toLocaleString(lang === "da" ? "da-DK" : "en-GB")} (${levelText(d.previous.level)})`
                      : t("result.notAnswered")}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>{t("result.nextStepTitle")}</h2>
      <p>{t("result.nextStep")}</p>
      <p>
        <Link className="button" to="/learn">
          {t("result.toLearning")}
        </Link>
      </p>
      <h2>{t("result.downloadTitle")}</h2>
      <ul>
        <li>
          <a href={`${base}/export.json`} download>
            {t("result.downloadJson")}
          </a>
        </li>
        <li>
          <a href={`${base}/export.csv`} download>
            {t("result.downloadCsv")}
          </a>
        </li>
        <li>
          <a href={`${base}/export.csv?format=plain`} download>
            {t("result.downloadCsvPlain")}
          </a>
        </li>
      </ul>
    </section>
  )
}

export const meta = pageMeta("survey:result.title")
