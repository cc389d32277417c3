import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { ErrorPage } from "./components/error-page"
import { SiteFooter, SiteHeader } from "./components/shell"
import { bundlesFor, detectLanguage } from "./i18n/i18n.server"
import { getUser } from "./services/auth.server"
import styles from "./styles/app.css?url"
import { useNonce } from "./utils/nonce-provider"
import { pageMeta } from "./utils/page-title"

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = detectLanguage(request)
  const user = getUser(request)
  const url = new URL(request.url)
  return {
    lang,
    resources: bundlesFor(lang, user?.role ?? null, url.pathname),
    user: user ? { name: user.name, role: user.role } : null,
    currentPath: `${url.pathname}${url.search}`,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

/** Adds the page language's translations to the browser's i18next instance before anything renders. */
function useTranslationBundles(data: RootData | undefined) {
  const { i18n } = useTranslation()
  if (!data) return
  for (const [ns, bundle] of Object.entries(data.resources)) {
    if (!i18n.hasResourceBundle(data.lang, ns)) i18n.addResourceBundle(data.lang, ns, bundle, true, true)
  }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root")
  useTranslationBundles(data)
  const { t } = useTranslation()
  const nonce = useNonce()
  return (
    <html lang={data?.lang ?? "da"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("shell.skipToContent")}
        </a>
        <SiteHeader
          user={data?.user ?? null}
          lang={data?.lang ?? "da"}
          currentPath={data?.currentPath ?? "/"}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export const meta = pageMeta(() => null)

export default function App() {
  return <Outlet />
}

export const ErrorBoundary = ErrorPage
