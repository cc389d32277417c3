import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { FormError } from "~/components/field"
import { quizAnswersFromForm } from "~/domain/quiz"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { getQuizPage, startModule, submitQuiz } from "~/services/learning.server"
import { invariantResponse, parseForm, parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { ModuleParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["learning"] }

const QuizQuery = z.object({
  attempt: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  notice: z.literal("alreadySubmitted").optional(),
})

const QuizForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("submit"), attemptNumber: z.coerce.number().int().min(0).max(1_000_000) }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { slug } = parseParams(params, ModuleParams)
  const query = parseQuery(request, QuizQuery)
  const quiz = getQuizPage(user, slug, detectLanguage(request), query.attempt ?? null)
  invariantResponse(quiz, "Quiz not found", { status: 404 })
  return { quiz, notice: query.notice ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { slug } = parseParams(params, ModuleParams)
  const formData = await readForm(request)
  const form = parseForm(formData, QuizForm)
  if (!form.ok) return data({ formError: "errors.badRequest" as const }, { status: 400 })
  if (form.data.intent === "start") {
    invariantResponse(startModule(user, slug).ok, "Module not found", { status: 404 })
    throw redirect(`/learn/modules/${slug}/quiz`)
  }
  const answers = quizAnswersFromForm(formData)
  if (!answers) return data({ formError: "errors.forged" as const }, { status: 400 })
  const outcome = submitQuiz(user, slug, answers, form.data.attemptNumber)
  if (outcome.ok) throw redirect(`/learn/modules/${slug}/quiz?attempt=${outcome.attemptId}`)
  switch (outcome.reason) {
    case "not_found":
      throw new Response("Module not found", { status: 404 })
    case "already_submitted":
      throw redirect(`/learn/modules/${slug}/quiz?attempt=${outcome.attemptId}&notice=alreadySubmitted`)
    case "not_started":
      return data({ formError: "errors.notStarted" as const }, { status: 400 })
    case "forged":
      return data({ formError: "errors.forged" as const }, { status: 400 })
  }
}

export default function QuizPage() {
  const { quiz, notice } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("learning")
  const percent = (share: number) => Math.round(share * 100)
  const base = `/learn/modules/${quiz.module.slug}`
  const review = quiz.review
  return (
    <article className="page quiz">
      <p className="breadcrumb">
        <Link to={base}>{quiz.module.title}</Link>
      </p>
      <h1>{t("quiz.title", { module: quiz.module.title })}</h1>
      <FormError message={data?.formError ? t(data.formError) : null} />
      {notice ? (
        <p className="alert alert--info" role="status">
          {t("errors.alreadySubmitted")}
        </p>
      ) : null}

      {review ? (
        <section aria-labelledby="quiz-result">
          <h2 id="quiz-result">{t("quiz.resultTitle")}</h2>
          <p className={`alert ${review.isPassed ? "alert--success" : "alert--error"}`} role="status">
            {review.questions
              ? t("quiz.score", {
                  right: review.questions.filter((q) => q.isCorrect).length,
                  total: review.questions.length,
                  percent: percent(review.score),
                })
              : t("quiz.scoreOnly", { percent: percent(review.score) })}{" "}
            {review.isPassed ? t("quiz.passed") : t("quiz.failed")}
          </p>
          {review.questions ? (
            <ol className="quiz-review">
              {review.questions.map((outcome) => {
                const question = quiz.questions.find((q) => q.id === outcome.id)!
                return (
                  <li
                    key={outcome.id}
                    className={`quiz-review__item quiz-review__item--${outcome.isCorrect ? "right" : "wrong"}`}
                  >
                    <h3>
                      {question.text}{" "}
                      <span className="quiz-review__verdict">
                        {outcome.isCorrect
                          ? t("quiz.right")
                          : outcome.chosen.length === 0
                            ? t("quiz.unanswered")
                            : t("quiz.wrong")}
                      </span>
                    </h3>
                    {review.isPassed ? (
                      <ul>
                        {question.options.map((option) => {
                          const isChosen = outcome.chosen.includes(option.id)
                          const isCorrect = outcome.correct.includes(option.id)
                          const marks = [
                            isChosen ? t("quiz.yourAnswer") : null,
                            isCorrect ? t("quiz.correctAnswer") : null,
                          ]
                            .filter(Boolean)
                            .join(", ")
                          return (
                            <li key={option.id} className={isCorrect ? "option option--correct" : "option"}>
                              {option.text}
                              {marks ? <strong> ({marks})</strong> : null}
                            </li>
                          )
                        })}
                      </ul>
                    ) : (
                      // After a fail only the learner's own choice is repeated: the other options stay unmarked.
                      <ul>
                        {question.options
                          .filter((option) => outcome.chosen.includes(option.id))
                          .map((option) => (
                            <li key={option.id} className="option">
                              {option.text} <strong>({t("quiz.yourAnswer")})</strong>
                            </li>
                          ))}
                      </ul>
                    )}
                    {outcome.explanation ? (
                      <p>
                        <strong>{t("quiz.explanation")}:</strong> {outcome.explanation}
                      </p>
                    ) : null}
                    {!outcome.isCorrect ? (
                      <p>
                        {t("quiz.reread")}{" "}
                        <Link to={`${base}/lessons/${outcome.reread.lessonSlug}`}>
                          {outcome.reread.section
                            ? t("quiz.rereadSection", {
                                section: outcome.reread.section,
                                lesson: outcome.reread.lessonTitle,
                              })
                            : outcome.reread.lessonTitle}
                        </Link>
                      </p>
                    ) : null}
                  </li>
                )
              })}
            </ol>
          ) : (
            <p>{t("quiz.changedSince")}</p>
          )}
          {!review.isPassed && review.questions ? <p>{t("quiz.failedHint")}</p> : null}
          <div className="button-row">
            {/* A plain link to the empty form: retrying starts from scratch with a new draw. */}
            <Link className="button" to={`${base}/quiz`}>
              {t("quiz.retry")}
            </Link>
            <Link to={base}>{t("quiz.backToModule")}</Link>
            <Link to="/learn">{t("quiz.backToPath")}</Link>
          </div>
        </section>
      ) : !quiz.isStarted ? (
        <section>
          <p>{t("quiz.notStarted")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("module.start")}
            </button>
          </Form>
        </section>
      ) : (
        <Form method="post" className="stack">
          <p>{t("quiz.intro", { percent: percent(quiz.passMark) })}</p>
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="attemptNumber" value={quiz.attemptNumber} />
          {quiz.questions.map((question, i) => (
            <fieldset key={question.id} className="quiz-question">
              <legend>{t("quiz.question", { number: i + 1, text: question.text })}</legend>
              <p className="field__hint">
                {question.kind === "single" ? t("quiz.chooseOne") : t("quiz.chooseAll")}
              </p>
              {question.options.map((option) => {
                const id = `q-${question.id}-${option.id}`
                return (
                  <div key={option.id} className="choice">
                    <input
                      id={id}
                      type={question.kind === "single" ? "radio" : "checkbox"}
                      name={`q.${question.id}`}
                      value={option.id}
                    />
                    <label htmlFor={id}>{option.text}</label>
                  </div>
                )
              })}
            </fieldset>
          ))}
          <button type="submit" className="button">
            {t("quiz.submit")}
          </button>
        </Form>
      )}
    </article>
  )
}

export const meta = pageMeta<typeof loader>(({ data, t }) =>
  t("learning:quiz.title", { module: data.quiz.module.title }),
)
