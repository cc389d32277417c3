// The report as CSV, built beside its route from the same view model as the page, so the same cells are hidden.
import type { LoaderFunctionArgs } from "@remix-run/node"
import type { CsvCell } from "~/domain/csv"
import { ReportQuery } from "~/domain/report-query"
import { DIMENSIONS } from "~/domain/vocabulary"
import { getFixedT } from "~/i18n/i18n.server"
import { recordReportExport } from "~/services/audit.server"
import { requireRole } from "~/services/auth.server"
import { getUnitReport, type RowRole, type UnitReport } from "~/services/reports.server"
import { csvDownload } from "~/utils/csv-download"
import { parseQuery } from "~/utils/forms"
import { idParam, parseParams } from "~/utils/route-params"

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  const { unitId } = parseParams(params, { unitId: idParam })
  const query = parseQuery(request, ReportQuery)
  const t = (await getFixedT(request)) as unknown as Translate
  const report = getUnitReport(user, {
    unitId,
    cycleId: query.cycle,
    jobFamily: query.jobFamily,
  })
  const { rows, fileName } = reportCsv(report, t)
  recordReportExport(user.id, {
    unitId,
    cycleId: query.cycle,
    jobFamily: query.jobFamily,
    format: "csv",
  })
  return csvDownload(request, rows, fileName)
}

type Translate = (key: string, options?: Record<string, unknown>) => string

/** Exactly what the page shows, as CSV rows: a header naming cycle, unit, filter and k, then each section. */
function reportCsv(report: UnitReport, t: Translate) {
  const r = (key: string, options?: Record<string, unknown>) => t(key, { ns: "reports", ...options })
  const c = (key: string) => t(key, { ns: "common" })
  const dimensionNames = DIMENSIONS.map((d) => c(`dimensions.${d}`))
  const role = (row: { role: RowRole }) => r(`roles.${row.role}`)
  const rows: CsvCell[][] = [
    [r("csv.report")],
    [r("csv.unit"), report.unit.name],
    [r("csv.cycle"), report.cycle?.name ?? ""],
    [
      r("csv.jobFamily"),
      report.jobFamily ? c(`jobFamilies.${report.jobFamily}`) : r("filters.allJobFamilies"),
    ],
    [r("csv.k"), report.k],
    [r("anonymity", { k: report.k })],
    [],
    [r("heatmap.title")],
    [
      r("heatmap.unit"),
      r("csv.rowType"),
      ...DIMENSIONS.flatMap((_, i) => [
        `${dimensionNames[i]} (${r("csv.mean")})`,
        `${dimensionNames[i]} (${r("csv.n")})`,
      ]),
    ],
    ...report.heatmap.rows.map((row): CsvCell[] => [
      row.name,
      role(row),
      ...row.cells.flatMap((cell): CsvCell[] =>
        cell.isSuppressed ? [r("suppressed"), null] : [cell.mean, cell.n],
      ),
    ]),
    [],
    [r("levels.title")],
    [r("levels.dimension"), ...[0, 1, 2, 3, 4].map((l) => c(`levels.${l}`)), r("levels.total")],
    ...report.levelDistribution.map((d, i): CsvCell[] =>
      d.isSuppressed ? [dimensionNames[i]!, r("suppressed")] : [dimensionNames[i]!, ...d.counts, d.n],
    ),
    [],
    [r("participation.title")],
    [r("participation.unit"), r("csv.rowType"), r("participation.invited"), r("participation.submitted")],
    ...report.participation.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [row.name, role(row), row.invited, row.submitted],
    ),
    [],
    [r("learning.title")],
    [
      r("learning.unit"),
      r("csv.rowType"),
      r("learning.people"),
      ...dimensionNames,
      r("learning.modulesCompleted"),
    ],
    ...report.learning.rows.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [
            row.name,
            role(row),
            row.people,
            ...DIMENSIONS.map((d) => row.foundation[d]),
            row.modulesCompleted,
          ],
    ),
    [],
    [r("learning.aiLiteracyTitle")],
    [r("learning.unit"), r("csv.rowType"), r("participation.submitted"), r("learning.atFoundation")],
    ...report.participation.map((row): CsvCell[] =>
      row.isSuppressed
        ? [row.name, role(row), r("suppressed")]
        : [row.name, role(row), row.submitted, row.allFoundation],
    ),
    [],
    [r("trend.title")],
    [r("trend.dimension"), ...report.trend.cycles.map((cycle) => cycle.name)],
    ...DIMENSIONS.map((d, i): CsvCell[] => [
      dimensionNames[i]!,
      ...report.trend.points.map((p) => p.values[d] ?? r("trend.notShown")),
    ]),
  ]
  const slug = report.unit.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
  return { rows, fileName: `parat-${slug || report.unit.id}-${report.cycle?.id ?? "none"}.csv` }
}
