import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { clientAddress } from "~/services/auth.server"
import { isRecoveryLinkUsable, redeemTwoFactorRecovery } from "~/services/two-factor-recovery.server"
import { requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["sso"] }

// Public on purpose: the token from the e-mail is the permission (one use, 30 minutes, stored hashed). Opening the
// link changes nothing, so a mail program that fetches links to scan them cannot use it up.
export async function loader({ params }: LoaderFunctionArgs) {
  return { isUsable: isRecoveryLinkUsable(String(params.token ?? "")) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const outcome = redeemTwoFactorRecovery(
    String(params.token ?? ""),
    clientAddress(request, context as { ip?: string }),
  )
  return data({ isDone: outcome.ok }, { status: outcome.ok ? 200 : 410 })
}

export default function TwoFactorRecoveryPage() {
  const { isUsable } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("sso")
  if (data?.isDone) {
    return (
      <section className="page narrow">
        <h1>{t("recovery.doneTitle")}</h1>
        <p role="status" className="alert alert--success">
          {t("recovery.done")}
        </p>
        <p>
          <Link className="button" to="/login">
            {t("recovery.login")}
          </Link>
        </p>
      </section>
    )
  }
  if (!isUsable || data) {
    return (
      <section className="page narrow">
        <h1>{t("recovery.invalidTitle")}</h1>
        <p>{t("recovery.invalid")}</p>
        <p>
          <Link to="/login">{t("recovery.login")}</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="page narrow">
      <h1>{t("recovery.confirmTitle")}</h1>
      <p>{t("recovery.confirmIntro")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("recovery.confirmSubmit")}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
