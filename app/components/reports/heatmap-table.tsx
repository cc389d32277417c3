import { Link } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { DIMENSIONS } from "~/domain/vocabulary"
import type { Heatmap, HeatmapCell, UnitReport } from "~/services/reports.server"
import { UnitName } from "./report-parts"

/** The heatmap as a real table: the number is always printed, the colour (a light-to-dark scale) only adds to it. */
export function HeatmapTable({
  heatmap,
  caption,
  drillDownHref,
}: {
  heatmap: Heatmap
  caption: string
  drillDownHref: (unitId: number) => string
}) {
  const { t } = useTranslation("reports")
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={caption} tabIndex={0}>
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("heatmap.unit")}</th>
            {DIMENSIONS.map((d) => (
              <th scope="col" key={d}>
                {t(`dimensions.${d}`, { ns: "common" })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.rows.map((row) => (
            <tr key={`${row.role}-${row.unitId}`} className={`heatmap__row heatmap__row--${row.role}`}>
              <th scope="row">
                <UnitName
                  role={row.role}
                  change={row.change}
                  name={
                    row.canDrillDown ? (
                      <Link
                        to={drillDownHref(row.unitId)}
                        aria-label={t("heatmap.drillDown", { unit: row.name })}
                      >
                        {row.name}
                      </Link>
                    ) : (
                      row.name
                    )
                  }
                />
              </th>
              {row.cells.map((cell) => (
                <HeatmapTd key={cell.dimension} cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** One decimal, in the page's language (the server and the browser must agree). */
export function formatScore(value: number, language: string) {
  return value.toLocaleString(language === "en" ? "en-GB" : "da-DK", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
}

function HeatmapTd({ cell }: { cell: HeatmapCell }) {
  const { t, i18n } = useTranslation("reports")
  if (cell.isSuppressed) {
    return (
      <td className="heat heat--suppressed">
        <span className="heat__text">{t("suppressed")}</span>
      </td>
    )
  }
  return (
    <td className={`heat heat--level${cell.level}`}>
      <span className="heat__mean">{formatScore(cell.mean, i18n.language)}</span>{" "}
      <span className="heat__n">{t("nShort", { n: cell.n })}</span>
    </td>
  )
}

export function HeatmapLegend({ thresholds }: { thresholds: UnitReport["levelThresholds"] }) {
  const { t, i18n } = useTranslation("reports")
  // 0–39,9 in Danish: at most one decimal, with the page language's decimal sign
  const score = (value: number) =>
    value.toLocaleString(i18n.language === "en" ? "en-GB" : "da-DK", { maximumFractionDigits: 1 })
  const bands = [{ level: 0, min: 0 }, ...thresholds]
  return (
    <div className="heatmap-legend">
      <h3>{t("heatmap.legendTitle")}</h3>
      <ul>
        {bands.map((band, i) => {
          const next = bands[i + 1]
          const level = t(`levels.${band.level as 0 | 1 | 2 | 3 | 4}`, { ns: "common" })
          return (
            <li key={band.level}>
              <span className={`heatmap-legend__swatch heat--level${band.level}`} aria-hidden="true" />
              {next
                ? t("heatmap.legendLevel", {
                    level,
                    from: score(band.min),
                    to: score(Math.round((next.min - 0.1) * 10) / 10),
                  })
                : t("heatmap.legendLevelTop", { level, from: score(band.min) })}
            </li>
          )
        })}
        <li>
          <span className="heatmap-legend__swatch heat--suppressed" aria-hidden="true" />
          {t("heatmap.legendSuppressed")}
        </li>
      </ul>
    </div>
  )
}
