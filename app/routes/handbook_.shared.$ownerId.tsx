import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { FilledTemplate } from "~/components/filled-template"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { getSharedProject, templateByline } from "~/services/handbook-templates.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"
import { idParam, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["toolkit"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { ownerId } = parseParams(params, { ownerId: idParam })
  const lang = detectLanguage(request)
  // Not shared and not existing look the same: 404, so the page reveals nothing about other people.
  const project = getSharedProject(user.id, ownerId, lang)
  invariantResponse(project, "Not found", { status: 404 })
  const t = await getFixedT(request)
  return {
    ownerName: project.ownerName,
    phases: project.phases,
    templates: project.templates.map((tpl) => ({
      view: tpl.view,
      byline: templateByline(t, project.ownerName, tpl.updatedAt, lang),
    })),
  }
}

export default function SharedProjectPage() {
  const { ownerName, phases, templates } = useLoaderData<typeof loader>()
  const { t } = useTranslation("toolkit")
  return (
    <article className="page">
      <p className="no-print">
        <Link to="/handbook/sharing">{t("sharing.back")}</Link>
      </p>
      <h1>{t("sharing.viewTitle", { name: ownerName })}</h1>
      <p>{t("sharing.viewIntro", { name: ownerName })}</p>
      <h2>{t("sharing.checklistsHeading")}</h2>
      {phases.map((phase) => (
        <section key={phase.key} aria-labelledby={`shared-${phase.key}`}>
          <h3 id={`shared-${phase.key}`}>
            {phase.title}{" "}
            <span className="muted">
              (
              {t("sharing.progress", {
                done: phase.items.filter((i) => i.isChecked).length,
                total: phase.items.length,
              })}
              )
            </span>
          </h3>
          <ul>
            {phase.items.map((item) => (
              <li key={item.id}>
                <span aria-hidden="true">{item.isChecked ? "☑" : "☐"}</span>{" "}
                <span className="visually-hidden">
                  {item.isChecked ? t("sharing.ticked") : t("sharing.notTicked")}:{" "}
                </span>
                {item.text}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{t("sharing.templatesHeading")}</h2>
      {templates.length === 0 ? <p className="muted">{t("sharing.noTemplates")}</p> : null}
      {templates.map((tpl) => (
        <FilledTemplate key={tpl.view.slug} template={tpl.view} byline={tpl.byline} headingLevel={2} />
      ))}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.ownerName} – Parat` : "Parat" },
]
