import type { MetaArgs, MetaDescriptor } from "@remix-run/node"
import { isRouteErrorResponse } from "@remix-run/react"
import { createInstance, type ParseKeys, type Resource, type TFunction } from "i18next"
import { i18nOptions, type Lang } from "~/i18n/config"
import type { resources } from "~/i18n/resources"

/** Every namespace a title may come from (the root sends the page's language's bundles). */
type Namespace = keyof (typeof resources)["da"]

/** The one shape of every document title: the page, then the product (WCAG 2.4.2). */
export function formatPageTitle(page?: string | null) {
  return page ? `${page} · Parat` : "Parat"
}

export type TitleKey = ParseKeys<Namespace[]>

type ErrorKind =
  | "badRequest"
  | "forbidden"
  | "forbiddenArea"
  | "notFound"
  | "tooLarge"
  | "unsupportedType"
  | "unexpected"
const ERROR_KINDS: Partial<Record<number, ErrorKind>> = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  413: "tooLarge",
  415: "unsupportedType",
}

/** Which translated error page a thrown error shows: shared by the error page and its title. */
export function errorKind(error: unknown): ErrorKind {
  const status = isRouteErrorResponse(error) ? error.status : 500
  // A manager's report outside their area: the place is the problem, not the role (services/reports/scope.server.ts).
  if (status === 403 && isRouteErrorResponse(error) && error.data === "outside_area") return "forbiddenArea"
  return ERROR_KINDS[status] ?? (status < 500 ? "badRequest" : "unexpected")
}

type RootBundles = { lang: Lang; resources: Resource[string] }
const translators = new WeakMap<object, TFunction<Namespace[]>>()

/**
 * A translator over the bundles the root loader sent with this page: the same on the server and in the browser, so
 * a title never needs the whole translation set in the browser.
 */
function translatorFor(matches: MetaArgs["matches"]) {
  const root = matches.find((match) => match.id === "root")?.data as RootBundles | undefined
  if (!root?.resources) return null
  let t = translators.get(root)
  if (!t) {
    const instance = createInstance()
    instance.init({
      ...i18nOptions,
      lng: root.lang,
      resources: { [root.lang]: root.resources },
      initAsync: false,
    })
    t = instance.getFixedT(root.lang, Object.keys(root.resources) as Namespace[])
    translators.set(root, t)
  }
  return { t, lang: root.lang }
}

type TitleSource<Data> =
  | TitleKey
  | ((args: { t: TFunction<Namespace[]>; data: Data; lang: Lang }) => string | null | undefined)

/**
 * A route's `meta`: the page's title from a translation key, or from its data (a module's or a person's name).
 * An error page is titled by its error, whichever route threw it.
 */
export function pageMeta<Loader = unknown>(source: TitleSource<NonNullable<MetaArgs<Loader>["data"]>>) {
  return ({ data, error, matches }: MetaArgs<Loader>): MetaDescriptor[] => {
    const translator = translatorFor(matches)
    if (!translator) return [{ title: formatPageTitle() }]
    const { t, lang } = translator
    if (error) return [{ title: formatPageTitle(t(`errors.${errorKind(error)}.title`)) }]
    if (typeof source === "function")
      return [{ title: formatPageTitle(data ? source({ t, data, lang }) : null) }]
    return [{ title: formatPageTitle(String(t(source))) }]
  }
}
