import type { LoaderFunctionArgs } from "@remix-run/node"
import { useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import type { ShownCount } from "~/domain/admin-counts"
import { DEFAULT_MIN_GROUP_SIZE } from "~/domain/vocabulary"
import { requireRole } from "~/services/auth.server"
import { getManagerMailCounts } from "~/services/mail.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["mail"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "manager")
  return { cycles: getManagerMailCounts(user.id) }
}

/** A manager's units: how many were invited and reminded by e-mail per cycle; never who answered. */
export default function InvitationsPage() {
  const { cycles } = useLoaderData<typeof loader>()
  const { t } = useTranslation("mail")
  const shown = (count: ShownCount) =>
    count.kind === "count"
      ? count.n
      : count.kind === "fewer"
        ? t("manager.fewer", { k: count.k })
        : t("manager.hidden")
  return (
    <section className="page">
      <h1>{t("manager.title")}</h1>
      <p>{t("manager.intro", { k: cycles[0]?.k ?? DEFAULT_MIN_GROUP_SIZE })}</p>
      {cycles.length === 0 ? <p>{t("manager.none")}</p> : null}
      {cycles.map((cycle) => (
        <div className="table-wrap" key={cycle.cycleId}>
          <table>
            <caption>{t("manager.caption", { cycle: cycle.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("manager.unit")}</th>
                <th scope="col">{t("manager.invited")}</th>
                <th scope="col">{t("manager.reminded")}</th>
              </tr>
            </thead>
            <tbody>
              {cycle.rows.map((row) => (
                <tr key={row.unitId}>
                  <th scope="row" style={{ paddingInlineStart: `${row.depth * 1.25 + 0.5}rem` }}>
                    {row.name}
                  </th>
                  <td>{shown(row.invited)}</td>
                  <td>{shown(row.reminded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("mail:manager.title")
