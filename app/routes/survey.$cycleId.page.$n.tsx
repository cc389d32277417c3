import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { useLang } from "~/components/bilingual"
import { SurveyItem, ToolList } from "~/components/survey-item"
import type { AnswerError } from "~/domain/survey"
import { requireUser } from "~/services/auth.server"
import { getSurveyPage, saveDraftPage } from "~/services/survey.server"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { parseParams, SurveyPageParams } from "~/utils/route-params"

export const handle = { i18n: ["survey"] }

const Intent = z.enum(["next", "back"])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId, n } = parseParams(params, SurveyPageParams)
  const page = getSurveyPage(user, cycleId, n)
  invariantResponse(page, "Not found", { status: 404 })
  if (page.state === "submitted") throw redirect(`/survey/${cycleId}/result`)
  return { page }
}

type ActionData = {
  errors: AnswerError[]
  values: Record<string, string>
  formError: "errors.badIntent" | "errors.closed" | null
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { cycleId, n } = parseParams(params, SurveyPageParams)
  const formData = await readForm(request)
  const intent = Intent.safeParse(formData.get("intent"))
  if (!intent.success)
    return data<ActionData>({ errors: [], values: {}, formError: "errors.badIntent" }, { status: 400 })
  const outcome = saveDraftPage(user, cycleId, n, intent.data, formData.entries())
  switch (outcome.kind) {
    case "saved":
      if (outcome.nextPage < 1) return redirect("/survey")
      if (outcome.nextPage >= outcome.reviewPage) return redirect(`/survey/${cycleId}/review`)
      return redirect(`/survey/${cycleId}/page/${outcome.nextPage}`)
    case "submitted":
      return redirect(`/survey/${cycleId}/result`)
    case "closed":
      return data<ActionData>({ errors: [], values: {}, formError: "errors.closed" }, { status: 400 })
    case "invalid":
      return data<ActionData>(
        { errors: outcome.errors, values: outcome.values, formError: null },
        { status: 400 },
      )
    case "not_found":
      throw new Response("Not found", { status: 404 })
  }
}

export default function SurveyPageRoute() {
  const { page } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("survey")
  const lang = useLang()
  const isSaving = useNavigation().state !== "idle"
  const { dimension } = page
  const isClosed = page.state === "closed"
  const itemErrors = new Map(actionData?.errors.map((e) => [e.field, e]) ?? [])
  const isLast = page.page === page.pageCount
  let likertCount = 0
  let knowledgeCount = 0
  return (
    <section className="page survey-page">
      <p className="muted">{page.cycle.name}</p>
      <div className="survey-progress">
        <p id="survey-progress" className="survey-progress__text">
          {t("page.progress", { page: page.page, total: page.pageCount })}
        </p>
        <progress max={page.pageCount} value={page.page} aria-labelledby="survey-progress" />
      </div>
      <h1>{dimension.name[lang]}</h1>
      <p className="lead">{dimension.description[lang]}</p>
      {actionData && (actionData.errors.length > 0 || actionData.formError) ? (
        <div role="alert" className="alert alert--error">
          <p>
            <strong>{t("errors.title")}</strong>
          </p>
          {actionData.formError ? <p>{t(actionData.formError)}</p> : null}
          {actionData.errors.length > 0 ? (
            <>
              <ul>
                {actionData.errors.map((e) => (
                  <li key={`${e.field}-${e.code}`}>{t(`errors.${e.code}`, { field: e.field })}</li>
                ))}
              </ul>
              <p>{t("errors.keptDraft")}</p>
            </>
          ) : null}
        </div>
      ) : null}
      {isClosed ? (
        <>
          <p className="alert alert--info">{t("page.closed")}</p>
          <p>
            <Link to="/survey">{t("page.backToSurvey")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" key={`${page.cycle.id}-${page.page}`}>
          {dimension.items.some((item) => item.kind === "likert") ? (
            <p id="likert-hint" className="muted">
              {t(dimension.kind === "attitudes" ? "page.attitudeHint" : "page.likertHint")}
            </p>
          ) : null}
          {dimension.items.some((item) => item.kind === "knowledge") ? (
            <p id="knowledge-hint" className="muted">
              {t("page.knowledgeHint")}
            </p>
          ) : null}
          {dimension.kind === "tools" ? (
            <ToolList
              items={dimension.items}
              legend={t("page.toolsLegend")}
              lang={lang}
              checked={
                new Set(
                  actionData
                    ? Object.keys(actionData.values)
                    : Object.keys(page.answers).filter((id) => page.answers[id] === 1),
                )
              }
            />
          ) : null}
          {dimension.items.map((item) => {
            if (item.kind === "tool") return null
            const number = item.kind === "likert" ? ++likertCount : ++knowledgeCount
            const saved = page.answers[item.id]
            const value = actionData?.values[item.id] ?? (saved === undefined ? undefined : String(saved))
            const error = itemErrors.get(item.id)
            return (
              <SurveyItem
                key={item.id}
                item={item}
                number={number}
                lang={lang}
                scale={page.scale}
                dontKnow={page.dontKnow}
                value={value}
                error={error ? t(`errors.${error.code}`, { field: item.id }) : undefined}
              />
            )
          })}
          <div className="button-row">
            <button type="submit" name="intent" value="next" className="button" disabled={isSaving}>
              {isLast ? t("page.toReview") : t("page.next")}
            </button>
            <button
              type="submit"
              name="intent"
              value="back"
              className="button button--quiet"
              disabled={isSaving}
            >
              {t("page.back")}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta = pageMeta<typeof loader>(
  ({ data, lang }) => `${data.page.dimension.name[lang]} – ${data.page.cycle.name}`,
)
