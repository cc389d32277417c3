import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node"
import { useTranslation } from "react-i18next"
import { requireUser } from "~/services/auth.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["privacy"] }

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request)
  return null
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" })

const CONTENTS = ["profile", "surveys", "learning", "handbook", "audit"] as const

export default function MyDataPage() {
  const { t } = useTranslation("privacy")
  return (
    <section className="page narrow">
      <h1>{t("myData.title")}</h1>
      <p>{t("myData.intro")}</p>
      <p>{t("myData.contains")}</p>
      <ul>
        {CONTENTS.map((key) => (
          <li key={key}>{t(`myData.${key}`)}</li>
        ))}
      </ul>
      <p>{t("myData.notContained")}</p>
      {/* A plain link: the download works before (and without) JavaScript. */}
      <p>
        <a className="button" href="/account/data.json" download>
          {t("myData.download")}
        </a>
      </p>
      <p className="field__hint">{t("myData.whoSees")}</p>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("privacy:myData.title")
