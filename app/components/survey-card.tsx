import { Link } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import type { SurveyHomeCard } from "~/services/survey.server"

/** The home page's survey card: whether a cycle is open, not started, in progress or submitted. */
export function SurveyCard({ card }: { card: SurveyHomeCard }) {
  const { t } = useTranslation("home")
  return (
    <article className="card" aria-labelledby="home-survey">
      <h2 id="home-survey">{t("survey.title")}</h2>
      {card.state === "none" ? (
        <p>{t("survey.none")}</p>
      ) : (
        <>
          <p>{t(`survey.${card.state}`, { cycle: card.cycleName })}</p>
          <p>
            {card.state === "submitted" ? (
              <Link className="button" to={`/survey/${card.cycleId}/result`}>
                {t("survey.seeResult")}
              </Link>
            ) : (
              <Link className="button" to="/survey">
                {t(card.state === "in_progress" ? "survey.continue" : "survey.start")}
              </Link>
            )}
          </p>
        </>
      )}
    </article>
  )
}
