import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { FormError } from "~/components/field"
import { MarkdownBody } from "~/components/markdown-body"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { getLessonPage, markLessonRead } from "~/services/learning.server"
import { invariantResponse, parseForm } from "~/utils/forms"
import { LessonParams } from "~/utils/learning-params"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["learning"] }

const ReadSchema = z.object({ intent: z.literal("read") })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const parsed = LessonParams.safeParse(params)
  invariantResponse(parsed.success, "Lesson not found", { status: 404 })
  const lang = detectLanguage(request)
  const page = getLessonPage(user, parsed.data.slug, parsed.data.lesson, lang)
  invariantResponse(page, "Lesson not found", { status: 404 })
  return { page, lang }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const parsed = LessonParams.safeParse(params)
  invariantResponse(parsed.success, "Lesson not found", { status: 404 })
  const form = parseForm(await readForm(request), ReadSchema)
  if (!form.ok) return Response.json({ formError: "errors.badRequest" }, { status: 400 })
  const { slug, lesson } = parsed.data
  const outcome = markLessonRead(user, slug, lesson)
  invariantResponse(outcome.ok, "Lesson not found", { status: 404 })
  throw redirect(`/learn/modules/${slug}/lessons/${lesson}`)
}

export default function LessonPage() {
  const { page, lang } = useLoaderData<typeof loader>()
  const data = useActionData<{ formError: "errors.badRequest" }>()
  const { t } = useTranslation("learning")
  const base = `/learn/modules/${page.module.slug}`
  return (
    <article className="page lesson">
      <p className="breadcrumb">
        <Link to={base}>{page.module.title}</Link>
      </p>
      <h1>{page.lesson.title}</h1>
      <p className="muted">{t("lesson.position", { position: page.position, count: page.lessonCount })}</p>
      <FormError message={data?.formError ? t(data.formError) : null} />
      <MarkdownBody html={page.html} lang={lang} />
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

export const meta: MetaFunction = () => [{ title: "Parat" }]
