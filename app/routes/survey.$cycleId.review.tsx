import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { useLang } from "~/components/bilingual"
import { requireUser } from "~/services/auth.server"
import { getReview, submitResponse } from "~/services/survey.server"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { CycleParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["survey"] }

const SubmitSchema = z.object({ intent: z.literal("submit") })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const review = getReview(user, cycleId)
  invariantResponse(review, "Not found", { status: 404 })
  if (review.state === "submitted") throw redirect(`/survey/${cycleId}/result`)
  return { review }
}

type ActionData = { formError: "errors.badIntent" | "errors.closed" | "errors.missing"; count: number }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const parsed = SubmitSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data<ActionData>({ formError: "errors.badIntent", count: 0 }, { status: 400 })
  const outcome = submitResponse(user, cycleId)
  switch (outcome.kind) {
    case "submitted":
    case "already_submitted":
      return redirect(`/survey/${cycleId}/result`)
    case "closed":
      return data<ActionData>({ formError: "errors.closed", count: 0 }, { status: 400 })
    case "missing":
      return data<ActionData>({ formError: "errors.missing", count: outcome.missing.length }, { status: 400 })
    case "not_found":
      throw new Response("Not found", { status: 404 })
  }
}

export default function SurveyReviewPage() {
  const { review } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("survey")
  const lang = useLang()
  const isSubmitting = useNavigation().state !== "idle"
  const isClosed = review.state === "closed"
  return (
    <section className="page survey-page">
      <p className="muted">{review.cycle.name}</p>
      <h1>{t("review.title")}</h1>
      {actionData ? (
        <p role="alert" className="alert alert--error">
          {t(actionData.formError, { count: actionData.count })}
        </p>
      ) : null}
      {isClosed ? <p className="alert alert--info">{t("page.closed")}</p> : <p>{t("review.lead")}</p>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls on a phone must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-wrap" aria-labelledby="review-caption" tabIndex={0}>
        <table>
          <caption id="review-caption">{t("review.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("review.dimension")}</th>
              <th scope="col">{t("review.answered")}</th>
              {isClosed ? null : (
                <th scope="col">
                  <span className="visually-hidden">{t("review.edit")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {review.dimensions.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.name[lang]}</th>
                <td>{t("review.answeredOf", { answered: d.answered, total: d.total })}</td>
                {isClosed ? null : (
                  <td>
                    <Link
                      to={`/survey/${review.cycle.id}/page/${d.page}`}
                      aria-label={t("review.editPage", { page: d.page, name: d.name[lang] })}
                    >
                      {t("review.edit")}
                    </Link>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>{t("review.answersTitle")}</h2>
      {review.answers.map((section) => (
        <section key={section.key} aria-labelledby={`answers-${section.key}`}>
          <h3 id={`answers-${section.key}`}>{section.name[lang]}</h3>
          {section.items.length === 0 ? (
            <p>{t("review.noTools")}</p>
          ) : (
            <dl className="answers">
              {section.items.map((item) => (
                <div key={item.itemId}>
                  <dt>{item.question[lang]}</dt>
                  <dd className={item.answer ? undefined : "muted"}>
                    {item.answer ? item.answer[lang] : t("review.noAnswer")}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {isClosed ? null : (
            <p>
              <Link
                to={`/survey/${review.cycle.id}/page/${section.page}`}
                aria-label={t("review.editPage", { page: section.page, name: section.name[lang] })}
              >
                {t("review.edit")}
              </Link>
            </p>
          )}
        </section>
      ))}
      {review.missing.length > 0 ? (
        <>
          <h2>{t("review.missingTitle")}</h2>
          <ul>
            {review.missing.map((m) => (
              <li key={m.itemId}>
                <Link to={`/survey/${review.cycle.id}/page/${m.page}`}>
                  {t("review.missingItem", { page: m.page, text: m.text[lang] })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isClosed ? (
        <p>
          <Link to="/survey">{t("page.backToSurvey")}</Link>
        </p>
      ) : (
        <>
          <h2>{t("review.finalTitle")}</h2>
          <p>{t("review.final")}</p>
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="button" disabled={isSubmitting}>
                {t("review.submit")}
              </button>
            </Form>
            <Link className="button button--quiet" to={`/survey/${review.cycle.id}/page/${review.pageCount}`}>
              {t("review.back")}
            </Link>
          </div>
        </>
      )}
    </section>
  )
}

export const meta = pageMeta("survey:review.title")
