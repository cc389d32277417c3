import { Form, NavLink } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import type { Role } from "~/domain/vocabulary"
import type { Lang } from "~/i18n/config"
import { navigationFor } from "./navigation"

type ShellUser = { name: string; role: Role } | null

export function SiteHeader({
  user,
  lang,
  currentPath,
}: {
  user: ShellUser
  lang: Lang
  currentPath: string
}) {
  const { t } = useTranslation()
  const items = navigationFor(user?.role ?? null)
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <a className="brand" href="/">
          <span aria-hidden="true" className="brand__mark">
            P
          </span>
          Parat
        </a>
        <LanguageSwitch lang={lang} currentPath={currentPath} />
        {user ? (
          // A whole-document post: /logout may send the browser on to the identity provider to sign out there too.
          <Form method="post" action="/logout" className="inline-form" reloadDocument>
            <span className="muted user-name">{user.name}</span>
            <button type="submit" className="button button--quiet">
              {t("shell.logout")}
            </button>
          </Form>
        ) : null}
      </div>
      <nav aria-label={t("shell.mainNavigation")} className="site-nav">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? item.to === "/"} prefetch="intent">
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  )
}

/** A plain form that reloads the document, so the switch works before and without JavaScript. */
export function LanguageSwitch({ lang, currentPath }: { lang: Lang; currentPath: string }) {
  const { t } = useTranslation()
  const other: Lang = lang === "da" ? "en" : "da"
  return (
    <Form method="post" action="/language" reloadDocument className="inline-form">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={currentPath} />
      <button type="submit" className="button button--quiet" lang={other}>
        {t(`shell.switchTo.${other}`)}
      </button>
    </Form>
  )
}

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <p>{t("shell.footer")}</p>
    </footer>
  )
}
