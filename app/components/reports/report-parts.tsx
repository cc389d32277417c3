import { isRouteErrorResponse, useRouteError } from "@remix-run/react"
import { useId } from "react"
import { useTranslation } from "react-i18next"

/** A table that may scroll sideways on a small screen: the scroll box is focusable so keyboards can scroll it. */
export function ScrollTable({ caption, children }: { caption: string; children: React.ReactNode }) {
  const id = useId()
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </section>
  )
}

/** The report pages' error page, inside the page layout so it keeps its title and navigation. */
export function ReportErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key =
    status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 400 ? "badRequest" : "unexpected"
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
