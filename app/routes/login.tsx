import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError } from "~/components/field"
import { languageCookie } from "~/i18n/i18n.server"
import { clientAddress, getUser, login } from "~/services/auth.server"
import { isPasswordSignInAllowed, isPasswordSignInOn, ssoSettings } from "~/services/sso.server"
import { NO_ERRORS, parseForm, passwordInput } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm, requireSameOrigin } from "~/utils/request.server"

const LoginSchema = z.object({
  email: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(254, { error: "validation.tooLong" })
    .pipe(z.email({ error: "validation.email" })),
  password: passwordInput(),
  redirectTo: z.string().max(2048).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  if (getUser(request)) throw redirect("/")
  return { ssoName: ssoSettings()?.name ?? null, isPasswordOn: isPasswordSignInOn() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = parseForm(await readForm(request), LoginSchema)
  if (!form.ok) return data({ errors: form.errors, formError: null, values: form.values }, { status: 400 })
  const { email, password, redirectTo } = form.data
  if (!isPasswordSignInAllowed(email)) {
    return data(
      { errors: NO_ERRORS, formError: "sso:login.passwordOff" as const, values: { email } },
      { status: 403 },
    )
  }
  const outcome = await login(request, {
    email,
    password,
    redirectTo,
    address: clientAddress(request, context as { ip?: string }),
  })
  if (!outcome.ok) {
    const formError =
      outcome.reason === "rate_limited" ? ("login.rateLimited" as const) : ("login.invalid" as const)
    return data(
      { errors: NO_ERRORS, formError, values: { email } },
      { status: outcome.reason === "rate_limited" ? 429 : 401 },
    )
  }
  if (outcome.step === "second_factor") {
    return redirect("/login/two-factor", { headers: { "Set-Cookie": outcome.cookie } })
  }
  const headers = new Headers()
  headers.append("Set-Cookie", outcome.cookie)
  headers.append("Set-Cookie", languageCookie(outcome.user.language))
  return redirect(outcome.redirectTo, { headers })
}

export default function LoginPage() {
  const { ssoName, isPasswordOn } = useLoaderData<typeof loader>()
  const { t } = useTranslation(["auth", "sso"])
  const { t: ts } = useTranslation("sso")
  const data = useActionData<typeof action>()
  const [params] = useSearchParams()
  const isSubmitting = useNavigation().state === "submitting"
  const redirectTo = params.get("redirectTo") ?? "/"
  const passwordForm = (
    <>
      <FormError message={data?.formError ? t(data.formError, { name: ssoName ?? "" }) : null} />
      {/* A whole new document after logging in: the login sets the profile's language, and a page's language
          is fixed for the document's lifetime (entry.client.tsx). */}
      <Form method="post" className="stack" noValidate reloadDocument>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={data?.values.email}
          errors={data?.errors.email}
          required
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          errors={data?.errors.password}
          required
        />
        <button type="submit" className="button" disabled={isSubmitting}>
          {t("login.submit")}
        </button>
      </Form>
    </>
  )
  return (
    <section className="page narrow">
      <h1>{t("login.title")}</h1>
      {params.get("expired") ? (
        <p role="status" className="alert alert--info">
          {t("login.expired")}
        </p>
      ) : null}
      {ssoName ? (
        <p>
          {/* A plain link to the identity provider: a whole-page navigation that works without JavaScript. */}
          <a className="button" href={`/auth/oidc?${new URLSearchParams({ redirectTo })}`}>
            {ts("login.signInWith", { name: ssoName })}
          </a>
        </p>
      ) : (
        <p>{t("login.intro")}</p>
      )}
      {ssoName && !isPasswordOn ? (
        <details open={Boolean(data?.formError)}>
          <summary>{ts("login.breakGlass")}</summary>
          {passwordForm}
        </details>
      ) : (
        <>
          {ssoName ? <h2 className="h3">{ts("login.orPassword")}</h2> : null}
          {passwordForm}
        </>
      )}
    </section>
  )
}

export const meta = pageMeta("auth:login.title")
