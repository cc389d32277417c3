// The v2 sections of a unit's report: confidence beside knowledge, hopes and worries, AI tool use. Plain HTML
// tables (they work without JavaScript); every figure comes from the cycle's publication.
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import type { ReportDetails } from "~/services/reports.server"
import { formatScore } from "./heatmap-table"
import { ScrollTable } from "./report-parts"

type Section = "confidence" | "attitudes" | "tools"

/**
 * One section: a heading, an intro and a table with one row per entry, headed by its first cell. The title, intro
 * and caption are the section's keys in reportDetails; the column headings come translated. Nothing when no rows.
 */
function DetailsSection<Row>({
  section,
  unit,
  columns,
  rows,
  rowKey,
  cells,
}: {
  section: Section
  unit: string
  columns: string[]
  rows: Row[]
  rowKey: (row: Row) => string
  cells: (row: Row) => [ReactNode, ...ReactNode[]]
}) {
  const { t } = useTranslation("reportDetails")
  if (rows.length === 0) return null
  return (
    <>
      <h2 id={section}>{t(`${section}.title`)}</h2>
      <p>{t(`${section}.intro`)}</p>
      <ScrollTable caption={t(`${section}.caption`, { unit })}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const [head, ...rest] = cells(row)
            return (
              <tr key={rowKey(row)}>
                <th scope="row">{head}</th>
                {rest.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed, so a cell's place is its identity
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </ScrollTable>
    </>
  )
}

export function ReportDetailsSections({ details, unit }: { details: ReportDetails; unit: string }) {
  const { t, i18n } = useTranslation("reportDetails")
  const lang = i18n.language === "en" ? "en" : "da"
  const score = (n: number) => formatScore(n, i18n.language)
  const signed = (n: number) => (n > 0 ? `+${score(n)}` : score(n))
  return (
    <>
      <DetailsSection
        section="confidence"
        unit={unit}
        columns={[
          t("confidence.dimension"),
          t("confidence.knowledge"),
          t("confidence.confidence"),
          t("confidence.gap"),
          t("confidence.over"),
          t("confidence.under"),
          t("confidence.n"),
        ]}
        rows={details.confidence}
        rowKey={(row) => row.dimension}
        cells={(row) => [
          t(`dimensions.${row.dimension}`, { ns: "common" }),
          score(row.score),
          score(row.confidence),
          signed(row.gap),
          `${row.overShare} %`,
          `${row.underShare} %`,
          row.n,
        ]}
      />
      <DetailsSection
        section="attitudes"
        unit={unit}
        columns={[
          t("attitudes.statement"),
          t("attitudes.tone"),
          t("attitudes.agree"),
          t("attitudes.mean"),
          t("attitudes.n"),
        ]}
        rows={details.attitudes}
        rowKey={(row) => row.id}
        cells={(row) => [
          row.text[lang],
          t(`attitudes.tones.${row.tone}`),
          `${row.agreeShare} %`,
          score(row.mean),
          row.n,
        ]}
      />
      <DetailsSection
        section="tools"
        unit={unit}
        columns={[t("tools.tool"), t("tools.users"), t("tools.share")]}
        rows={details.tools}
        rowKey={(row) => row.key}
        cells={(row) => [row.label[lang], row.users, `${row.share} %`]}
      />
    </>
  )
}
