import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Form, Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { detectLanguage } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { listWikiTerms, searchWiki } from "~/services/wiki.server"
import contentStyles from "~/styles/content.css?url"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["wiki"] }

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }]

const WikiQuery = z.object({ q: z.string().max(200).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  getUser(request) // public page: no login needed
  const { q = "" } = parseQuery(request, WikiQuery)
  const lang = detectLanguage(request)
  const query = q.trim()
  return {
    q: query,
    hits: query ? searchWiki(query, lang) : null,
    index: query ? null : listWikiTerms(lang),
  }
}

export default function WikiPage() {
  const { q, hits, index } = useLoaderData<typeof loader>()
  const { t } = useTranslation("wiki")
  return (
    <section className="page wiki">
      <h1>{t("wiki.title")}</h1>
      <p className="lead">{t("wiki.intro")}</p>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="wiki-q">{t("wiki.searchLabel")}</label>
        <p id="wiki-q-hint" className="field__hint">
          {t("wiki.searchHint")}
        </p>
        <div className="search-form__row">
          <input
            id="wiki-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={200}
            aria-describedby="wiki-q-hint"
          />
          <button type="submit" className="button">
            {t("wiki.searchButton")}
          </button>
        </div>
      </Form>
      {hits ? (
        <section aria-labelledby="wiki-results">
          <div role="status">
            <h2 id="wiki-results">
              {hits.length > 0 ? t("wiki.results", { count: hits.length, q }) : t("wiki.noResults", { q })}
            </h2>
          </div>
          {hits.length > 0 ? <TermList terms={hits} /> : null}
          <p>
            <Link to="/wiki">{t("wiki.showAll")}</Link>
          </p>
        </section>
      ) : null}
      {index ? (
        <section aria-labelledby="wiki-all">
          <h2 id="wiki-all">{t("wiki.allTerms")}</h2>
          <p className="muted">{t("wiki.termCount", { count: index.count })}</p>
          <nav aria-label={t("wiki.letters")}>
            <ul className="letter-nav">
              {index.groups.map((group) => (
                <li key={group.letter}>
                  <a href={`#letter-${group.letter}`}>{group.letter}</a>
                </li>
              ))}
            </ul>
          </nav>
          {index.groups.map((group) => (
            <section key={group.letter} aria-labelledby={`letter-${group.letter}`}>
              <h3 id={`letter-${group.letter}`}>{group.letter}</h3>
              <TermList terms={group.terms} />
            </section>
          ))}
        </section>
      ) : null}
    </section>
  )
}

function TermList({ terms }: { terms: { slug: string; term: string; short: string }[] }) {
  return (
    <dl className="term-list">
      {terms.map((term) => (
        <div key={term.slug}>
          <dt>
            <Link to={`/wiki/${term.slug}`}>{term.term}</Link>
          </dt>
          <dd>{term.short}</dd>
        </div>
      ))}
    </dl>
  )
}

export const meta = pageMeta("wiki:wiki.title")
