import type { LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { useLang } from "~/components/bilingual"
import { CareerRoles } from "~/components/career-roles"
import { ProgressBar } from "~/components/learning"
import { formatInstantDay } from "~/domain/calendar"
import { detectLanguage } from "~/i18n/i18n.server"
import { requiredForPerson } from "~/services/ai-register.server"
import { requireUser } from "~/services/auth.server"
import { careersForFamily } from "~/services/careers.server"
import { getMyPath } from "~/services/learning.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["learning", "register", "careers"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  return {
    path: getMyPath(user, detectLanguage(request)),
    jobFamily: user.jobFamily,
    required: requiredForPerson(user.id),
    careers: careersForFamily(user.jobFamily, detectLanguage(request)),
  }
}

export default function MyPathPage() {
  const { path, jobFamily, required, careers } = useLoaderData<typeof loader>()
  const { t: tcar } = useTranslation("careers")
  const { t: tr } = useTranslation("register")
  const { t } = useTranslation("learning")
  const { t: tc } = useTranslation()
  const lang = useLang()
  const date = (value: string | Date) => formatInstantDay(value, lang)
  return (
    <section className="page">
      <h1>{t("path.title")}</h1>
      {required.length > 0 ? (
        <section aria-labelledby="required-title" className="required-work">
          <h2 id="required-title">{tr("learner.title")}</h2>
          <p>{tr("learner.lead")}</p>
          <ul>
            {required.map((r) => (
              <li key={`${r.systemName}-${r.contentKey}`}>
                <Link to={r.href}>{r.title[lang]}</Link> ({r.systemName}):{" "}
                <strong>
                  {r.state === "done"
                    ? tr("learner.done")
                    : r.state === "overdue"
                      ? tr("learner.overdue", { date: date(r.dueAt!) })
                      : tr("learner.due", { date: date(r.dueAt!) })}
                </strong>
                {r.state === "done" && r.dueAt ? `, ${tr("learner.nextDue", { date: date(r.dueAt) })}` : ""}
                {r.state !== "done" && r.cause && r.cause !== "never"
                  ? ` · ${tr(`learner.causes.${r.cause}`)}`
                  : ""}
                {r.code ? (
                  <>
                    {" · "}
                    <Link to={`/verify/${r.code}`}>{tr("learner.verify", { code: r.code })}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {path.basis === "foundation" ? (
        <p className="lead">{t("path.basisFoundation")}</p>
      ) : (
        <p className="lead">
          {t("path.basisAssessed", {
            cycle: path.result?.cycleName ?? "",
            jobFamily: tc(`jobFamilies.${jobFamily}`),
          })}
        </p>
      )}
      {path.isAtTarget ? (
        <p className="alert alert--success" role="status">
          {t("path.atTarget")}
        </p>
      ) : null}
      {path.dimensions.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t("path.levels.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("path.levels.dimension")}</th>
                <th scope="col">{t("path.levels.yours")}</th>
                <th scope="col">{t("path.levels.target")}</th>
                <th scope="col">{t("path.levels.gap")}</th>
              </tr>
            </thead>
            <tbody>
              {path.dimensions.map((d) => (
                <tr key={d.dimension}>
                  <th scope="row">{tc(`dimensions.${d.dimension}`)}</th>
                  <td>
                    {d.level} · {tc(`levels.${d.level}`)}
                  </td>
                  <td>
                    {d.target} · {tc(`levels.${d.target as 1 | 2 | 3 | 4}`)}
                  </td>
                  <td>
                    {d.gap === 0 ? t("path.levels.atTarget") : t("path.levels.gapLevels", { count: d.gap })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {path.totals.modules > 0 ? (
        <div className="path-overview">
          <ProgressBar
            value={path.totals.completed}
            max={path.totals.modules}
            label={t("path.overview", { completed: path.totals.completed, total: path.totals.modules })}
          />
          {path.totals.remaining > 0 ? (
            <p>{t("path.minutesLeft", { minutes: path.totals.minutesLeft })}</p>
          ) : (
            <p role="status">{t("path.allDone")}</p>
          )}
        </div>
      ) : path.isAtTarget ? null : (
        <p>{t("path.empty")}</p>
      )}

      {path.groups.map((group) => (
        <section key={group.level} aria-labelledby={`level-${group.level}`} className="path-level">
          <h2 id={`level-${group.level}`}>
            {t("path.levelHeading", { level: group.level, name: tc(`levels.${group.level}`) })}
          </h2>
          <ProgressBar
            value={group.completed}
            max={group.steps.length}
            label={t("path.levelProgress", {
              completed: group.completed,
              total: group.steps.length,
              level: group.level,
            })}
          />
          {group.minutesLeft > 0 ? <p>{t("path.minutesLeft", { minutes: group.minutesLeft })}</p> : null}
          <ol className="path-steps">
            {group.steps.map((step) => (
              <li key={step.slug} className={`path-step path-step--${step.status}`}>
                <h3>
                  <Link to={`/learn/modules/${step.slug}`}>{step.title}</Link>
                </h3>
                <p className="path-step__meta">
                  <span className={`status status--${step.status}`}>{t(`path.status.${step.status}`)}</span>
                  {" · "}
                  {tc(`dimensions.${step.dimension}`)}
                  {" · "}
                  {t("path.minutes", { count: step.minutes })}
                  {" · "}
                  {t("path.lessonsRead", { read: step.lessonsRead, count: step.lessonCount })}
                  {" · "}
                  {t(`path.reason.${step.reason}`)}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ))}

      {path.history.length > 0 ? (
        <section aria-labelledby="path-history">
          <h2 id="path-history">{t("path.history.title")}</h2>
          <p>{t("path.history.intro")}</p>
          <ul>
            {path.history.map((h) => (
              <li key={h.slug}>
                {h.title} ({t("path.history.completedAt", { date: date(h.completedAt) })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {careers.length > 0 ? (
        <section aria-labelledby="career-paths">
          <h2 id="career-paths">{tcar("yourPaths")}</h2>
          <p>{tcar("yourPathsIntro")}</p>
          <CareerRoles roles={careers} headingLevel={3} linkModules />
          <p>
            <Link to="/careers">{tcar("all")}</Link>
          </p>
        </section>
      ) : null}

      <p>
        <Link to="/learn/catalogue">{t("path.browse")}</Link>
      </p>
    </section>
  )
}

export const meta = pageMeta("learning:path.title")
