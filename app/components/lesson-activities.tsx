// The parts of a lesson around its text (issue 14): objectives at the top, then figures, decision cases and
// exercises after the text. A case works without JavaScript: the person chooses, the form posts, and only then is
// the feedback shown.
import { Form } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { FormError } from "./field"

export type LessonObjectives = string[]
export type LessonFigure = { id: string; svg: string; caption: string; alt: string }
export type LessonCase = {
  id: string
  title: string
  situation: string
  question: string
  choices: { id: string; text: string }[]
}
export type LessonExercise = { id: string; title: string; task: string; minutes: number; guidance: string }
export type CaseAnswer = {
  caseId: string
  choiceId: string
  isBest: boolean
  choices: { id: string; text: string; feedback: string; best: boolean }[]
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p) => (
        <p key={p}>{p}</p>
      ))}
    </>
  )
}

export function Objectives({ objectives }: { objectives: LessonObjectives }) {
  const { t } = useTranslation("course")
  if (objectives.length === 0) return null
  return (
    <section className="lesson-objectives" aria-labelledby="lesson-objectives">
      <h2 id="lesson-objectives">{t("objectives.heading")}</h2>
      <ul>
        {objectives.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
    </section>
  )
}

/**
 * A figure: the SVG comes from courses/ and passed the rules of app/domain/svg-figure.ts when it was loaded (no
 * scripts, event handlers or external references), so it is safe to inline.
 */
export function LessonFigures({ figures }: { figures: LessonFigure[] }) {
  const { t } = useTranslation("course")
  return (
    <>
      {figures.map((f) => (
        <figure key={f.id} className="lesson-figure" id={`figure-${f.id}`}>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: checked by svgProblems when the content loads */}
          <div className="lesson-figure__image" dangerouslySetInnerHTML={{ __html: f.svg }} />
          <figcaption>
            <p>{f.caption}</p>
            <details>
              <summary>{t("figure.describe")}</summary>
              <Paragraphs text={f.alt} />
            </details>
          </figcaption>
        </figure>
      ))}
    </>
  )
}

export function DecisionCases({
  cases,
  answer,
  action,
  error,
}: {
  cases: LessonCase[]
  answer: CaseAnswer | null
  action: string
  error: { caseId: string; text: string } | null
}) {
  const { t } = useTranslation("course")
  return (
    <>
      {cases.map((c) => {
        const mine = answer?.caseId === c.id ? answer : null
        const headingId = `case-${c.id}-heading`
        return (
          <section key={c.id} className="lesson-case" id={`case-${c.id}`} aria-labelledby={headingId}>
            <h2 id={headingId}>{t("case.heading", { title: c.title })}</h2>
            <Paragraphs text={c.situation} />
            {error?.caseId === c.id ? <FormError message={error.text} /> : null}
            <Form method="post" action={`${action}#case-${c.id}`} preventScrollReset>
              <input type="hidden" name="intent" value="case" />
              <input type="hidden" name="caseId" value={c.id} />
              <fieldset>
                <legend>{c.question}</legend>
                {c.choices.map((choice) => (
                  <div key={choice.id} className="choice">
                    <input
                      type="radio"
                      id={`case-${c.id}-${choice.id}`}
                      name="choice"
                      value={choice.id}
                      defaultChecked={mine?.choiceId === choice.id}
                      required
                    />
                    <label htmlFor={`case-${c.id}-${choice.id}`}>{choice.text}</label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" className="button button--secondary">
                {t("case.submit")}
              </button>
            </Form>
            {mine ? <CaseFeedback answer={mine} /> : null}
          </section>
        )
      })}
    </>
  )
}

function CaseFeedback({ answer }: { answer: CaseAnswer }) {
  const { t } = useTranslation("course")
  const chosen = answer.choices.find((c) => c.id === answer.choiceId)
  if (!chosen) return null
  return (
    <div className={`case-feedback ${answer.isBest ? "case-feedback--best" : ""}`} role="status">
      <p>
        <strong>{answer.isBest ? t("case.best") : t("case.notBest")}</strong>
      </p>
      <Paragraphs text={chosen.feedback} />
      <details>
        <summary>{t("case.allFeedback")}</summary>
        <dl>
          {answer.choices.map((c) => (
            <div key={c.id}>
              <dt>
                {c.text}
                {c.best ? ` (${t("case.bestLabel")})` : ""}
              </dt>
              <dd>{c.feedback}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  )
}

export function Exercises({ exercises }: { exercises: LessonExercise[] }) {
  const { t } = useTranslation("course")
  return (
    <>
      {exercises.map((e) => (
        <section key={e.id} className="lesson-exercise" aria-labelledby={`exercise-${e.id}-heading`}>
          <h2 id={`exercise-${e.id}-heading`}>{t("exercise.heading", { title: e.title })}</h2>
          <p className="muted">{t("exercise.minutes", { count: e.minutes })}</p>
          <Paragraphs text={e.task} />
          <details>
            <summary>{t("exercise.guidance")}</summary>
            <Paragraphs text={e.guidance} />
          </details>
        </section>
      ))}
    </>
  )
}
