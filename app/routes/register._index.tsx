import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { listSystems, markModuleChanged, requiredModules } from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { parseForm } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["register"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  return {
    systems: listSystems(user),
    modules: user.role === "admin" ? requiredModules() : [],
    isAdmin: user.role === "admin",
  }
}

const ChangedSchema = z.object({ moduleSlug: z.string().regex(/^[a-z0-9-]{1,80}$/) })

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const parsed = parseForm(await readForm(request), ChangedSchema)
  if (!parsed.ok) return data({ done: false }, { status: 400 })
  const outcome = markModuleChanged(user, parsed.data.moduleSlug)
  if (!outcome.ok) return data({ done: false }, { status: 404 })
  return { done: true }
}

export default function RegisterPage() {
  const { systems, modules, isAdmin } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation("register")
  const lang = i18n.language === "en" ? "en" : "da"
  return (
    <section className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>
        <Link to="/register/new">{t("new")}</Link> · <Link to="/register/evidence">{t("evidence")}</Link>
        {isAdmin ? (
          <>
            {" · "}
            <Link to="/admin/instructions">{t("instructions.title")}</Link>
          </>
        ) : (
          <>
            {" · "}
            <Link to="/register/coverage">{t("unitCoverage.title")}</Link>
          </>
        )}
      </p>
      {systems.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.riskClass")}</th>
                <th scope="col">{t("fields.units")}</th>
                <th scope="col">{t("fields.version")}</th>
              </tr>
            </thead>
            <tbody>
              {systems.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/register/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{t(`status.${s.status}`)}</td>
                  <td>{t(`risk.${s.riskClass}`)}</td>
                  <td>{s.unitNames.join(", ")}</td>
                  <td>{s.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && modules.length > 0 ? (
        <section aria-labelledby="changed-title">
          <h2 id="changed-title">{t("moduleChanged.title")}</h2>
          <p>{t("moduleChanged.lead")}</p>
          {actionData?.done ? (
            <p className="alert alert--success" role="status">
              {t("moduleChanged.done")}
            </p>
          ) : null}
          <Form method="post">
            <label htmlFor="changed-module">{t("requirements.module")}</label>{" "}
            <select id="changed-module" name="moduleSlug">
              {modules.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.title[lang]}
                </option>
              ))}
            </select>{" "}
            <button type="submit">{t("moduleChanged.submit")}</button>
          </Form>
        </section>
      ) : null}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("register:title")
