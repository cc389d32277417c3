import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { StaffNote } from "~/components/staff-note"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listCitizenModules, listCitizenPages } from "~/services/citizen.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["wiki", "patient"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page: the citizen track needs no login
  const lang = detectLanguage(request)
  return {
    pages: listCitizenPages(lang),
    modules: listCitizenModules(lang),
  }
}

export default function CitizenTrackPage() {
  const { pages, modules } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  const { t: tp } = useTranslation("patient")
  const { t: tc } = useTranslation()
  return (
    <section className="page">
      <h1>{tp("track.title")}</h1>
      <p className="lead">{tp("track.intro")}</p>
      <h2>{tp("track.pagesHeading")}</h2>
      <ol className="module-list">
        {pages.map((p) => (
          <li key={p.slug} className="card">
            <h3>
              <Link to={`/citizen/${p.slug}`}>{p.title}</Link>
            </h3>
            <p>{p.easyRead}</p>
          </li>
        ))}
      </ol>
      <h2>{tp("track.learnMoreHeading")}</h2>
      <p>{tp("track.learnMoreIntro")}</p>
      <ul className="module-list">
        {modules.map((m) => (
          <li key={m.slug} className="card">
            <h3>
              <Link to={`/citizen/${m.slug}`}>{m.title}</Link>
            </h3>
            <p className="muted">
              {tc(`dimensions.${m.dimension}`)} · {t("citizen.lessons", { count: m.lessonCount })} ·{" "}
              {t("citizen.minutes", { count: m.minutes })}
            </p>
            <p>{m.summary}</p>
          </li>
        ))}
      </ul>
      <StaffNote />
    </section>
  )
}

export const meta = pageMeta("patient:track.title")
