import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Form, useActionData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError, NewPasswordInputs } from "~/components/field"
import { changePassword, createSession, requireUser, revokeAllSessions } from "~/services/auth.server"
import { NewPasswordFields, parseForm } from "~/utils/forms"
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
  requireUser(request)
  return null
}

type ActionData = { errors: Record<string, string[] | undefined>; formError: string | null; isDone: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const form = parseForm(await readForm(request), PasswordSchema)
  if (!form.ok) return Response.json({ errors: form.errors, formError: null, isDone: false }, { status: 400 })
  const outcome = await changePassword(user.id, form.data.currentPassword, form.data.newPassword)
  if (outcome === "wrong_current") {
    return Response.json({ errors: {}, formError: "password.wrongCurrent", isDone: false }, { status: 400 })
  }
  // Every other session of this person ends; this browser gets a fresh one.
  revokeAllSessions(user.id)
  return Response.json(
    { errors: {}, formError: null, isDone: true },
    { headers: { "Set-Cookie": createSession(user.id) } },
  )
}

export default function ChangePasswordPage() {
  const { t } = useTranslation("auth")
  const data = useActionData<ActionData>()
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
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
