import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError, NewPasswordInputs } from "~/components/field"
import { changePassword, requireUser } from "~/services/auth.server"
import { type FieldErrors, NewPasswordFields, NO_ERRORS, parseForm, passwordInput } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["auth"] }

const PasswordSchema = z
  .object({
    currentPassword: passwordInput(),
  })
  .and(NewPasswordFields)

export async function loader({ request }: LoaderFunctionArgs) {
  return { hasTwoFactor: requireUser(request).hasTwoFactor }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const form = parseForm(await readForm(request), PasswordSchema)
  if (!form.ok) return data({ errors: form.errors, formError: null, isDone: false }, { status: 400 })
  const outcome = await changePassword(request, user.id, form.data.currentPassword, form.data.newPassword)
  if (outcome === "wrong_current") {
    return data(
      { errors: NO_ERRORS, formError: "password.wrongCurrent" as const, isDone: false },
      { status: 400 },
    )
  }
  if (outcome !== "ok") {
    const errors: FieldErrors = { newPassword: [outcome] }
    return data({ errors, formError: null, isDone: false }, { status: 400 })
  }
  // This browser's session stays, so the page that follows loads signed in (also without JavaScript); every
  // other session of the person has ended.
  return { errors: NO_ERRORS, formError: null, isDone: true }
}

export default function ChangePasswordPage() {
  const { t } = useTranslation("auth")
  const data = useActionData<typeof action>()
  const { hasTwoFactor } = useLoaderData<typeof loader>()
  return (
    <section className="page narrow">
      <h1>{t("password.title")}</h1>
      {data?.isDone ? (
        <p role="status" className="alert alert--success">
          {t("password.changed")}
        </p>
      ) : null}
      <FormError message={data?.formError ? t(data.formError) : null} />
      <Form method="post" className="stack" noValidate>
        <Field
          label={t("password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          errors={data?.errors.currentPassword}
        />
        <NewPasswordInputs
          label={t("password.new")}
          confirmLabel={t("password.confirm")}
          hint={t("password.hint")}
          errors={data?.errors}
        />
        <button type="submit" className="button">
          {t("password.submit")}
        </button>
      </Form>
      <h2>{t("twoFactor.accountTitle")}</h2>
      <p>{hasTwoFactor ? t("twoFactor.accountOn") : t("twoFactor.accountOff")}</p>
      <p>
        <Link to="/account/two-factor">{t("twoFactor.accountLink")}</Link>
      </p>
    </section>
  )
}

export const meta = pageMeta("auth:password.title")
