// Unit coverage for managers: per dimension the share at or above the role's target, and units without an AI
// champion, from the latest closed cycle's publication (under its anonymity rule). Works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { DIMENSIONS } from "~/domain/vocabulary"
import { requireRole } from "~/services/auth.server"
import { getUnitCoverage } from "~/services/unit-coverage.server"
import { parseQuery } from "~/utils/forms"
import { CoverageQuery } from "~/utils/register-query"

export const handle = { i18n: ["register"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  const query = parseQuery(request, CoverageQuery)
  return { coverage: getUnitCoverage(user, { unitId: query.unit ?? null, cycleId: query.cycle ?? null }) }
}

export default function UnitCoveragePage() {
  const { coverage } = useLoaderData<typeof loader>()
  const { t } = useTranslation("register")
  const { t: tc } = useTranslation()
  const share = (at: number | null, n: number | null) =>
    at === null || n === null || n === 0
      ? t("unitCoverage.hidden")
      : `${Math.round((100 * at) / n)} % (${at}/${n})`
  return (
    <section className="page">
      <h1>{t("unitCoverage.title")}</h1>
      <p className="lead">{t("unitCoverage.lead")}</p>
      {coverage.kind === "no_scope" ? <p>{t("unitCoverage.noScope")}</p> : null}
      {coverage.kind === "no_cycle" ? <p>{t("unitCoverage.noCycle")}</p> : null}
      {coverage.kind === "not_in_cycle" ? <p>{t("unitCoverage.notInCycle")}</p> : null}
      {coverage.kind === "coverage" ? (
        <>
          <Form method="get">
            <input type="hidden" name="unit" value={coverage.unit.id} />
            <label htmlFor="cov-cycle">{t("unitCoverage.cycle")}</label>{" "}
            <select id="cov-cycle" name="cycle" defaultValue={coverage.cycle.id}>
              {coverage.cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>{" "}
            <button type="submit">{t("coverage.filter")}</button>
          </Form>
          <p>{t("unitCoverage.rule", { k: coverage.cycle.k })}</p>
          <nav aria-label={t("unitCoverage.chain")}>
            {coverage.chain.map((u, i) => (
              <span key={u.id}>
                {i > 0 ? " › " : ""}
                <Link to={`?unit=${u.id}&cycle=${coverage.cycle.id}`}>{u.name}</Link>
              </span>
            ))}
          </nav>
          <h2>{t("unitCoverage.championsTitle")}</h2>
          <p>{t("unitCoverage.championsLead")}</p>
          <ul>
            <li>{t("unitCoverage.withChampion", { count: coverage.champions.champion })}</li>
            <li>
              <strong>{t("unitCoverage.withoutChampion", { count: coverage.champions.none })}</strong>
              {coverage.withoutChampion.length > 0 ? `: ${coverage.withoutChampion.join(", ")}` : ""}
            </li>
            <li>{t("unitCoverage.unknownChampion", { count: coverage.champions.unknown })}</li>
          </ul>
          <div className="table-wrap">
            <table>
              <caption>{t("unitCoverage.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("coverage.unit")}</th>
                  {DIMENSIONS.map((d) => (
                    <th key={d} scope="col">
                      {tc(`dimensions.${d}`)}
                    </th>
                  ))}
                  <th scope="col">{t("unitCoverage.champion")}</th>
                </tr>
              </thead>
              <tbody>
                {coverage.rows.map((row) => (
                  <tr key={row.unitId}>
                    <th scope="row">
                      {row.isSelf || !row.hasChildren ? (
                        row.name
                      ) : (
                        <Link to={`?unit=${row.unitId}&cycle=${coverage.cycle.id}`}>{row.name}</Link>
                      )}
                    </th>
                    {row.dimensions.map((d) => (
                      <td key={d.dimension}>{share(d.atTarget, d.n)}</td>
                    ))}
                    <td>{t(`unitCoverage.state.${row.champion}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t("unitCoverage.byFamilyTitle", { unit: coverage.unit.name })}</h2>
          <div className="table-wrap">
            <table>
              <caption>{t("unitCoverage.byFamilyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("unitCoverage.dimension")}</th>
                  <th scope="col">{t("unitCoverage.families")}</th>
                </tr>
              </thead>
              <tbody>
                {coverage.rows
                  .filter((r) => r.isSelf)
                  .flatMap((r) => r.dimensions)
                  .map((d) => (
                    <tr key={d.dimension}>
                      <th scope="row">{tc(`dimensions.${d.dimension}`)}</th>
                      <td>
                        {d.byFamily.length === 0
                          ? t("unitCoverage.hidden")
                          : d.byFamily
                              .map((f) => `${tc(`jobFamilies.${f.family}`)}: ${share(f.atTarget, f.n)}`)
                              .join(" · ")}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
