import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { Field } from "~/components/field"
import { AUDIT_ACTIONS, type AuditAction, actionKey } from "~/domain/admin-audit"
import { type AuditNames, describeAuditDetails, describeAuditTarget } from "~/domain/audit-details"
import { formatInstant } from "~/domain/calendar"
import { listAudit, listAuditActors } from "~/services/audit.server"
import { requireRole } from "~/services/auth.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin"] }

const day = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional()
const QuerySchema = z.object({
  action: z.union([z.literal(""), z.enum(AUDIT_ACTIONS)]).optional(),
  actor: z.union([z.literal(""), z.coerce.number().int().positive()]).optional(),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})

const toDate = (value: string | undefined, addDays = 0) => {
  if (!value) return undefined
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) throw new Response("Bad date", { status: 400 })
  return new Date(date.getTime() + addDays * 86_400_000)
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const log = listAudit({
    action: query.action || undefined,
    actorId: query.actor || undefined,
    from: toDate(query.from),
    // "to" is inclusive: up to the end of that day
    to: toDate(query.to, 1),
    page: query.page,
  })
  return { query, log, actors: listAuditActors() }
}

export default function AuditPage() {
  const { query, log, actors } = useLoaderData<typeof loader>()
  const { t } = useTranslation("admin")
  const lang = useLang()
  const pageLink = (page: number) => {
    const params = new URLSearchParams({
      action: query.action ?? "",
      actor: String(query.actor ?? ""),
      from: query.from ?? "",
      to: query.to ?? "",
      page: String(page),
    })
    return `/admin/audit?${params}`
  }
  return (
    <section className="page">
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="admin-grid">
        <SelectField
          label={t("audit.action")}
          name="action"
          defaultValue={query.action ?? ""}
          options={[
            { value: "", label: t("audit.anyAction") },
            ...AUDIT_ACTIONS.map((action) => ({
              value: action,
              label: t(`audit.actions.${actionKey(action)}`),
            })),
          ]}
        />
        <SelectField
          label={t("audit.actor")}
          name="actor"
          defaultValue={String(query.actor ?? "")}
          options={[
            { value: "", label: t("audit.anyActor") },
            ...actors.map((actor) => ({ value: String(actor.id), label: `${actor.name} (${actor.email})` })),
          ]}
        />
        <Field label={t("audit.from")} name="from" type="date" defaultValue={query.from ?? ""} />
        <Field label={t("audit.to")} name="to" type="date" defaultValue={query.to ?? ""} />
        <div>
          <button type="submit" className="button">
            {t("common.filter")}
          </button>
        </div>
      </Form>
      {log.entries.length === 0 ? (
        <p className="admin-section">{t("audit.none")}</p>
      ) : (
        <div className="table-wrap admin-section">
          <table>
            <caption>{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{formatInstant(entry.at, lang)}</th>
                  <td>{entry.actorName ?? "–"}</td>
                  <td>
                    {(AUDIT_ACTIONS as readonly string[]).includes(entry.action)
                      ? t(`audit.actions.${actionKey(entry.action as AuditAction)}`)
                      : entry.action}
                  </td>
                  <td>{describeAuditTarget(entry.target, log.names)}</td>
                  <td>
                    <AuditDetails details={entry.details} names={log.names} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.page > 1 || log.hasMore ? (
        <nav className="pagination" aria-label={t("audit.caption")}>
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>{t("common.previous")}</Link> : null}
          {log.hasMore ? <Link to={pageLink(query.page + 1)}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  )
}

function AuditDetails({ details, names }: { details: Record<string, unknown> | null; names: AuditNames }) {
  const { t } = useTranslation("admin")
  const lang = useLang()
  const words = { yes: t("common.yes"), no: t("common.no"), none: t("common.none") }
  const rows = describeAuditDetails(details, names, lang, words)
  if (rows.length === 0) return null
  return (
    <dl className="audit-details">
      {rows.map((row) => (
        <div key={row.key}>
          <dt>{t(`audit.detail.${row.key}` as "audit.detail.name", { defaultValue: row.key })}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  )
}

export const meta = pageMeta("admin:audit.title")
