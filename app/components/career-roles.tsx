import { Link } from "@remix-run/react"
import { useTranslation } from "react-i18next"

type Role = {
  slug: string
  title: string
  summary: string
  startingPoints: string
  steps: { level: number; title: string; description: string; modules: { slug: string; title: string }[] }[]
}

/** Career roles with their steps; module titles link to the module pages when the reader is logged in. */
export function CareerRoles({
  roles,
  headingLevel,
  linkModules,
}: {
  roles: Role[]
  headingLevel: 2 | 3
  linkModules: boolean
}) {
  const { t } = useTranslation("careers")
  const H = headingLevel === 2 ? "h2" : "h3"
  return (
    <>
      {roles.map((role) => (
        <section key={role.slug} id={`career-${role.slug}`} className="card" aria-label={role.title}>
          <H>{role.title}</H>
          <p>{role.summary}</p>
          <p className="muted">
            {t("startingPoints")}: {role.startingPoints}
          </p>
          <ol>
            {role.steps.map((step) => (
              <li key={step.title} className="career-step">
                <strong>
                  {t("level", { level: step.level })}: {step.title}.
                </strong>{" "}
                {step.description}{" "}
                {step.modules.map((m, i) => (
                  <span key={m.slug}>
                    {i > 0 ? ", " : ""}
                    {linkModules ? <Link to={`/learn/modules/${m.slug}`}>{m.title}</Link> : m.title}
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  )
}
