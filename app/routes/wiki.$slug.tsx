import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { MarkdownBody } from "~/components/markdown-body"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getWikiTerm } from "~/services/wiki.server"
import contentStyles from "~/styles/content.css?url"
import { invariantResponse } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { parseParams, SlugParams } from "~/utils/route-params"

export const handle = { i18n: ["wiki"] }

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request) // public page: the login only decides where module links lead
  const term = getWikiTerm(parseParams(params, SlugParams).slug, detectLanguage(request), {
    isLoggedIn: user !== null,
  })
  invariantResponse(term, "Not found", { status: 404 })
  return { term }
}

export default function WikiTermPage() {
  const { term } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  const { t: tc } = useTranslation()
  return (
    <article className="page wiki-term">
      <p>
        <Link to="/wiki">{t("wiki.backToWiki")}</Link>
      </p>
      <h1>{term.term}</h1>
      <p className="lead">{term.short}</p>
      <MarkdownBody html={term.bodyHtml} />
      {term.related.length > 0 ? (
        <section aria-labelledby="term-related">
          <h2 id="term-related">{t("wiki.related")}</h2>
          <ul className="chip-list">
            {term.related.map((related) => (
              <li key={related.slug}>
                <Link to={`/wiki/${related.slug}`}>{related.term}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {term.modules.length > 0 ? (
        <section aria-labelledby="term-modules">
          <h2 id="term-modules">{t("wiki.modules")}</h2>
          <ul>
            {term.modules.map((m) => (
              <li key={m.slug}>
                <Link to={m.href}>{m.title}</Link>{" "}
                <span className="muted">
                  (
                  {t("wiki.moduleLevel", {
                    dimension: tc(`dimensions.${m.dimension}`),
                    level: tc(`levels.${m.level}`),
                  })}
                  )
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}

const titleMeta = pageMeta<typeof loader>(({ data }) => data.term.term)

export const meta: MetaFunction<typeof loader> = (args) => [
  ...titleMeta(args),
  ...(args.data ? [{ name: "description", content: args.data.term.short }] : []),
]
