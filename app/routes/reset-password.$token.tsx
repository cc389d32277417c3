import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { NewPasswordInputs } from "~/components/field"
import { checkPasswordReset, completePasswordReset } from "~/services/admin-people.server"
import { NewPasswordFields, parseForm } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm, requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["admin"] }

const ResetSchema = NewPasswordFields

// Public on purpose: the token is the permission. It is single-use, expires after 24 hours and is stored hashed.
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = checkPasswordReset(String(params.token ?? ""))
  return { email: reset?.email ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = parseForm(await readForm(request), ResetSchema)
  if (!form.ok) {
    return data(
      { errors: form.errors, isDone: false, isInvalid: false },
      {
        status: 400,
      },
    )
  }
  const outcome = await completePasswordReset(String(params.token ?? ""), form.data.newPassword)
  if (!outcome.ok && outcome.reason !== "invalid") {
    return data(
      { errors: { newPassword: [outcome.reason] }, isDone: false, isInvalid: false },
      { status: 400 },
    )
  }
  return data(
    { errors: {}, isDone: outcome.ok, isInvalid: !outcome.ok },
    {
      status: outcome.ok ? 200 : 400,
    },
  )
}

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("admin")
  if (data?.isDone) {
    return (
      <section className="page narrow">
        <h1>{t("reset.title")}</h1>
        <p role="status" className="alert alert--success">
          {t("reset.done")}
        </p>
        <p>
          <Link className="button" to="/login">
            {t("reset.login")}
          </Link>
        </p>
      </section>
    )
  }
  if (!email || data?.isInvalid) {
    return (
      <section className="page narrow">
        <h1>{t("reset.invalidTitle")}</h1>
        <p>{t("reset.invalid")}</p>
      </section>
    )
  }
  return (
    <section className="page narrow">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email })}</p>
      <Form method="post" className="stack" noValidate>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordInputs
          label={t("reset.password")}
          confirmLabel={t("reset.confirm")}
          hint={t("reset.hint")}
          errors={data?.errors}
        />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  )
}

export const meta = pageMeta("admin:reset.title")
