import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField } from "~/components/admin-ui"
import { Field } from "~/components/field"
import { ROLES } from "~/domain/vocabulary"
import { searchPeople } from "~/services/admin-people.server"
import { requireRole } from "~/services/auth.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin"] }

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.union([z.literal(""), z.enum(ROLES)]).optional(),
  status: z.enum(["active", "inactive", "all"]).default("active"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const result = searchPeople({ ...query, q: query.q || undefined, role: query.role || undefined })
  return { query, result }
}

export default function PeoplePage() {
  const { query, result } = useLoaderData<typeof loader>()
  const { t } = useTranslation("admin")
  const { t: tc } = useTranslation()
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ q: query.q ?? "", role: query.role ?? "", status: query.status })
    params.set("page", String(page))
    return `/admin/people?${params}`
  }
  return (
    <section className="page">
      <h1>{t("people.title")}</h1>
      <Form method="get" className="admin-grid" role="search">
        <Field
          label={t("people.search")}
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          maxLength={200}
        />
        <SelectField
          label={t("people.role")}
          name="role"
          defaultValue={query.role ?? ""}
          options={[
            { value: "", label: t("people.anyRole") },
            ...ROLES.map((role) => ({ value: role, label: tc(`roles.${role}`) })),
          ]}
        />
        <SelectField
          label={t("people.status")}
          name="status"
          defaultValue={query.status}
          options={[
            { value: "active", label: t("people.statusActive") },
            { value: "inactive", label: t("people.statusInactive") },
            { value: "all", label: t("people.statusAll") },
          ]}
        />
        <div>
          <button type="submit" className="button">
            {t("people.submit")}
          </button>
        </div>
      </Form>
      {result.rows.length === 0 ? (
        <p className="admin-section">{t("people.none")}</p>
      ) : (
        <div className="table-wrap admin-section">
          <table>
            <caption>{t("people.caption", { count: result.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("people.name")}</th>
                <th scope="col">{t("people.email")}</th>
                <th scope="col">{t("people.employeeId")}</th>
                <th scope="col">{t("people.unit")}</th>
                <th scope="col">{t("people.jobFamily")}</th>
                <th scope="col">{t("people.role")}</th>
                <th scope="col">{t("people.status")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                  </th>
                  <td>{person.email}</td>
                  <td>{person.employeeId ?? ""}</td>
                  <td>{person.unitName}</td>
                  <td>{tc(`jobFamilies.${person.jobFamily}`)}</td>
                  <td>{tc(`roles.${person.role}`)}</td>
                  <td>{person.isActive ? t("common.active") : t("common.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 ? (
        <nav
          className="pagination"
          aria-label={t("common.page", { page: query.page, pages: result.pageCount })}
        >
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>{t("common.previous")}</Link> : null}
          <span>{t("common.page", { page: query.page, pages: result.pageCount })}</span>
          {query.page < result.pageCount ? (
            <Link to={pageLink(query.page + 1)}>{t("common.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  )
}

export const meta = pageMeta("admin:people.title")
