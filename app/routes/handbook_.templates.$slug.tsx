import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react"
import { useId } from "react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import type { TemplateError } from "~/domain/template-values"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser, requireUser } from "~/services/auth.server"
import {
  getTemplate,
  getTemplateWithValues,
  saveTemplate,
  type TemplateView,
} from "~/services/handbook-templates.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse, parseQuery } from "~/utils/forms"
import { readForm, requireSameOrigin } from "~/utils/request.server"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["toolkit"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

const TemplateQuery = z.object({ saved: z.literal("1").optional() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request) // public: a visitor reads the fields; saving needs a login
  const { saved } = parseQuery(request, TemplateQuery)
  const found = getTemplate(user?.id ?? null, parseParams(params, SlugParams).slug, detectLanguage(request))
  invariantResponse(found, "Not found", { status: 404 })
  return { ...found, isLoggedIn: user !== null, isSaved: saved === "1" }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  requireSameOrigin(request)
  const form = await readForm(request)
  invariantResponse(form.get("intent") === "save", "Bad request", { status: 400 })
  const posted: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === "string" && key !== "intent") posted[key] = value
  const { slug } = parseParams(params, SlugParams)
  const result = saveTemplate(user.id, slug, posted)
  invariantResponse(result, "Not found", { status: 404 })
  if (!result.ok) {
    const template = getTemplateWithValues(slug, result.values, detectLanguage(request))
    return data({ errors: result.errors, template }, { status: 400 })
  }
  return redirect(`/handbook/templates/${slug}?saved=1`)
}

export default function TemplatePage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const template = actionData?.template ?? data.template
  const errors = actionData?.errors ?? {}
  const { t } = useTranslation("toolkit")
  const location = useLocation()
  return (
    <article className="page template-page">
      <p className="no-print">
        <Link to="/handbook/templates">{t("template.backToList")}</Link>
      </p>
      <h1>{template.title}</h1>
      <p className="lead">{template.purpose}</p>
      {data.isLoggedIn ? (
        <p className="button-row no-print">
          <Link className="button button--quiet" to={`/handbook/templates/${template.slug}/print`}>
            {t("template.printable")}
          </Link>
          <a className="button button--quiet" href={`/handbook/templates/${template.slug}/docx`} download>
            {t("template.download")}
          </a>
        </p>
      ) : (
        <div className="alert alert--info no-print">
          <p>{t("template.loggedOut")}</p>
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
              {t("template.loginToFill")}
            </Link>
            {" · "}
            <Link to={`/handbook/templates/${template.slug}/print`}>{t("template.printBlank")}</Link>
          </p>
        </div>
      )}
      {data.isSaved && !actionData ? (
        <p role="status" className="alert alert--success">
          {t("template.saved")}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div role="alert" className="alert alert--error">
          {t("template.hasErrors")}
        </div>
      ) : null}
      <Form method="post" className="template-form">
        <input type="hidden" name="intent" value="save" />
        {template.sections.map((section) => (
          <fieldset key={section.title} disabled={!data.isLoggedIn}>
            <legend>
              <h2>{section.title}</h2>
            </legend>
            {section.help ? <p className="muted">{section.help}</p> : null}
            {section.fields.map((field) => (
              <TemplateFieldInput key={field.id} field={field} error={errors[field.id]} />
            ))}
          </fieldset>
        ))}
        {data.isLoggedIn ? (
          <button type="submit" className="button">
            {t("template.save")}
          </button>
        ) : null}
      </Form>
      <h2>{t("template.sources")}</h2>
      <ul>
        {template.sources.map((s) => (
          <li key={s.title}>{s.url ? <a href={s.url}>{s.title}</a> : s.title}</li>
        ))}
      </ul>
    </article>
  )
}

type FieldView = TemplateView["sections"][number]["fields"][number]

function TemplateFieldInput({ field, error }: { field: FieldView; error?: TemplateError }) {
  const { t } = useTranslation("toolkit")
  const id = useId()
  const describedBy = [`${id}-help`, error ? `${id}-error` : null].filter(Boolean).join(" ")
  const errorList = error ? (
    <ul id={`${id}-error`} className="field__errors">
      <li>{t(error)}</li>
    </ul>
  ) : null
  if (field.kind === "choice")
    return (
      <fieldset className="field" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{field.label}</legend>
        <p id={`${id}-help`} className="field__hint">
          {field.help}
        </p>
        {field.options.map((o) => (
          <label key={o.id} className="choice">
            <input type="radio" name={field.id} value={o.id} defaultChecked={field.value === o.id} />
            <span>{o.label}</span>
          </label>
        ))}
        {errorList}
      </fieldset>
    )
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <p id={`${id}-help`} className="field__hint">
        {field.help}
      </p>
      {field.kind === "textarea" ? (
        <textarea
          id={id}
          name={field.id}
          defaultValue={field.value}
          rows={5}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      ) : (
        <input
          id={id}
          type="text"
          name={field.id}
          defaultValue={field.value}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
      {errorList}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.template.title} – Parat` : "Parat" },
]
