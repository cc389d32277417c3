import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { useLang } from "~/components/bilingual"
import { FormError } from "~/components/field"
import { formatDay } from "~/domain/calendar"
import { requireUser } from "~/services/auth.server"
import { deleteDraft, getSurveyOverview } from "~/services/survey.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["survey"] }

const DeleteDraftSchema = z.object({
  intent: z.literal("deleteDraft"),
  cycleId: z.coerce.number().int().positive().max(2_147_483_647),
})
const NoticeQuery = z.object({ notice: z.enum(["draftDeleted", "noDraft"]).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { notice } = parseQuery(request, NoticeQuery)
  return { ...getSurveyOverview(user), notice: notice ?? null }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const parsed = DeleteDraftSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ formError: "errors.badIntent" as const }, { status: 400 })
  const outcome = deleteDraft(user, parsed.data.cycleId)
  if (outcome === "submitted")
    return data({ formError: "intro.cannotDeleteSubmitted" as const }, { status: 400 })
  return redirect(`/survey?notice=${outcome === "deleted" ? "draftDeleted" : "noDraft"}`)
}

export default function SurveyStartPage() {
  const { intro, cycles, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("survey")
  const lang = useLang()
  return (
    <section className="page">
      <h1>{intro.title[lang]}</h1>
      {notice ? (
        <p role="status" className="alert alert--success">
          {t(notice === "draftDeleted" ? "intro.draftDeleted" : "intro.noDraft")}
        </p>
      ) : null}
      <FormError message={actionData?.formError ? t(actionData.formError) : null} />
      <p className="lead">{intro.intro[lang]}</p>
      <h2>{t("intro.timeTitle")}</h2>
      <p>{t("intro.time", { minutes: intro.minutes, pages: intro.pageCount })}</p>
      <h2>{t("intro.privacyTitle")}</h2>
      <ul>
        <li>{t("intro.privacyOwn")}</li>
        <li>{t("intro.privacyManagers", { k: intro.minGroupSize })}</li>
        <li>{t("intro.privacyDraft")}</li>
      </ul>
      <h2>{t("intro.cyclesTitle")}</h2>
      {cycles.length === 0 ? <p>{t("intro.none")}</p> : null}
      {cycles.map((cycle) => (
        <article key={cycle.id} className="survey-cycle" aria-labelledby={`cycle-${cycle.id}`}>
          <h3 id={`cycle-${cycle.id}`}>{cycle.name}</h3>
          <p>
            {t("state.label")}: <span className="state-badge">{t(`state.${cycle.state}`)}</span>
            {cycle.state !== "submitted" ? (
              <> {t("intro.closesAt", { date: formatDay(cycle.closesOn, lang) })}</>
            ) : null}
          </p>
          <div className="button-row">
            {cycle.state === "not_started" ? (
              <Link className="button" to={`/survey/${cycle.id}/page/1`}>
                {t("intro.start")}
              </Link>
            ) : null}
            {cycle.state === "in_progress" ? (
              <Link
                className="button"
                to={
                  cycle.resumePage > intro.pageCount
                    ? `/survey/${cycle.id}/review`
                    : `/survey/${cycle.id}/page/${cycle.resumePage}`
                }
              >
                {t("intro.continue")}
              </Link>
            ) : null}
            {cycle.state === "submitted" ? (
              <Link className="button" to={`/survey/${cycle.id}/result`}>
                {t("intro.seeResult")}
              </Link>
            ) : null}
          </div>
          {cycle.hasDraft ? (
            <Form method="post" className="stack delete-draft">
              <input type="hidden" name="intent" value="deleteDraft" />
              <input type="hidden" name="cycleId" value={cycle.id} />
              <p className="muted" id={`delete-hint-${cycle.id}`}>
                {t("intro.deleteDraftHint")}
              </p>
              <button
                type="submit"
                className="button button--quiet"
                aria-describedby={`delete-hint-${cycle.id}`}
              >
                {t("intro.deleteDraft")}
              </button>
            </Form>
          ) : null}
        </article>
      ))}
    </section>
  )
}

export const meta = pageMeta("survey:title")
