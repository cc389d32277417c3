// A local instruction as staff read it, with its check quiz; passing it appends a signed training record.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { useLang } from "~/components/bilingual"
import { formatInstantDay } from "~/domain/calendar"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { completeInstruction, instructionForLearner } from "~/services/local-instructions.server"
import { answersFromForm } from "~/utils/instruction-forms"
import { readForm } from "~/utils/request.server"
import { IdParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["register"] }

const VersionField = z.object({ version: z.coerce.number().int().positive() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { id } = parseParams(params, IdParams)
  const instruction = instructionForLearner(user.id, id, detectLanguage(request))
  if (!instruction) throw new Response("Not found", { status: 404 })
  return { instruction }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id } = parseParams(params, IdParams)
  const form = await readForm(request)
  const version = VersionField.safeParse({ version: form.get("version") })
  if (!version.success) return data({ outcome: "stale" as const }, { status: 400 })
  const result = completeInstruction(user.id, id, version.data.version, answersFromForm(form))
  if (!result.ok) {
    if (result.reason === "not_found") throw new Response("Not found", { status: 404 })
    return data({ outcome: "stale" as const }, { status: 409 })
  }
  if (!result.isPassed)
    return data(
      { outcome: "failed" as const, correct: result.correct, total: result.total, missed: result.missed },
      { status: 422 },
    )
  return { outcome: "passed" as const, correct: result.correct, total: result.total, code: result.code }
}

export default function InstructionPage() {
  const { instruction } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation("register")
  const lang = useLang()
  const date = (value: string | Date) => formatInstantDay(value, lang)
  const missed = new Set(result?.outcome === "failed" ? result.missed : [])
  return (
    <article className="page lesson">
      <h1>{instruction.title}</h1>
      <p className="lead">{t("instructions.learnerLead", { version: instruction.version })}</p>
      {instruction.latest ? (
        <p className={instruction.isCurrent ? "alert alert--success" : "alert"}>
          {instruction.isCurrent
            ? t("instructions.completedCurrent", { date: date(instruction.latest.completedAt) })
            : t("instructions.completedOlder", {
                date: date(instruction.latest.completedAt),
                version: instruction.latest.contentVersion,
              })}{" "}
          <Link to={`/verify/${instruction.latest.code}`}>
            {t("learner.verify", { code: instruction.latest.code })}
          </Link>
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by renderMarkdown (html: false, safe links) */}
      <div className="lesson__body" dangerouslySetInnerHTML={{ __html: instruction.html }} />
      <section aria-labelledby="check-title">
        <h2 id="check-title">{t("instructions.checkTitle")}</h2>
        <p>{t("instructions.checkLead", { percent: Math.round(instruction.passMark * 100) })}</p>
        {result?.outcome === "passed" ? (
          <p className="alert alert--success" role="status">
            {t("instructions.passed", { correct: result.correct, total: result.total })}{" "}
            <Link to={`/verify/${result.code}`}>{t("learner.verify", { code: result.code })}</Link>
          </p>
        ) : null}
        {result?.outcome === "failed" ? (
          <p className="alert alert--error" role="alert">
            {t("instructions.failed", { correct: result.correct, total: result.total })}
          </p>
        ) : null}
        {result?.outcome === "stale" ? (
          <p className="alert alert--error" role="alert">
            {t("instructions.stale")}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="version" value={instruction.version} />
          {instruction.questions.map((q) => (
            <fieldset key={q.index} className="quiz-question">
              <legend>
                {q.index + 1}. {q.prompt}
              </legend>
              {missed.has(q.index) ? <p className="field__errors">{t("instructions.missed")}</p> : null}
              {q.options.map((o) => (
                <div key={o.value} className="quiz-option">
                  <input type="radio" id={`a${q.index}-${o.value}`} name={`a${q.index}`} value={o.value} />
                  <label htmlFor={`a${q.index}-${o.value}`}>{o.text}</label>
                </div>
              ))}
            </fieldset>
          ))}
          <button type="submit">{t("instructions.submit")}</button>
        </Form>
      </section>
    </article>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
