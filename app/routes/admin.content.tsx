import type { LoaderFunctionArgs } from "@remix-run/node"
import { useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { formatInstant } from "~/domain/calendar"
import { isDimension, isLevel } from "~/domain/vocabulary"
import { getContentStatus } from "~/services/admin-content.server"
import { requireRole } from "~/services/auth.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["admin"] }

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return { status: getContentStatus() }
}

export default function ContentPage() {
  const { status } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation("admin")
  const { t: tc } = useTranslation()
  const lang = i18n.language === "en" ? "en" : "da"
  return (
    <section className="page">
      <h1>{t("content.title")}</h1>

      <section aria-labelledby="content-check">
        <h2 id="content-check">{t("content.checkTitle")}</h2>
        {status.errors.length === 0 ? (
          <p className="alert alert--success">
            {status.counts
              ? t("content.checkOkCounts", status.counts)
              : t("content.checkOk", { summary: status.summary })}
          </p>
        ) : (
          <>
            <p role="alert" className="alert alert--error">
              {t("content.checkFailed", { count: status.errors.length })}
            </p>
            <div className="table-wrap">
              <table>
                <caption>{t("content.errorsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("content.file")}</th>
                    <th scope="col">{t("content.message")}</th>
                  </tr>
                </thead>
                <tbody>
                  {status.errors.map((error) => (
                    <tr key={error.text}>
                      <th scope="row">
                        <code>
                          {error.file}
                          {error.line ? `:${error.line}` : ""}
                          {error.path ? ` (${error.path})` : ""}
                        </code>
                      </th>
                      <td>{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="admin-section" aria-labelledby="content-instruments">
        <h2 id="content-instruments">{t("content.instrumentsTitle")}</h2>
        {status.instruments.length === 0 ? (
          <p>{t("content.noInstruments")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("content.instrumentsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("content.key")}</th>
                  <th scope="col">{t("content.version")}</th>
                  <th scope="col">{t("content.hash")}</th>
                  <th scope="col">{t("content.loadedAt")}</th>
                  <th scope="col">{t("content.cycles")}</th>
                </tr>
              </thead>
              <tbody>
                {status.instruments.map((row) => (
                  <tr key={row.hash}>
                    <th scope="row">{row.key}</th>
                    <td>{row.version}</td>
                    <td>
                      <code>{row.hash.slice(0, 12)}</code>
                    </td>
                    <td>{formatInstant(row.loadedAt, lang)}</td>
                    <td>{row.cycleCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="admin-section" aria-labelledby="content-modules">
        <h2 id="content-modules">{t("content.modulesTitle")}</h2>
        {status.modules.length === 0 ? (
          <p>{t("content.noModules")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("content.modulesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("content.slug")}</th>
                  <th scope="col">{t("content.moduleTitle")}</th>
                  <th scope="col">{t("content.dimension")}</th>
                  <th scope="col">{t("content.level")}</th>
                  <th scope="col">{t("content.minutes")}</th>
                  <th scope="col">{t("content.syncedAt")}</th>
                  <th scope="col">{t("content.status")}</th>
                  <th scope="col">{t("content.lawAsOf")}</th>
                </tr>
              </thead>
              <tbody>
                {status.modules.map((row) => (
                  <tr key={row.slug}>
                    <th scope="row">
                      <code>{row.slug}</code>
                    </th>
                    <td>{row.title[lang]}</td>
                    <td>{isDimension(row.dimension) ? tc(`dimensions.${row.dimension}`) : row.dimension}</td>
                    <td>{isLevel(row.level) ? tc(`levels.${row.level}`) : row.level}</td>
                    <td>{row.minutes}</td>
                    <td>{formatInstant(row.syncedAt, lang)}</td>
                    <td>{row.removedAt ? t("content.removed") : t("content.current")}</td>
                    <td>
                      {row.lawAsOf ?? ""}
                      {row.lawReview === "outdated" ? (
                        <strong className="badge badge--warning"> {t("content.lawOutdated")}</strong>
                      ) : row.lawReview === "unstated" ? (
                        <strong className="badge badge--warning">{t("content.lawUnstated")}</strong>
                      ) : null}
                    </td>
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

export const meta = pageMeta("admin:content.title")
