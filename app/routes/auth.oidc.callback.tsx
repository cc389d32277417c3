import type { LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { languageCookie } from "~/i18n/i18n.server"
import { completeSsoSignIn, type SsoRefusal, ssoSettings } from "~/services/sso.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["sso"] }

const STATUS: Record<SsoRefusal, number> = {
  state: 400,
  token: 401,
  provider: 401,
  unknown: 403,
  deactivated: 403,
  unavailable: 503,
}

// The identity provider sends the browser back here with a code; success starts a session and leaves, anything
// else is refused with a page that says why.
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = ssoSettings()
  if (!settings) throw new Response("Not found", { status: 404 })
  const outcome = await completeSsoSignIn(request, settings)
  const headers = new Headers()
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie)
  if (outcome.ok) {
    headers.append("Set-Cookie", languageCookie(outcome.language))
    return redirect(outcome.step === "second_factor" ? "/login/two-factor" : outcome.redirectTo, { headers })
  }
  return data({ reason: outcome.reason }, { status: STATUS[outcome.reason], headers })
}

export default function SsoRefusedPage() {
  const { reason } = useLoaderData<typeof loader>()
  const { t } = useTranslation("sso")
  return (
    <section className="page narrow">
      <h1>{t("refused.title")}</h1>
      <p role="alert">{t(`refused.${reason}`)}</p>
      <p>
        <Link to="/login" reloadDocument>
          {t("refused.back")}
        </Link>
      </p>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("sso:refused.title")
