import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { StaffNote } from "~/components/staff-note"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listCitizenModules } from "~/services/citizen.server"
import contentStyles from "~/styles/content.css?url"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["wiki"] }

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page: the citizen track needs no login
  return {
    modules: listCitizenModules(detectLanguage(request)),
  }
}

export default function CitizenTrackPage() {
  const { modules } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  const { t: tc } = useTranslation()
  return (
    <section className="page">
      <h1>{t("citizen.title")}</h1>
      <p className="lead">{t("citizen.intro")}</p>
      <ul className="module-list">
        {modules.map((m) => (
          <li key={m.slug} className="card">
            <h2>
              <Link to={`/citizen/${m.slug}`}>{m.title}</Link>
            </h2>
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

export const meta = pageMeta("wiki:citizen.title")
