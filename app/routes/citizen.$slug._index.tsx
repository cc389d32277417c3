import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { StaffNote } from "~/components/staff-note"
import { sourceLanguage } from "~/domain/source-language"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getCitizenModule } from "~/services/citizen.server"
import contentStyles from "~/styles/content.css?url"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["wiki"] }

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  getUser(request) // public page: the citizen track needs no login
  const module = getCitizenModule(params.slug ?? "", detectLanguage(request))
  invariantResponse(module, "Not found", { status: 404 })
  return { module }
}

export default function CitizenModulePage() {
  const { module } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  const { t: tc } = useTranslation()
  return (
    <article className="page">
      <p>
        <Link to="/citizen">{t("citizen.backToTrack")}</Link>
      </p>
      <h1>{module.title}</h1>
      <p className="muted">
        {tc(`dimensions.${module.dimension}`)} · {t("citizen.minutes", { count: module.minutes })}
      </p>
      <p className="lead">{module.summary}</p>
      <h2>{t("citizen.lessonsHeading")}</h2>
      <ol>
        {module.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link to={`/citizen/${module.slug}/${lesson.slug}`}>{lesson.title}</Link>
          </li>
        ))}
      </ol>
      <h2>{t("citizen.sourcesHeading")}</h2>
      <ul>
        {module.sources.map((source) => (
          <li key={source.title} lang={sourceLanguage(source)}>
            {source.url ? (
              <a href={source.url} rel="noopener noreferrer">
                {source.title}
              </a>
            ) : (
              source.title
            )}
          </li>
        ))}
      </ul>
      <StaffNote />
    </article>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.module.title)
