import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { requireRole } from "~/services/auth.server"
import { listInstructions } from "~/services/local-instructions.server"

export const handle = { i18n: ["register"] }

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return { instructions: listInstructions() }
}

export default function InstructionsPage() {
  const { instructions } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation("register")
  const lang = i18n.language === "en" ? "en" : "da"
  return (
    <section className="page">
      <h1>{t("instructions.title")}</h1>
      <p className="lead">{t("instructions.lead")}</p>
      <p>
        <Link to="/admin/instructions/new">{t("instructions.new")}</Link>
      </p>
      {instructions.length === 0 ? (
        <p>{t("instructions.none")}</p>
      ) : (
        <ul>
          {instructions.map((i) => (
            <li key={i.id}>
              <Link to={`/admin/instructions/${i.id}`}>{i.title[lang]}</Link> (
              {t("instructions.version", { version: i.version })})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
