import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { LessonFigures, Objectives } from "~/components/lesson-activities"
import { MarkdownBody } from "~/components/markdown-body"
import { StaffNote } from "~/components/staff-note"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getCitizenLesson } from "~/services/citizen.server"
import contentStyles from "~/styles/content.css?url"
import lessonStyles from "~/styles/lesson.css?url"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { parseParams, textParam } from "~/utils/route-params"

export const handle = { i18n: ["wiki", "course"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: lessonStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  getUser(request) // public page: read-only, no progress is stored
  const { slug, lesson } = parseParams(params, { slug: textParam, lesson: textParam })
  const view = getCitizenLesson(slug, lesson, detectLanguage(request))
  invariantResponse(view, "Not found", { status: 404 })
  return view
}

export default function CitizenLessonPage() {
  const { module, lesson, objectives, figures, position, total, previous, next } =
    useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  return (
    <article className="page">
      <p>
        <Link to={`/citizen/${module.slug}`}>
          {t("citizen.backToModule")}: {module.title}
        </Link>
      </p>
      <p className="muted">{t("citizen.lessonOf", { n: position, total })}</p>
      <h1>{lesson.title}</h1>
      <Objectives objectives={objectives} />
      <MarkdownBody html={lesson.html} />
      <LessonFigures figures={figures} />
      {next ? null : <p>{t("citizen.finished")}</p>}
      <nav aria-label={t("citizen.lessonNav")} className="lesson-nav">
        {previous ? (
          <Link to={`/citizen/${module.slug}/${previous.slug}`} rel="prev">
            {t("citizen.previous", { title: previous.title })}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`/citizen/${module.slug}/${next.slug}`} rel="next">
            {t("citizen.next", { title: next.title })}
          </Link>
        ) : (
          <Link to={`/citizen/${module.slug}`}>{t("citizen.backToModule")}</Link>
        )}
      </nav>
      <StaffNote />
    </article>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => `${data.lesson.title} – ${data.module.title}`)
