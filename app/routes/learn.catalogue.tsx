import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { FormError } from "~/components/field"
import { DIMENSIONS } from "~/domain/vocabulary"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { addModuleToPath, getCatalogue } from "~/services/learning.server"
import { invariantResponse, parseForm, parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"
import { safeRedirect } from "~/utils/safe-redirect"

export const handle = { i18n: ["learning"] }

const moduleSlug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(100)
const level = z.enum(["1", "2", "3", "4"]).transform((v) => Number(v) as 1 | 2 | 3 | 4)

const CatalogueQuery = z.object({
  // an empty select value means "all"
  dimension: z.union([z.enum(DIMENSIONS), z.literal("").transform(() => undefined)]).optional(),
  level: z.union([level, z.literal("").transform(() => undefined)]).optional(),
  added: moduleSlug.optional(),
})

const AddSchema = z.object({
  intent: z.literal("add"),
  slug: moduleSlug,
  // the catalogue as the person filtered it, so adding a module brings them back to the same list
  returnTo: z.string().max(2048).optional(),
})

const CATALOGUE = "/learn/catalogue"

/** The filtered catalogue URL to return to after an add, with the confirmation; anything else falls back. */
function backToCatalogue(returnTo: string | undefined, added: string) {
  const url = new URL(safeRedirect(returnTo, CATALOGUE), "http://parat.invalid")
  const back = url.pathname === CATALOGUE ? url : new URL(CATALOGUE, url)
  back.hash = ""
  back.searchParams.set("added", added)
  return `${back.pathname}${back.search}`
}

function filterQuery(filter: { dimension?: string; level?: number }) {
  const params = new URLSearchParams()
  if (filter.dimension) params.set("dimension", filter.dimension)
  if (filter.level) params.set("level", String(filter.level))
  const query = params.toString()
  return query ? `${CATALOGUE}?${query}` : CATALOGUE
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const query = parseQuery(request, CatalogueQuery)
  const modules = getCatalogue(user, detectLanguage(request), {
    dimension: query.dimension,
    level: query.level,
  })
  return {
    modules,
    filter: { dimension: query.dimension ?? "", level: query.level ?? "" },
    added: query.added,
    returnTo: filterQuery(query),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const form = parseForm(await readForm(request), AddSchema)
  if (!form.ok) return data({ formError: "errors.badRequest" as const }, { status: 400 })
  const outcome = addModuleToPath(user, form.data.slug)
  invariantResponse(outcome.ok, "Module not found", { status: 404 })
  throw redirect(backToCatalogue(form.data.returnTo, form.data.slug))
}

export default function CataloguePage() {
  const { modules, filter, added, returnTo } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("learning")
  const { t: tc } = useTranslation()
  const dimensions = DIMENSIONS.filter((d) => modules.some((m) => m.dimension === d))
  return (
    <section className="page">
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      <FormError message={data?.formError ? t(data.formError) : null} />
      {added ? (
        <p className="alert alert--success" role="status">
          {t("catalogue.added")}
        </p>
      ) : null}
      <Form method="get" className="filter-row">
        <div className="field">
          <label htmlFor="filter-dimension">{t("catalogue.filter.dimension")}</label>
          <select id="filter-dimension" name="dimension" defaultValue={filter.dimension}>
            <option value="">{t("catalogue.filter.all")}</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {tc(`dimensions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-level">{t("catalogue.filter.level")}</label>
          <select id="filter-level" name="level" defaultValue={String(filter.level)}>
            <option value="">{t("catalogue.filter.all")}</option>
            {([1, 2, 3, 4] as const).map((l) => (
              <option key={l} value={l}>
                {l} · {tc(`levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("catalogue.filter.submit")}
        </button>
      </Form>
      <p role="status">{t("catalogue.count", { count: modules.length })}</p>
      {modules.length === 0 ? <p>{t("catalogue.none")}</p> : null}
      {dimensions.map((dimension) => (
        <section key={dimension} aria-labelledby={`catalogue-${dimension}`}>
          <h2 id={`catalogue-${dimension}`}>{tc(`dimensions.${dimension}`)}</h2>
          <ul className="catalogue-list">
            {modules
              .filter((m) => m.dimension === dimension)
              .map((m) => (
                <li key={m.slug} className="card">
                  <h3>
                    <Link to={`/learn/modules/${m.slug}`}>{m.title}</Link>
                  </h3>
                  <p className="muted">
                    {t("catalogue.meta", {
                      level: m.level,
                      levelName: tc(`levels.${m.level}`),
                      minutes: m.minutes,
                    })}
                  </p>
                  <p>{m.summary}</p>
                  {m.isCompleted ? (
                    <p className="status status--completed">{t("catalogue.completed")}</p>
                  ) : m.isOnPath ? (
                    <p className={`status status--${m.status}`}>
                      {m.status === "in_progress"
                        ? t("catalogue.onPathInProgress")
                        : m.status === "added"
                          ? t("catalogue.onPathAdded")
                          : t("catalogue.onPath")}
                    </p>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="add" />
                      <input type="hidden" name="slug" value={m.slug} />
                      <input type="hidden" name="returnTo" value={returnTo} />
                      <button type="submit" className="button button--quiet">
                        {t("catalogue.add")}
                        <span className="visually-hidden">: {m.title}</span>
                      </button>
                    </Form>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

export const meta = pageMeta("learning:catalogue.title")
