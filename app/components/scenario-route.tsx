import { Link } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import type { Frame } from "~/domain/toolkit-schema"
import { MarkdownBody } from "./markdown-body"

type Gate = {
  id: string
  title: string
  question: string
  owner: string
  evidence: string[]
  duration: string
}
export type ScenarioRouteView = {
  key: string
  title: string
  summary: string
  frames: { frame: Frame; html: string }[]
  route: { phase: string; title: string; note: string; gates: Gate[] }[]
  templates: { slug: string; title: string }[]
}

/** One scenario's route: its steps through the phases with their go/no-go gates, then the four frames. */
export function ScenarioRoute({ scenario }: { scenario: ScenarioRouteView }) {
  const { t } = useTranslation("toolkit")
  return (
    <section id="scenario-route" className="card scenario-route" aria-labelledby="scenario-title">
      <h2 id="scenario-title">{scenario.title}</h2>
      <p className="lead">{scenario.summary}</p>
      <h3>{t("scenario.routeHeading")}</h3>
      <ol className="route-steps">
        {scenario.route.map((step) => (
          <li key={step.phase}>
            <p>
              <strong>{step.title}.</strong> {step.note}{" "}
              <a href={`#phase-${step.phase}`}>{t("scenario.toPhase")}</a>
            </p>
            {step.gates.map((gate) => (
              <div key={gate.id} className="gate" id={`gate-${gate.id}`}>
                <h4>{t("scenario.gate", { title: gate.title })}</h4>
                <p>{gate.question}</p>
                <dl>
                  <dt>{t("scenario.owner")}</dt>
                  <dd>{gate.owner}</dd>
                  <dt>{t("scenario.evidence")}</dt>
                  <dd>
                    <ul>
                      {gate.evidence.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </dd>
                  <dt>{t("scenario.duration")}</dt>
                  <dd>{gate.duration}</dd>
                </dl>
              </div>
            ))}
          </li>
        ))}
      </ol>
      <h3>{t("scenario.framesHeading")}</h3>
      {scenario.frames.map((f) => (
        <div key={f.frame} className="frame">
          <h4>{t(`scenario.frames.${f.frame}`)}</h4>
          <MarkdownBody html={f.html} />
        </div>
      ))}
      {scenario.templates.length > 0 ? (
        <>
          <h3>{t("scenario.templatesHeading")}</h3>
          <ul>
            {scenario.templates.map((tpl) => (
              <li key={tpl.slug}>
                <Link to={`/handbook/templates/${tpl.slug}`}>{tpl.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
