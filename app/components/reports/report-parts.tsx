import { useId } from "react"
import { useTranslation } from "react-i18next"
import type { RowRole } from "~/services/reports.server"

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
export { ErrorPage as ReportErrorBoundary } from "~/components/error-page"

/** A report row's unit name, marked when the row is the chosen unit or the region benchmark rather than a child. */
export function UnitName({ name, role }: { name: React.ReactNode; role: RowRole }) {
  const { t } = useTranslation("reports")
  return (
    <>
      {name}
      {role !== "child" ? <span className="heatmap__role">{t(`roles.${role}`)}</span> : null}
    </>
  )
}
