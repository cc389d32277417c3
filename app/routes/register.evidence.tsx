// The training evidence per unit and system: what a hospital shows a supervisory authority. Printable (print CSS
// in app/styles), works without JavaScript; the CSV holds the same rows (register.evidence[.]csv.ts).
import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { formatInstant } from "~/domain/calendar"
import { coverage, coverageUnits, listSystems } from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { EvidenceQuery } from "~/utils/register-query"

export const handle = { i18n: ["register"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const query = parseQuery(request, EvidenceQuery)
  const filter = { unitId: query.unit ?? null, systemId: query.system ?? null }
  const data = coverage(user, filter)
  if (!data) throw new Response("Forbidden", { status: 403 })
  return {
    data,
    filter,
    units: coverageUnits(user),
    systems: listSystems(user).map((s) => ({ id: s.id, name: s.name })),
    madeAt: new Date().toISOString(),
    search: new URL(request.url).search,
  }
}

export default function EvidencePage() {
  const { data, filter, units, systems, madeAt, search } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation("register")
  const lang = i18n.language === "en" ? "en" : "da"
  const { t: tc } = useTranslation()
  const day = (d: string | Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "")
  return (
    <section className="page evidence">
      <h1>{t("coverage.title")}</h1>
      <p className="lead">{t("coverage.lead")}</p>
      <p>{t("coverage.proves")}</p>
      <p>{t("coverage.generated", { date: formatInstant(madeAt, lang) })}</p>
      <Form method="get" className="no-print">
        <label htmlFor="ev-unit">{t("coverage.unit")}</label>{" "}
        <select id="ev-unit" name="unit" defaultValue={filter.unitId ?? ""}>
          <option value="">{t("coverage.all")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u00a0".repeat(u.depth * 2)}
              {u.name}
            </option>
          ))}
        </select>{" "}
        <label htmlFor="ev-system">{t("coverage.system")}</label>{" "}
        <select id="ev-system" name="system" defaultValue={filter.systemId ?? ""}>
          <option value="">{t("coverage.all")}</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("coverage.filter")}</button>
      </Form>
      <p className="no-print">
        <a href={`/register/evidence.csv${search}`}>{t("coverage.csv")}</a> · {t("coverage.print")}
      </p>
      {data.rows.length === 0 ? (
        <p>{t("coverage.empty")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption>{t("coverage.totals")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("coverage.system")}</th>
                  <th scope="col">{t("coverage.required")}</th>
                  <th scope="col">{t("coverage.completed")}</th>
                  <th scope="col">{t("coverage.due")}</th>
                  <th scope="col">{t("coverage.overdue")}</th>
                </tr>
              </thead>
              <tbody>
                {data.systems.map((s) => (
                  <tr key={s.id} data-system={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.counts.required}</td>
                    <td>{s.counts.done}</td>
                    <td>{s.counts.due}</td>
                    <td>{s.counts.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-wrap">
            <table>
              <caption>{t("coverage.people")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("coverage.system")}</th>
                  <th scope="col">{t("coverage.unit")}</th>
                  <th scope="col">{t("coverage.person")}</th>
                  <th scope="col">{t("requirements.module")}</th>
                  <th scope="col">{t("fields.status")}</th>
                  <th scope="col">{t("coverage.dueAt")}</th>
                  <th scope="col">{t("coverage.completed")}</th>
                  <th scope="col">{t("coverage.contentVersion")}</th>
                  <th scope="col">{t("coverage.code")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={`${r.systemId}-${r.personName}-${r.unitName}-${r.contentKey}`}>
                    <td>{r.systemName}</td>
                    <td>{r.unitName}</td>
                    <th scope="row">
                      {r.personName} ({tc(`jobFamilies.${r.jobFamily}`)})
                    </th>
                    <td>{r.title[lang]}</td>
                    <td>{t(`state.${r.state}`)}</td>
                    <td>{day(r.dueAt)}</td>
                    <td>{day(r.record?.completedAt)}</td>
                    <td>{r.record?.contentVersion ?? ""}</td>
                    <td>{r.record?.code ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("register:coverage.title")
