import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { FormError } from "~/components/field"
import { DecisionCases, Exercises, LessonFigures, Objectives } from "~/components/lesson-activities"
import { MarkdownBody } from "~/components/markdown-body"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { answerCase, getLessonPage, markLessonRead } from "~/services/learning.server"
import lessonStyles from "~/styles/lesson.css?url"
import { invariantResponse, parseForm } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { LessonParams, parseParams } from "~/utils/route-params"

export const links: LinksFunction = () => [{ rel: "stylesheet", href: lessonStyles }]

export const handle = { i18n: ["learning", "course"] }

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read") }),
  z.object({
    intent: z.literal("case"),
    caseId: z.string().min(1).max(100),
    choice: z.string({ error: "case.chooseFirst" }).min(1, { error: "case.chooseFirst" }).max(100),
  }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { slug, lesson } = parseParams(params, LessonParams)
  const lang = detectLanguage(request)
  const page = getLessonPage(user, slug, lesson, lang)
  invariantResponse(page, "Lesson not found", { status: 404 })
  return { page, lang }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { slug, lesson } = parseParams(params, LessonParams)
  const raw = await readForm(request)
  const form = parseForm(raw, ActionSchema)
  if (!form.ok) {
    const caseId = form.values.caseId
    if (form.values.intent === "case" && caseId)
      return data(
        { caseError: { caseId, message: "case.chooseFirst" as const } },
        {
          status: 400,
        },
      )
    return data({ formError: "errors.badRequest" as const }, { status: 400 })
  }
  if (form.data.intent === "case") {
    const answer = answerCase(
      slug,
      lesson,
      { caseId: form.data.caseId, choiceId: form.data.choice },
      detectLanguage(request),
    )
    if (!answer) return data({ formError: "errors.badRequest" as const }, { status: 400 })
    return data({ caseAnswer: answer })
  }
  const outcome = markLessonRead(user, slug, lesson)
  invariantResponse(outcome.ok, "Lesson not found", { status: 404 })
  throw redirect(`/learn/modules/${slug}/lessons/${lesson}`)
}

export default function LessonPage() {
  const { page, lang } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("learning")
  const { t: tc } = useTranslation("course")
  const base = `/learn/modules/${page.module.slug}`
  const lessonPath = `${base}/lessons/${page.lesson.slug}`
  const caseError = data && "caseError" in data ? data.caseError : null
  return (
    <article className="page lesson">
      <p className="breadcrumb">
        <Link to={base}>{page.module.title}</Link>
      </p>
      <h1>{page.lesson.title}</h1>
      <p className="muted">{t("lesson.position", { position: page.position, count: page.lessonCount })}</p>
      <FormError message={data && "formError" in data ? t(data.formError) : null} />
      <Objectives objectives={page.objectives} />
      <MarkdownBody html={page.html} lang={lang} />
      <LessonFigures figures={page.figures} />
      <DecisionCases
        cases={page.cases}
        answer={data && "caseAnswer" in data ? data.caseAnswer : null}
        action={lessonPath}
        error={caseError ? { caseId: caseError.caseId, text: tc(caseError.message) } : null}
      />
      <Exercises exercises={page.exercises} />
      <div className="lesson-read">
        {page.isRead ? (
          <p className="status status--completed" role="status">
            {t("lesson.isRead")}
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <button type="submit" className="button">
              {t("lesson.markRead")}
            </button>
          </Form>
        )}
      </div>
      <nav aria-label={t("lesson.navigation")} className="lesson-nav">
        <ul>
          {page.previous ? (
            <li>
              <Link rel="prev" to={`${base}/lessons/${page.previous.slug}`}>
                {t("lesson.previous", { title: page.previous.title })}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={base}>{t("lesson.backToModule")}</Link>
          </li>
          {page.next ? (
            <li>
              <Link rel="next" to={`${base}/lessons/${page.next.slug}`}>
                {t("lesson.next", { title: page.next.title })}
              </Link>
            </li>
          ) : (
            <li>
              <Link to={`${base}/quiz`}>{t("lesson.toQuiz")}</Link>
            </li>
          )}
        </ul>
      </nav>
    </article>
  )
}

export const meta = pageMeta<typeof loader>(
  ({ data }) => `${data.page.lesson.title} – ${data.page.module.title}`,
)
