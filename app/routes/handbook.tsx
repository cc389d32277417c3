import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { MarkdownBody } from "~/components/markdown-body"
import { PrintButton } from "~/components/print-button"
import { ScenarioRoute } from "~/components/scenario-route"
import { SCENARIOS } from "~/domain/toolkit-schema"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser, requireUser } from "~/services/auth.server"
import { getHandbook, getScenarioRoute, listScenarios, saveHandbookPhase } from "~/services/handbook.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse, parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm, requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["wiki", "toolkit"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(100)
const SaveChecklist = z.object({ intent: z.literal("save"), phase: slug, item: z.array(slug).max(200) })
const HandbookQuery = z.object({ saved: slug.optional(), scenario: z.enum(SCENARIOS).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request) // public page: logged-in users also see and save their ticks
  const { saved, scenario } = parseQuery(request, HandbookQuery)
  const lang = detectLanguage(request)
  const handbook = getHandbook(user?.id ?? null, lang)
  invariantResponse(handbook, "Not found", { status: 404 })
  return {
    handbook,
    isLoggedIn: user !== null,
    saved: saved ?? null,
    scenarios: listScenarios(lang),
    scenario: scenario ? getScenarioRoute(scenario, lang) : null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  requireSameOrigin(request)
  const form = await readForm(request)
  const parsed = SaveChecklist.safeParse({
    intent: form.get("intent"),
    phase: form.get("phase"),
    item: form.getAll("item"),
  })
  invariantResponse(parsed.success, "Bad request", { status: 400 })
  const isSaved = saveHandbookPhase(user.id, parsed.data.phase, parsed.data.item)
  invariantResponse(isSaved, "Bad request", { status: 400 })
  return redirect(`/handbook?saved=${parsed.data.phase}#phase-${parsed.data.phase}`)
}

export default function HandbookPage() {
  const { handbook, isLoggedIn, saved, scenarios, scenario } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  const { t: tt } = useTranslation("toolkit")
  const location = useLocation()
  return (
    <article className="page handbook">
      <h1>{handbook.title}</h1>
      <PrintButton />
      {isLoggedIn ? null : (
        <div className="alert alert--info no-print">
          <p>{t("handbook.loggedOut")}</p>
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
              {t("handbook.loginToSave")}
            </Link>
          </p>
        </div>
      )}
      <MarkdownBody html={handbook.introHtml} />
      <section className="no-print scenario-chooser" aria-labelledby="scenario-chooser">
        <h2 id="scenario-chooser">{tt("scenario.chooserHeading")}</h2>
        <p>{tt("scenario.chooserIntro")}</p>
        <Form method="get" action="/handbook">
          <fieldset>
            <legend>{tt("scenario.chooserLegend")}</legend>
            {scenarios.map((s) => (
              <label key={s.key} className="choice">
                <input
                  type="radio"
                  name="scenario"
                  value={s.key}
                  defaultChecked={scenario?.key === s.key}
                  required
                />
                <span>
                  <strong>{s.title}</strong>
                  <span className="muted"> {s.summary}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {tt("scenario.show")}
          </button>
        </Form>
        <p>
          {tt("scenario.otherTools")}: <Link to="/handbook/templates">{tt("scenario.allTemplates")}</Link> ·{" "}
          <Link to="/workshops">{tt("scenario.workshops")}</Link> ·{" "}
          <Link to="/procurement">{tt("scenario.procurement")}</Link>
          {isLoggedIn ? (
            <>
              {" "}
              · <Link to="/handbook/sharing">{tt("scenario.shared")}</Link>
            </>
          ) : null}
        </p>
      </section>
      {scenario ? <ScenarioRoute scenario={scenario} /> : null}
      <nav aria-labelledby="handbook-contents" className="toc">
        <h2 id="handbook-contents">{t("handbook.contents")}</h2>
        <ol>
          {handbook.phases.map((phase) => (
            <li key={phase.key}>
              <a href={`#phase-${phase.key}`}>{phase.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {handbook.phases.map((phase, index) => {
        const done = phase.checklist.filter((item) => item.isChecked).length
        return (
          <section
            key={phase.key}
            id={`phase-${phase.key}`}
            className="handbook-phase"
            aria-labelledby={`h-${phase.key}`}
          >
            <p className="muted phase-number">{t("handbook.phase", { n: index + 1 })}</p>
            <h2 id={`h-${phase.key}`}>{phase.title}</h2>
            <MarkdownBody html={phase.bodyHtml} />
            <Form method="post" preventScrollReset className="checklist">
              <input type="hidden" name="intent" value="save" />
              <input type="hidden" name="phase" value={phase.key} />
              <fieldset>
                <legend>
                  {t("handbook.checklist")}: {phase.title}
                </legend>
                <ul>
                  {phase.checklist.map((item) => (
                    <li key={item.id}>
                      <label>
                        <input type="checkbox" name="item" value={item.id} defaultChecked={item.isChecked} />
                        <span className="print-box" aria-hidden="true" />
                        {item.text}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              {isLoggedIn ? (
                <div className="button-row no-print">
                  <button type="submit" className="button">
                    {t("handbook.save")}
                    <span className="visually-hidden"> ({phase.title})</span>
                  </button>
                  <span className="muted">
                    {t("handbook.progress", { done, total: phase.checklist.length })}
                  </span>
                </div>
              ) : null}
              {saved === phase.key ? (
                <p role="status" className="alert alert--success no-print">
                  {t("handbook.saved", { phase: phase.title })}
                </p>
              ) : null}
            </Form>
          </section>
        )
      })}
    </article>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.handbook.title)
