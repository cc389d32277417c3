import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { CareerRoles } from "~/components/career-roles"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listCareers } from "~/services/careers.server"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"

export const handle = { i18n: ["careers"] }

export const links: LinksFunction = () => [{ rel: "stylesheet", href: toolkitStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request) // public page
  const careers = listCareers(detectLanguage(request))
  invariantResponse(careers, "Not found", { status: 404 })
  const t = await getFixedT(request)
  return { careers, isLoggedIn: user !== null, pageTitle: `${t("careers:title")} – Parat` }
}

export default function CareersPage() {
  const { careers, isLoggedIn } = useLoaderData<typeof loader>()
  const { t } = useTranslation("careers")
  return (
    <section className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{careers.intro}</p>
      <CareerRoles roles={careers.roles} headingLevel={2} linkModules={isLoggedIn} />
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
