import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { MarkdownBody } from "~/components/markdown-body"
import { StaffNote } from "~/components/staff-note"
import { sourceLanguage } from "~/domain/source-language"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getCitizenModule, getCitizenPage } from "~/services/citizen.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["wiki", "patient"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  getUser(request) // public page: the citizen track needs no login
  const lang = detectLanguage(request)
  // A page for patients and relatives, or else a Foundation module of the track.
  const { slug } = parseParams(params, SlugParams)
  const page = getCitizenPage(slug, lang)
  if (page) return { page, module: null }
  const module = getCitizenModule(slug, lang)
  invariantResponse(module, "Not found", { status: 404 })
  return { page: null, module }
}

export default function CitizenSlugPage() {
  const data = useLoaderData<typeof loader>()
  return data.page ? <CitizenPage page={data.page} /> : <CitizenModulePage module={data.module!} />
}

type PageView = NonNullable<ReturnType<typeof getCitizenPage>>

function CitizenPage({ page }: { page: PageView }) {
  const { t } = useTranslation("patient")
  return (
    <article className="page prose">
      <p>
        <Link to="/citizen">{t("track.back")}</Link>
      </p>
      <h1>{page.title}</h1>
      <section className="easy-read" aria-labelledby="easy-read">
        <h2 id="easy-read">{t("track.easyRead")}</h2>
        <p>{page.easyRead}</p>
      </section>
      <MarkdownBody html={page.html} />
      <h2>{t("track.sources")}</h2>
      <ul>
        {page.sources.map((s) => (
          <li key={s.title}>{s.url ? <a href={s.url}>{s.title}</a> : s.title}</li>
        ))}
      </ul>
      <nav aria-label={t("track.pager")} className="button-row">
        {page.previous ? (
          <Link to={`/citizen/${page.previous.slug}`}>
            {t("track.previous")}: {page.previous.title}
          </Link>
        ) : null}
        {page.next ? (
          <Link to={`/citizen/${page.next.slug}`}>
            {t("track.next")}: {page.next.title}
          </Link>
        ) : null}
      </nav>
    </article>
  )
}

function CitizenModulePage({ module }: { module: NonNullable<ReturnType<typeof getCitizenModule>> }) {
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

export const meta = pageMeta<typeof loader>(({ data }) => data.page?.title ?? data.module?.title ?? "")
