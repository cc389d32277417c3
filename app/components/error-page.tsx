import { isRouteErrorResponse, useRouteError } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { errorKind } from "~/utils/page-title"

/** The shared, translated error page: one message per status, and the way home. */
export function ErrorPage() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = errorKind(error)
  if (status >= 500) console.error(error)
  return (
    <section className="page narrow">
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
    </section>
  )
}
