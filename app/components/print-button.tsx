import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"

/**
 * A "Print / save as PDF" button once JavaScript runs; before that (or without it) a hint to use the browser's
 * own print function, which gives the same print layout.
 */
export function PrintButton() {
  const { t } = useTranslation("wiki")
  const [isHydrated, setIsHydrated] = useState(false)
  useEffect(() => setIsHydrated(true), [])
  if (!isHydrated) return <p className="muted no-print">{t("handbook.printHint")}</p>
  return (
    <div className="button-row no-print">
      <button type="button" className="button button--quiet" onClick={() => window.print()}>
        {t("handbook.print")}
      </button>
      <span className="muted">{t("handbook.printPdfHint")}</span>
    </div>
  )
}
