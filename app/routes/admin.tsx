import type { LoaderFunctionArgs } from "@remix-run/node"
import { NavLink, Outlet } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { requireRole } from "~/services/auth.server"

export const handle = { i18n: ["admin"] }

// Each admin page checks the role in its own loader and action too; this only guards the layout.
export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return null
}

const LINKS = [
  { to: "/admin", key: "overview", end: true },
  { to: "/admin/units", key: "units" },
  { to: "/admin/people", key: "people" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/cycles", key: "cycles" },
  { to: "/admin/content", key: "content" },
  { to: "/admin/instructions", key: "instructions" },
  { to: "/admin/item-analysis", key: "itemAnalysis" },
  { to: "/admin/mail", key: "mail" },
  { to: "/admin/sign-in", key: "signIn" },
  { to: "/admin/audit", key: "audit" },
] as const

export default function AdminLayout() {
  const { t } = useTranslation("admin")
  return (
    <div className="admin">
      <nav aria-label={t("layout.nav")} className="admin-nav">
        <ul>
          {LINKS.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={"end" in link}>
                {t(`layout.${link.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}
