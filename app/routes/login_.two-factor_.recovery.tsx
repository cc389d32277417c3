import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { FormError } from "~/components/field"
import { clientAddress, getUser, hasPendingSignIn } from "~/services/auth.server"
import { RECOVERY_LINK_MINUTES, requestTwoFactorRecovery } from "~/services/two-factor-recovery.server"
import { requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["auth", "sso"] }

// Only in the middle of a sign-in: the first step (password or single sign-on) said who is asking.
export async function loader({ request }: LoaderFunctionArgs) {
  if (getUser(request)) throw redirect("/")
  if (!hasPendingSignIn(request)) throw redirect("/login")
  return { minutes: RECOVERY_LINK_MINUTES }
}

// The form has no fields: the pending sign-in names the person, and the link goes to their address on file.
export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const outcome = requestTwoFactorRecovery(request, clientAddress(request, context as { ip?: string }))
  if (outcome.ok) throw redirect("/login/two-factor/recovery?sent=1")
  if (outcome.reason === "expired") throw redirect("/login?expired=1")
  const isLimited = outcome.reason === "rate_limited"
  return data(
    { formError: isLimited ? ("recovery.rateLimited" as const) : ("recovery.noTwoFactor" as const) },
    { status: isLimited ? 429 : 400 },
  )
}

export default function TwoFactorRecoveryRequestPage() {
  const { minutes } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation("sso")
  return (
    <section className="page narrow">
      <h1>{t("recovery.title")}</h1>
      {params.get("sent") ? (
        <p role="status" className="alert alert--success">
          {t("recovery.sent", { minutes })}
        </p>
      ) : (
        <>
          <p>{t("recovery.intro", { minutes })}</p>
          <FormError message={data?.formError ? t(data.formError) : null} />
          <Form method="post">
            <button type="submit" className="button">
              {t("recovery.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login/two-factor">{t("recovery.back")}</Link>
      </p>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
