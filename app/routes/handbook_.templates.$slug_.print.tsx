import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { FilledTemplate } from "~/components/filled-template"
import { PrintButton } from "~/components/print-button"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getTemplate, templateByline } from "~/services/handbook-templates.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["toolkit", "wiki"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request) // a visitor prints the blank template
  const lang = detectLanguage(request)
  const found = getTemplate(user?.id ?? null, parseParams(params, SlugParams).slug, lang)
  invariantResponse(found, "Not found", { status: 404 })
  const t = await getFixedT(request)
  const byline = templateByline(t, user?.name ?? null, found.updatedAt, lang)
  return { template: found.template, byline }
}

export default function TemplatePrintPage() {
  const { template, byline } = useLoaderData<typeof loader>()
  const { t } = useTranslation("toolkit")
  return (
    <article className="page template-print">
      <p className="no-print">
        <Link to={`/handbook/templates/${template.slug}`}>{t("template.backToForm")}</Link>
      </p>
      <PrintButton />
      <FilledTemplate template={template} byline={byline} headingLevel={1} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.template.title} – Parat` : "Parat" },
]
