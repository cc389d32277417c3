import { isRouteErrorResponse, useRouteError } from "@remix-run/react"
import { useTranslation } from "react-i18next"

type ErrorKey = "badRequest" | "forbidden" | "notFound" | "tooLarge" | "unsupportedType" | "unexpected"
const KEYS: Partial<Record<number, ErrorKey>> = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  413: "tooLarge",
  415: "unsupportedType",
}
const keyOf = (status: number): ErrorKey => KEYS[status] ?? (status < 500 ? "badRequest" : "unexpected")

/** The shared, translated error page: one message per status, and the way home. */
export function ErrorPage() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = keyOf(status)
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
