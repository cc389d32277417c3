import { Link } from "@remix-run/react"
import { useTranslation } from "react-i18next"

/** Tells staff that logging in adds progress tracking and the quiz (the citizen pages store nothing). */
export function StaffNote() {
  const { t } = useTranslation("wiki")
  return (
    <div className="alert alert--info">
      <p>
        {t("citizen.staffNote")} <Link to="/learn">{t("citizen.staffLink")}</Link>
      </p>
    </div>
  )
}
