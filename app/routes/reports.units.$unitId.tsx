import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { LevelChart, TrendChart } from "~/components/lazy-charts"
import { formatScore, HeatmapLegend, HeatmapTable } from "~/components/reports/heatmap-table"
import { ReportDetailsSections } from "~/components/reports/report-details"
import { ReportErrorBoundary, ScrollTable, UnitName } from "~/components/reports/report-parts"
import { danishDay, formatDay } from "~/domain/calendar"
import { ReportQuery } from "~/domain/report-query"
import { DIMENSIONS, JOB_FAMILIES } from "~/domain/vocabulary"
import { requireRole } from "~/services/auth.server"
import { getUnitReport, type ParticipationRow, type UnitReport } from "~/services/reports.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { idParam, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["reports", "reportDetails", "common"] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  const { unitId } = parseParams(params, { unitId: idParam })
  const query = parseQuery(request, ReportQuery)
  return getUnitReport(user, { unitId, cycleId: query.cycle, jobFamily: query.jobFamily })
}

/** The same view (cycle and filter) for another unit, or as CSV. */
function unitReportHref(report: UnitReport) {
  return (unitId: number, suffix = "") => {
    const search = new URLSearchParams()
    if (report.cycle) search.set("cycle", String(report.cycle.id))
    if (report.jobFamily) search.set("jobFamily", report.jobFamily)
    const query = search.toString()
    return `/reports/units/${unitId}${suffix}${query ? `?${query}` : ""}`
  }
}

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : "–")

type ShownParticipation = Extract<ParticipationRow, { isSuppressed: false }>

/** Per unit a whole, a part and the share: participation (invited, submitted) and the Article 4 overview. */
function ShareTable(props: {
  caption: string
  headers: [unit: string, whole: string, part: string, share: string]
  rows: ParticipationRow[]
  whole: (row: ShownParticipation) => number
  part: (row: ShownParticipation) => number
}) {
  const { t } = useTranslation("reports")
  return (
    <ScrollTable caption={props.caption}>
      <thead>
        <tr>
          {props.headers.map((header) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={`${row.role}-${row.unitId}`}>
            <th scope="row">
              <UnitName name={row.name} role={row.role} change={row.change} />
            </th>
            {row.isSuppressed ? (
              <td colSpan={3}>{t("suppressed")}</td>
            ) : (
              <>
                <td>{props.whole(row)}</td>
                <td>{props.part(row)}</td>
                <td>{percent(props.part(row), props.whole(row))}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

export default function UnitReportPage() {
  const report = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation("reports")
  const href = unitReportHref(report)
  const cycleName = report.cycle?.name ?? ""
  const filterText = report.jobFamily ? `, ${t(`jobFamilies.${report.jobFamily}`, { ns: "common" })}` : ""
  const dimensionName = (d: (typeof DIMENSIONS)[number]) => t(`dimensions.${d}`, { ns: "common" })
  const levelNames = [0, 1, 2, 3, 4].map((l) => t(`levels.${l as 0 | 1 | 2 | 3 | 4}`, { ns: "common" }))

  return (
    <section className="page report">
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <ol>
          {report.breadcrumbs.map((crumb) => (
            <li key={crumb.unitId}>
              {crumb.unitId === report.unit.id ? (
                <span aria-current="page">{crumb.name}</span>
              ) : crumb.isInScope ? (
                <Link to={href(crumb.unitId)}>{crumb.name}</Link>
              ) : (
                <span>{crumb.name}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1>
        {t("title")}: {report.unit.name}
      </h1>
      <p className="lead">{t("intro", { unit: report.unit.name, k: report.k })}</p>

      <Form method="get" className="report-filters no-print">
        <fieldset>
          <legend>{t("filters.legend")}</legend>
          <div className="field">
            <label htmlFor="filter-cycle">{t("filters.cycle")}</label>
            <select id="filter-cycle" name="cycle" defaultValue={report.cycle?.id ?? ""}>
              {report.cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-job-family">{t("filters.jobFamily")}</label>
            <select id="filter-job-family" name="jobFamily" defaultValue={report.jobFamily ?? ""}>
              <option value="">{t("filters.allJobFamilies")}</option>
              {JOB_FAMILIES.map((f) => (
                <option key={f} value={f}>
                  {t(`jobFamilies.${f}`, { ns: "common" })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("filters.apply")}
          </button>
        </fieldset>
      </Form>

      <p className="alert alert--info">{t("anonymity", { k: report.k })}</p>

      {!report.cycle ? (
        <p>{t("noCycles")}</p>
      ) : !report.isInCycle ? (
        <p className="alert alert--info">
          {t("publication.notInCycle", { unit: report.unit.name, cycle: cycleName })}
        </p>
      ) : (
        <>
          <p className="no-print">
            <a className="button button--quiet" href={href(report.unit.id, "/export.csv")} download>
              {t("export")}
            </a>{" "}
            <a
              href={`${href(report.unit.id, "/export.csv")}${report.cycle || report.jobFamily ? "&" : "?"}format=plain`}
              download
            >
              {t("exportPlain")}
            </a>
          </p>

          <p>{t("publication.frozen", { cycle: cycleName })}</p>

          <h2 id="heatmap">{t("heatmap.title")}</h2>
          <HeatmapTable
            heatmap={report.heatmap}
            caption={t("heatmap.caption", { unit: report.unit.name, cycle: cycleName, filter: filterText })}
            drillDownHref={(unitId) => href(unitId)}
          />
          <HeatmapLegend thresholds={report.levelThresholds} />

          <h2 id="levels">{t("levels.title")}</h2>
          <LevelChart
            label={t("levels.chartLabel")}
            levelNames={levelNames}
            data={report.levelDistribution.map((d) => ({
              name: dimensionName(d.dimension),
              ...(d.isSuppressed ? {} : Object.fromEntries(d.counts.map((c, i) => [`l${i}`, c]))),
            }))}
          />
          <ScrollTable caption={t("levels.caption", { unit: report.unit.name })}>
            <thead>
              <tr>
                <th scope="col">{t("levels.dimension")}</th>
                {levelNames.map((name) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
                <th scope="col">{t("levels.total")}</th>
              </tr>
            </thead>
            <tbody>
              {report.levelDistribution.map((d) => (
                <tr key={d.dimension}>
                  <th scope="row">{dimensionName(d.dimension)}</th>
                  {d.isSuppressed ? (
                    <td colSpan={6}>{t("suppressed")}</td>
                  ) : (
                    <>
                      {d.counts.map((c, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the index is the level
                        <td key={i}>{c}</td>
                      ))}
                      <td>{d.n}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </ScrollTable>

          <h2 id="participation">{t("participation.title")}</h2>
          <ShareTable
            caption={t("participation.caption", { cycle: cycleName })}
            headers={[
              t("participation.unit"),
              t("participation.invited"),
              t("participation.submitted"),
              t("participation.rate"),
            ]}
            rows={report.participation}
            whole={(row) => row.invited}
            part={(row) => row.submitted}
          />
          <ReportDetailsSections details={report.details} unit={report.unit.name} />
        </>
      )}

      <h2 id="learning">{t("learning.title")}</h2>
      <p>
        {report.learning.snapshot
          ? t("learning.snapshot", {
              ns: "reportDetails",
              date: formatDay(
                danishDay(new Date(report.learning.snapshot.takenAt)),
                i18n.language === "en" ? "en" : "da",
              ),
              k: report.learning.snapshot.k,
            })
          : t("learning.noSnapshot", { ns: "reportDetails" })}
      </p>
      <ScrollTable caption={t("learning.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("learning.unit")}</th>
            <th scope="col">{t("learning.people")}</th>
            {DIMENSIONS.map((d) => (
              <th scope="col" key={d}>
                {dimensionName(d)}
              </th>
            ))}
            <th scope="col">{t("learning.modulesCompleted")}</th>
          </tr>
        </thead>
        <tbody>
          {report.learning.rows.map((row) => (
            <tr key={`${row.role}-${row.unitId}`}>
              <th scope="row">
                <UnitName name={row.name} role={row.role} />
              </th>
              {row.isSuppressed ? (
                <td colSpan={DIMENSIONS.length + 2}>{t("suppressed")}</td>
              ) : (
                <>
                  <td>{row.people}</td>
                  {DIMENSIONS.map((d) => (
                    <td key={d}>{percent(row.foundation[d], row.people)}</td>
                  ))}
                  <td>{row.modulesCompleted}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      {report.cycle && report.isInCycle ? (
        <>
          <h3>{t("learning.aiLiteracyTitle")}</h3>
          <p>{t("learning.aiLiteracyIntro")}</p>
          <ShareTable
            caption={t("learning.aiLiteracyCaption", { cycle: cycleName })}
            headers={[
              t("learning.unit"),
              t("participation.submitted"),
              t("learning.atFoundation"),
              t("learning.share"),
            ]}
            rows={report.participation}
            whole={(row) => row.submitted}
            part={(row) => row.allFoundation}
          />
        </>
      ) : null}

      {report.trend.cycles.length > 0 ? (
        <>
          <h2 id="trend">{t("trend.title")}</h2>
          <p>{t("trend.rule", { k: report.k })}</p>
          <TrendChart
            label={t("trend.chartLabel")}
            series={DIMENSIONS.map((d) => ({ key: d, name: dimensionName(d) }))}
            data={report.trend.points.map((p) => ({
              name: report.trend.cycles.find((c) => c.id === p.cycleId)?.name ?? "",
              ...p.values,
            }))}
          />
          <ScrollTable caption={t("trend.caption", { unit: report.unit.name })}>
            <thead>
              <tr>
                <th scope="col">{t("trend.dimension")}</th>
                {report.trend.cycles.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {DIMENSIONS.map((d) => (
                <tr key={d}>
                  <th scope="row">{dimensionName(d)}</th>
                  {report.trend.points.map((p) => (
                    <td key={p.cycleId}>
                      {typeof p.values[d] === "number"
                        ? formatScore(p.values[d], i18n.language)
                        : t("trend.notShown")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
    </section>
  )
}

export const meta = pageMeta<typeof loader>(({ data, t }) => `${t("reports:title")}: ${data.unit.name}`)

export const ErrorBoundary = ReportErrorBoundary
