import type { LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { useLang } from "~/components/bilingual"
import { formatInstant } from "~/domain/calendar"
import { requireRole } from "~/services/auth.server"
import { getOutboxMail } from "~/services/mail.server"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { IdParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["admin", "mail"] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const mail = getOutboxMail(parseParams(params, IdParams).id)
  invariantResponse(mail, "Not found", { status: 404 })
  return { mail }
}

/** One mail as the log-only transport kept it: what the recipient would have read. */
export default function MailMessagePage() {
  const { mail } = useLoaderData<typeof loader>()
  const { t } = useTranslation("mail")
  const lang = useLang()
  return (
    <section className="page">
      <p>
        <Link to="/admin/mail">{t("outbox.back")}</Link>
      </p>
      <h1>{mail.subject ?? t(`outbox.kinds.${mail.kind}`)}</h1>
      <dl className="facts">
        <dt>{t("outbox.to")}</dt>
        <dd>{mail.toAddress}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>{t(`outbox.statuses.${mail.status}`)}</dd>
        {mail.sentAt ? (
          <>
            <dt>{t("outbox.sentAt")}</dt>
            <dd>{formatInstant(mail.sentAt, lang)}</dd>
          </>
        ) : null}
      </dl>
      {mail.body ? <pre className="mail-body">{mail.body}</pre> : <p>{t("outbox.notRendered")}</p>}
    </section>
  )
}

export const meta = pageMeta<typeof loader>(
  ({ t, data }) => data.mail.subject ?? t(`mail:outbox.kinds.${data.mail.kind}`),
)
