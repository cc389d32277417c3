import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError, NewPasswordInputs } from "~/components/field"
import { changePassword, requireUser } from "~/services/auth.server"
import { NewPasswordFields, parseForm } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["auth"] }

const PasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .max(1024),
  })
  .and(NewPasswordFields)

export async function loader({ request }: LoaderFunctionArgs) {
  return { hasTwoFactor: requireUser(request).hasTwoFactor }
}

type ActionData = { errors: Record<string, string[] | undefined>; formError: string | null; isDone: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const form = parseForm(await readForm(request), PasswordSchema)
  if (!form.ok) return Response.json({ errors: form.errors, formError: null, isDone: false }, { status: 400 })
  const outcome = await changePassword(request, user.id, form.data.currentPassword, form.data.newPassword)
  if (outcome === "wrong_current") {
    return Response.json({ errors: {}, formError: "password.wrongCurrent", isDone: false }, { status: 400 })
  }
  if (outcome !== "ok") {
    return Response.json(
      { errors: { newPassword: [outcome] }, formError: null, isDone: false },
      { status: 400 },
    )
  }
  // This browser's session stays, so the page that follows loads signed in (also without JavaScript); every
  // other session of the person has ended.
  return Response.json({ errors: {}, formError: null, isDone: true })
}

export default function ChangePasswordPage() {
  const { t } = useTranslation("auth")
  const data = useActionData<ActionData>()
  const { hasTwoFactor } = useLoaderData<typeof loader>()
  return (
    <section className="page narrow">
      <h1>{t("password.title")}</h1>
      {data?.isDone ? (
        <p role="status" className="alert alert--success">
          {t("password.changed")}
        </p>
      ) : null}
      {/* biome-ignore lint/suspicious/noExplicitAny: a key of the auth namespace */}
      <FormError message={data?.formError ? t(data.formError as any) : null} />
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
