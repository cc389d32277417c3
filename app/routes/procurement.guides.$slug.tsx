import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { MarkdownBody } from "~/components/markdown-body"
import { SourceList } from "~/components/source-list"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getGuide } from "~/services/procurement.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse } from "~/utils/forms"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["procurement"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  getUser(request) // public page
  const guide = getGuide(parseParams(params, SlugParams).slug, detectLanguage(request))
  invariantResponse(guide, "Not found", { status: 404 })
  return { guide }
}

export default function GuidePage() {
  const { guide } = useLoaderData<typeof loader>()
  const { t } = useTranslation("procurement")
  return (
    <article className="page prose">
      <p>
        <Link to="/procurement">{t("back")}</Link>
      </p>
      <h1>{guide.title}</h1>
      <p className="lead">{guide.summary}</p>
      <MarkdownBody html={guide.html} />
      <SourceList heading={t("sources")} sources={guide.sources} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.guide.title} – Parat` : "Parat" },
]
