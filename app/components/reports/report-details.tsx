// The v2 sections of a unit's report: confidence beside knowledge, hopes and worries, AI tool use. Plain HTML
// tables (they work without JavaScript); every figure comes from the cycle's publication.
import { useTranslation } from "react-i18next"
import type { ReportDetails } from "~/services/reports.server"
import { formatScore } from "./heatmap-table"
import { ScrollTable } from "./report-parts"

export function ReportDetailsSections({ details, unit }: { details: ReportDetails; unit: string }) {
  const { t, i18n } = useTranslation("reportDetails")
  const lang = i18n.language === "en" ? "en" : "da"
  const score = (n: number) => formatScore(n, i18n.language)
  const signed = (n: number) => (n > 0 ? `+${score(n)}` : score(n))
  if (details.confidence.length + details.attitudes.length + details.tools.length === 0) return null
  return (
    <>
      {details.confidence.length > 0 ? (
        <>
          <h2 id="confidence">{t("confidence.title")}</h2>
          <p>{t("confidence.intro")}</p>
          <ScrollTable caption={t("confidence.caption", { unit })}>
            <thead>
              <tr>
                <th scope="col">{t("confidence.dimension")}</th>
                <th scope="col">{t("confidence.knowledge")}</th>
                <th scope="col">{t("confidence.confidence")}</th>
                <th scope="col">{t("confidence.gap")}</th>
                <th scope="col">{t("confidence.over")}</th>
                <th scope="col">{t("confidence.under")}</th>
                <th scope="col">{t("confidence.n")}</th>
              </tr>
            </thead>
            <tbody>
              {details.confidence.map((row) => (
                <tr key={row.dimension}>
                  <th scope="row">{t(`dimensions.${row.dimension}`, { ns: "common" })}</th>
                  <td>{score(row.score)}</td>
                  <td>{score(row.confidence)}</td>
                  <td>{signed(row.gap)}</td>
                  <td>{row.overShare} %</td>
                  <td>{row.underShare} %</td>
                  <td>{row.n}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
      {details.attitudes.length > 0 ? (
        <>
          <h2 id="attitudes">{t("attitudes.title")}</h2>
          <p>{t("attitudes.intro")}</p>
          <ScrollTable caption={t("attitudes.caption", { unit })}>
            <thead>
              <tr>
                <th scope="col">{t("attitudes.statement")}</th>
                <th scope="col">{t("attitudes.tone")}</th>
                <th scope="col">{t("attitudes.agree")}</th>
                <th scope="col">{t("attitudes.mean")}</th>
                <th scope="col">{t("attitudes.n")}</th>
              </tr>
            </thead>
            <tbody>
              {details.attitudes.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.text[lang]}</th>
                  <td>{t(`attitudes.tones.${row.tone}`)}</td>
                  <td>{row.agreeShare} %</td>
                  <td>{score(row.mean)}</td>
                  <td>{row.n}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
      {details.tools.length > 0 ? (
        <>
          <h2 id="tools">{t("tools.title")}</h2>
          <p>{t("tools.intro")}</p>
          <ScrollTable caption={t("tools.caption", { unit })}>
            <thead>
              <tr>
                <th scope="col">{t("tools.tool")}</th>
                <th scope="col">{t("tools.users")}</th>
                <th scope="col">{t("tools.share")}</th>
              </tr>
            </thead>
            <tbody>
              {details.tools.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label[lang]}</th>
                  <td>{row.users}</td>
                  <td>{row.share} %</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
    </>
  )
}
