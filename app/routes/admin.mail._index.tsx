import type { LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { Fragment } from "react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { formatInstant } from "~/domain/calendar"
import { requireRole } from "~/services/auth.server"
import { getOutbox } from "~/services/mail.server"
import { getMailTransport } from "~/services/mail-transport.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin", "mail"] }

const STATUSES = ["queued", "sending", "sent", "failed", "cancelled"] as const
const QuerySchema = z.object({ status: z.union([z.literal(""), z.enum(STATUSES)]).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const transport = getMailTransport()
  return {
    status: query.status || null,
    outbox: getOutbox(query.status || undefined),
    transport: { kind: transport.kind, host: transport.host },
  }
}

export default function MailPage() {
  const { status, outbox, transport } = useLoaderData<typeof loader>()
  const { t } = useTranslation("mail")
  const lang = useLang()
  return (
    <section className="page">
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <p className="alert">
        {transport.kind === "log"
          ? t("outbox.transportLog")
          : t("outbox.transportSmtp", { host: transport.host ?? "" })}
      </p>
      <section aria-labelledby="mail-counts" className="admin-section">
        <h2 id="mail-counts">{t("outbox.counts")}</h2>
        <dl className="facts">
          {STATUSES.map((s) => (
            <Fragment key={s}>
              <dt>{t(`outbox.statuses.${s}`)}</dt>
              <dd>{outbox.counts[s] ?? 0}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section aria-labelledby="mail-latest" className="admin-section">
        <h2 id="mail-latest">{t("outbox.latest")}</h2>
        <Form method="get" className="admin-grid">
          <SelectField
            label={t("outbox.filter")}
            name="status"
            defaultValue={status ?? ""}
            options={[
              { value: "", label: t("outbox.all") },
              ...STATUSES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) })),
            ]}
          />
          <div>
            <button type="submit" className="button">
              {t("outbox.filter")}
            </button>
          </div>
        </Form>
        {outbox.mails.length === 0 ? (
          <p>{t("outbox.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("outbox.caption", { count: outbox.mails.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("outbox.when")}</th>
                  <th scope="col">{t("outbox.kind")}</th>
                  <th scope="col">{t("outbox.to")}</th>
                  <th scope="col">{t("outbox.cycle")}</th>
                  <th scope="col">{t("outbox.status")}</th>
                  <th scope="col">{t("outbox.attempts")}</th>
                  <th scope="col">{t("outbox.sentAt")}</th>
                  <th scope="col">{t("outbox.error")}</th>
                </tr>
              </thead>
              <tbody>
                {outbox.mails.map((mail) => (
                  <tr key={mail.id}>
                    <th scope="row">
                      {mail.hasBody ? (
                        <Link to={`/admin/mail/${mail.id}`}>{formatInstant(mail.createdAt, lang)}</Link>
                      ) : (
                        formatInstant(mail.createdAt, lang)
                      )}
                    </th>
                    <td>{t(`outbox.kinds.${mail.kind}`)}</td>
                    <td>{mail.toAddress}</td>
                    <td>{mail.cycleName ?? "–"}</td>
                    <td>{t(`outbox.statuses.${mail.status}`)}</td>
                    <td>{mail.attempts}</td>
                    <td>
                      {mail.sentAt
                        ? formatInstant(mail.sentAt, lang)
                        : mail.status === "queued"
                          ? `${t("outbox.nextAttempt")}: ${formatInstant(mail.nextAttemptAt, lang)}`
                          : "–"}
                    </td>
                    <td>{mail.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("mail:outbox.title")
