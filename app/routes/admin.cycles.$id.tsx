import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { CountText, StatusMessage } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { Field, FormError } from "~/components/field"
import { formatDayRange } from "~/domain/calendar"
import { parseReminderDays } from "~/domain/mail"
import { closeCycle, getCycleDetail, openCycle, setReminderDays } from "~/services/admin-cycles.server"
import { requireRole } from "~/services/auth.server"
import { invariantResponse, parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { IdParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["admin"] }

const QuerySchema = z.object({ done: z.enum(["create", "open", "close", "reminders"]).optional() })
const RemindersSchema = z.object({ reminderDays: z.string().max(100) })

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const detail = getCycleDetail(parseParams(params, IdParams).id)
  invariantResponse(detail, "Not found", { status: 404 })
  return { detail, done: query.done ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const { id } = parseParams(params, IdParams)
  const formData = await readForm(request)
  const intent = String(formData.get("intent") ?? "")
  if (intent === "reminders") {
    const form = RemindersSchema.safeParse(Object.fromEntries(formData))
    const days = form.success ? parseReminderDays(form.data.reminderDays) : null
    if (!days)
      return data({ errors: { reminderDays: ["validation.reminderDays" as const] } }, { status: 400 })
    const outcome = setReminderDays(user.id, id, days)
    if (!outcome.ok)
      return data(
        { formError: `cycles.errors.${outcome.reason}` as const },
        { status: outcome.reason === "not_found" ? 404 : 400 },
      )
    return redirect(`/admin/cycles/${id}?done=reminders`)
  }
  if (intent !== "open" && intent !== "close") throw new Response("Unknown intent", { status: 400 })
  const outcome = intent === "open" ? openCycle(user.id, id) : closeCycle(user.id, id)
  if (!outcome.ok) {
    return data(
      { formError: `cycles.errors.${outcome.reason}` as const },
      { status: outcome.reason === "not_found" ? 404 : 400 },
    )
  }
  return redirect(`/admin/cycles/${id}?done=${intent}`)
}

export default function CyclePage() {
  const { detail, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("admin")
  const { t: tm } = useTranslation("mail")
  const lang = useLang()
  const { cycle, k } = detail
  return (
    <section className="page">
      <p>
        <Link to="/admin/cycles">{t("cycle.back")}</Link>
      </p>
      <h1>{cycle.name}</h1>
      <StatusMessage
        message={done === "reminders" ? tm("reminders.saved") : done ? t(`cycle.done.${done}`) : null}
      />
      <FormError message={actionData && "formError" in actionData ? t(actionData.formError) : null} />
      <section aria-labelledby="cycle-details">
        <h2 id="cycle-details">{t("cycle.details")}</h2>
        <dl className="facts">
          <dt>{t("cycles.status")}</dt>
          <dd>{t(`phases.${cycle.phase}`)}</dd>
          <dt>{t("cycles.instrument")}</dt>
          <dd>
            {t("cycles.instrumentVersion", { key: cycle.instrumentKey, version: cycle.instrumentVersion })}
          </dd>
          <dt>{t("cycles.period")}</dt>
          <dd>{formatDayRange(cycle.opensOn, cycle.closesOn, lang)}</dd>
          <dt>{t("cycle.k")}</dt>
          <dd>{cycle.status === "draft" ? t("cycle.kDraft", { k }) : k}</dd>
          <dt>{t("cycle.targets")}</dt>
          <dd>{detail.targets.map((u) => `${u.name} (${u.code})`).join(", ")}</dd>
          <dt>{tm("reminders.title")}</dt>
          <dd>{cycle.reminderDays.length > 0 ? cycle.reminderDays.join(", ") : tm("reminders.none")}</dd>
        </dl>
      </section>

      {cycle.status !== "closed" ? (
        <Form method="post" className="stack admin-section" noValidate>
          <input type="hidden" name="intent" value="reminders" />
          <Field
            label={tm("reminders.label")}
            name="reminderDays"
            hint={tm("reminders.hint")}
            defaultValue={cycle.reminderDays.join(", ")}
            inputMode="numeric"
            errors={actionData && "errors" in actionData ? actionData.errors.reminderDays : undefined}
          />
          <div>
            <button type="submit" className="button">
              {tm("reminders.save")}
            </button>
          </div>
        </Form>
      ) : null}

      {cycle.status === "draft" ? (
        <Form method="post" className="stack admin-section">
          <input type="hidden" name="intent" value="open" />
          {detail.wouldInvite ? (
            <p>
              {detail.wouldInvite.kind === "count"
                ? t("cycle.wouldInvite", { count: detail.wouldInvite.n })
                : t("cycle.wouldInviteFewer", { k: detail.wouldInvite.k })}
            </p>
          ) : null}
          <p className="field__hint">{t("cycle.openHint")}</p>
          <div>
            <button type="submit" className="button">
              {t("cycle.open")}
            </button>
          </div>
        </Form>
      ) : null}
      {cycle.status === "open" ? (
        <Form method="post" className="stack admin-section">
          <input type="hidden" name="intent" value="close" />
          <p className="field__hint">{t("cycle.closeHint")}</p>
          <div>
            <button type="submit" className="button button--danger">
              {t("cycle.close")}
            </button>
          </div>
        </Form>
      ) : null}

      {detail.totals ? (
        <section className="admin-section" aria-labelledby="cycle-participation">
          <h2 id="cycle-participation">{t("cycle.participationTitle")}</h2>
          <p>{t("cycle.participationIntro", { k })}</p>
          <div className="table-wrap">
            <table>
              <caption>{t("cycle.participationCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cycle.unit")}</th>
                  <th scope="col">{t("cycle.invited")}</th>
                  <th scope="col">{t("cycle.submitted")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.rows.map((row) => (
                  <tr key={row.unitId}>
                    <th scope="row" style={{ paddingLeft: `${0.6 + row.depth * 1.25}rem` }}>
                      {row.name}
                    </th>
                    <td>
                      <CountText count={row.invited} />
                    </td>
                    <td>
                      <CountText count={row.submitted} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("cycle.total")}</th>
                  <td>
                    <CountText count={detail.totals.invited} />
                  </td>
                  <td>
                    <CountText count={detail.totals.submitted} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.detail.cycle.name)
