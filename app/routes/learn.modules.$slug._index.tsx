import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { FormError } from "~/components/field"
import { sourceLanguage } from "~/domain/source-language"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { addModuleToPath, getModulePage, startModule } from "~/services/learning.server"
import { workshopsForModule } from "~/services/workshops.server"
import { invariantResponse, parseForm } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { ModuleParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["learning", "workshops"] }

const IntentSchema = z.object({ intent: z.enum(["start", "add"]) })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { slug } = parseParams(params, ModuleParams)
  const module = getModulePage(user, slug, detectLanguage(request))
  invariantResponse(module, "Module not found", { status: 404 })
  return {
    module,
    workshops: workshopsForModule(slug, detectLanguage(request)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { slug } = parseParams(params, ModuleParams)
  const form = parseForm(await readForm(request), IntentSchema)
  if (!form.ok) return data({ formError: "errors.badRequest" as const }, { status: 400 })
  if (form.data.intent === "start") {
    const started = startModule(user, slug)
    invariantResponse(started.ok, "Module not found", { status: 404 })
    // Starting opens the first lesson: a module is in progress once a lesson is read (moduleStatus).
    throw redirect(started.firstLesson)
  }
  invariantResponse(addModuleToPath(user, slug).ok, "Module not found", { status: 404 })
  throw redirect(`/learn/modules/${slug}`)
}

export default function ModulePage() {
  const { module, workshops } = useLoaderData<typeof loader>()
  const { t: tw } = useTranslation("workshops")
  const data = useActionData<typeof action>()
  const { t } = useTranslation("learning")
  const { t: tc } = useTranslation()
  const percent = (share: number) => Math.round(share * 100)
  return (
    <article className="page">
      <p className="breadcrumb">
        <Link to="/learn">{t("module.breadcrumb")}</Link>
      </p>
      <h1>{module.title}</h1>
      <p className="muted">
        {t("module.meta", {
          dimension: tc(`dimensions.${module.dimension}`),
          level: module.level,
          levelName: tc(`levels.${module.level}`),
          minutes: module.minutes,
        })}
      </p>
      <p className="lead">{module.summary}</p>
      <FormError message={data?.formError ? t(data.formError) : null} />
      <p className={`status ${module.status === "completed" ? "status--completed" : ""}`}>
        {t(`module.status.${module.status}`)}
      </p>
      <div className="button-row">
        {module.status === "added" || module.status === "not_started" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("module.start")}
            </button>
          </Form>
        ) : null}
        {!module.isOnPath ? (
          <Form method="post" className="inline-form">
            <span>{t("module.notOnPath")}</span>
            <input type="hidden" name="intent" value="add" />
            <button type="submit" className="button button--quiet">
              {t("module.addToPath")}
            </button>
          </Form>
        ) : null}
      </div>

      <h2>{t("module.lessons")}</h2>
      <ol className="lesson-list">
        {module.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link to={`/learn/modules/${module.slug}/lessons/${lesson.slug}`}>{lesson.title}</Link>{" "}
            <span className={`status ${lesson.isRead ? "status--completed" : ""}`}>
              ({lesson.isRead ? t("module.read") : t("module.unread")})
            </span>
          </li>
        ))}
      </ol>

      <h2>{t("module.quiz")}</h2>
      <p>{t("module.quizIntro", { count: module.questionCount, percent: percent(module.passMark) })}</p>
      {module.latestAttempt ? (
        <p>
          {t("module.latestAttempt", {
            percent: percent(module.latestAttempt.score),
            outcome: module.latestAttempt.isPassed ? t("module.passed") : t("module.failed"),
          })}
        </p>
      ) : null}
      <p>
        <Link className="button" to={`/learn/modules/${module.slug}/quiz`}>
          {t("module.takeQuiz")}
        </Link>
      </p>

      {module.prerequisites.length > 0 ? (
        <>
          <h2>{t("module.prerequisites")}</h2>
          <ul>
            {module.prerequisites.map((p) => (
              <li key={p.slug}>
                <Link to={`/learn/modules/${p.slug}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {workshops.length > 0 ? (
        <>
          <h2>{tw("onModule")}</h2>
          <p>{tw("onModuleIntro")}</p>
          <ul>
            {workshops.map((kit) => (
              <li key={kit.slug}>
                <Link to={`/workshops/${kit.slug}`}>{kit.title}</Link> (
                {tw("minutes", { count: kit.minutes })})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("module.sources")}</h2>
      <ul className="sources">
        {module.sources.map((source) => (
          <li key={source.title} lang={sourceLanguage(source)}>
            {source.url ? (
              <a href={source.url} rel="noopener">
                {source.title}
              </a>
            ) : (
              source.title
            )}
          </li>
        ))}
      </ul>
    </article>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.module.title)
