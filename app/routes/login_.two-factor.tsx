import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError } from "~/components/field"
import { languageCookie } from "~/i18n/i18n.server"
import { clientAddress, completeSignIn, getUser, hasPendingSignIn } from "~/services/auth.server"
import { NO_ERRORS, parseForm, requiredText } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["auth", "sso"] }

const CodeSchema = z.object({ code: requiredText(64) })

export async function loader({ request }: LoaderFunctionArgs) {
  if (getUser(request)) throw redirect("/")
  if (!hasPendingSignIn(request)) throw redirect("/login")
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = parseForm(await request.formData(), CodeSchema)
  if (!form.ok) return data({ errors: form.errors, formError: null }, { status: 400 })
  const outcome = completeSignIn(request, {
    code: form.data.code,
    address: clientAddress(request, context as { ip?: string }),
  })
  if (!outcome.ok) {
    if (outcome.reason === "expired") throw redirect("/login?expired=1")
    const isLimited = outcome.reason === "rate_limited"
    return data(
      {
        errors: NO_ERRORS,
        formError: isLimited ? ("login.rateLimited" as const) : ("twoFactor.codeInvalid" as const),
      },
      { status: isLimited ? 429 : 401 },
    )
  }
  const headers = new Headers()
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie)
  headers.append("Set-Cookie", languageCookie(outcome.user.language))
  return redirect(outcome.redirectTo, { headers })
}

export default function SignInCodePage() {
  const { t } = useTranslation("auth")
  const { t: ts } = useTranslation("sso")
  const data = useActionData<typeof action>()
  return (
    <section className="page narrow">
      <h1>{t("twoFactor.signInTitle")}</h1>
      <p>{t("twoFactor.signInIntro")}</p>
      <FormError message={data?.formError ? t(data.formError) : null} />
      {/* A whole new document, as after the password step: the profile's language applies from here. */}
      <Form method="post" className="stack" noValidate reloadDocument>
        <Field
          label={t("twoFactor.code")}
          hint={t("twoFactor.codeHint")}
          name="code"
          type="text"
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          errors={data?.errors.code}
          required
        />
        <button type="submit" className="button">
          {t("twoFactor.signInSubmit")}
        </button>
      </Form>
      <p>
        <Link to="/login/two-factor/recovery">{ts("recovery.link")}</Link>
      </p>
      <p>
        <Link to="/login">{t("twoFactor.cancel")}</Link>
      </p>
    </section>
  )
}

export const meta = pageMeta("auth:twoFactor.signInTitle")
