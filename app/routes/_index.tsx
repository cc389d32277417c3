import type { LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { SurveyCard } from "~/components/survey-card"
import { getUser } from "~/services/auth.server"
import { getHomeSummary } from "~/services/home.server"
import { getLearningSummary } from "~/services/learning.server"
import { getSurveyHomeCard } from "~/services/survey.server"
import { pageMeta } from "~/utils/page-title"

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request)
  if (!user) return { user: null, summary: null, survey: null, learning: null }
  return {
    user: { name: user.name, role: user.role },
    summary: getHomeSummary(user),
    survey: getSurveyHomeCard(user),
    learning: getLearningSummary(user),
  }
}

export default function HomePage() {
  const { user, summary, survey, learning } = useLoaderData<typeof loader>()
  const { t } = useTranslation("home")
  if (!user || !summary) {
    return (
      <section className="page">
        <h1>{t("public.title")}</h1>
        <p className="lead">{t("public.lead")}</p>
        <ul className="feature-list">
          <li>{t("public.forEmployees")}</li>
          <li>{t("public.forLearners")}</li>
          <li>{t("public.forManagers")}</li>
        </ul>
        <p>
          <Link className="button" to="/login">
            {t("public.login")}
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section className="page">
      <h1>{t("greeting", { name: user.name })}</h1>
      <p className="lead">{t(`roleIntro.${user.role}`)}</p>
      <div className="cards">
        {survey ? <SurveyCard card={survey} /> : null}
        <article className="card" aria-labelledby="home-learning">
          <h2 id="home-learning">{t("learning.title")}</h2>
          {learning?.basis === "foundation" ? <p>{t("learning.foundation")}</p> : null}
          {learning?.isAtTarget ? <p>{t("learning.atTarget")}</p> : null}
          {learning && learning.total > 0 ? (
            <p>
              {t("learning.progress", { completed: learning.completed, total: learning.total })}{" "}
              {learning.minutesLeft > 0 ? t("learning.minutesLeft", { minutes: learning.minutesLeft }) : null}
            </p>
          ) : null}
          <p>
            <Link to="/learn">{t("learning.open")}</Link>
          </p>
        </article>
        {user.role === "manager" ? (
          <article className="card" aria-labelledby="home-reports">
            <h2 id="home-reports">{t("reports.title")}</h2>
            <p>{t("reports.scope", { count: summary.scopeCount })}</p>
            {summary.scopeCount > 0 ? (
              <>
                <p>
                  {summary.reportCycle
                    ? t("reports.latestCycle", { cycle: summary.reportCycle })
                    : t("reports.noCycle")}
                </p>
                <p>
                  <Link to="/reports">{t("reports.open")}</Link>
                </p>
              </>
            ) : null}
          </article>
        ) : null}
        {user.role === "admin" ? (
          <article className="card" aria-labelledby="home-admin">
            <h2 id="home-admin">{t("admin.title")}</h2>
            <p>{t("admin.counts", { people: summary.peopleCount, units: summary.unitCount })}</p>
            <p>{t("admin.openCycles", { count: summary.openCycleCount })}</p>
            <p>
              <Link to="/admin">{t("admin.open")}</Link>
            </p>
          </article>
        ) : null}
      </div>
    </section>
  )
}

export const meta = pageMeta("nav.home")
