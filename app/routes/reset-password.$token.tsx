import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field } from "~/components/field"
import { checkPasswordReset, completePasswordReset } from "~/services/admin-people.server"
import { requireSameOrigin } from "~/services/auth.server"
import { parseForm } from "~/utils/forms"

export const handle = { i18n: ["admin"] }

const ResetSchema = z
  .object({
    newPassword: z
      .string({ error: "validation.required" })
      .min(12, { error: "validation.passwordTooShort" })
      .max(1024, { error: "validation.tooLong" }),
    confirmPassword: z.string({ error: "validation.required" }).max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "validation.passwordsDiffer",
  })

// Public on purpose: the token is the permission. It is single-use, expires after 24 hours and is stored hashed.
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = checkPasswordReset(String(params.token ?? ""))
  return { email: reset?.email ?? null }
}

type ActionData = { errors: Record<string, string[] | undefined>; isDone: boolean; isInvalid: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = parseForm(await request.formData(), ResetSchema)
  if (!form.ok) {
    return Response.json({ errors: form.errors, isDone: false, isInvalid: false } satisfies ActionData, {
      status: 400,
    })
  }
  const isDone = await completePasswordReset(String(params.token ?? ""), form.data.newPassword)
  return Response.json({ errors: {}, isDone, isInvalid: !isDone } satisfies ActionData, {
    status: isDone ? 200 : 400,
  })
}

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
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
        <Field
          label={t("reset.password")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t("reset.hint")}
          errors={data?.errors.newPassword}
        />
        <Field
          label={t("reset.confirm")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          errors={data?.errors.confirmPassword}
        />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
