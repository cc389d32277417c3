import { useId } from "react"
import { useTranslation } from "react-i18next"
import type { RowRole, UnitChange } from "~/services/reports.server"

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

/**
 * A report row's unit name, marked when the row is the chosen unit or the region benchmark rather than a child, and
 * when the unit has been moved or renamed since the cycle closed (the row keeps the name and place from then).
 */
export function UnitName({
  name,
  role,
  change,
}: {
  name: React.ReactNode
  role: RowRole
  change?: UnitChange | null
}) {
  const { t } = useTranslation("reports")
  const notes = [
    change?.renamedTo ? t("publication.renamed", { name: change.renamedTo }) : null,
    change?.isMoved ? t("publication.moved") : null,
  ].filter(Boolean)
  return (
    <>
      {name}
      {notes.length > 0 ? <span className="heatmap__role">({notes.join(", ")})</span> : null}
      {role !== "child" ? <span className="heatmap__role">{t(`roles.${role}`)}</span> : null}
    </>
  )
}
