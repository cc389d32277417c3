// Which pages each role finds in the main navigation. Authorisation itself is checked in every loader.
import type { Role } from "~/domain/vocabulary"
import type { resources } from "~/i18n/resources"

type NavKey = `nav.${keyof (typeof resources)["da"]["common"]["nav"] & string}`
/** roles: "public" only when logged out, "all" any logged-in user, "everyone" both */
/** end: active only on exactly this path (not on the pages below it) */
export type NavItem = {
  to: string
  label: NavKey
  roles: Role[] | "public" | "all" | "everyone"
  end?: boolean
}

const ITEMS: NavItem[] = [
  { to: "/", label: "nav.home", roles: "all" },
  { to: "/survey", label: "nav.survey", roles: "all" },
  { to: "/login", label: "nav.login", roles: "public" },
  { to: "/learn", label: "nav.learn", roles: "all", end: true },
  { to: "/learn/catalogue", label: "nav.catalogue", roles: "all" },
  { to: "/admin", label: "nav.admin", roles: ["admin"] },
  { to: "/reports", label: "nav.reports", roles: ["manager"] },
  { to: "/invitations", label: "nav.invitations", roles: ["manager"] },
  { to: "/register", label: "nav.register", roles: ["manager", "admin"], end: true },
  { to: "/register/evidence", label: "nav.evidence", roles: ["manager", "admin"] },
  { to: "/account/password", label: "nav.account", roles: "all" },
  { to: "/account/data", label: "nav.myData", roles: "all" },
  { to: "/wiki", label: "nav.wiki", roles: "everyone" },
  { to: "/handbook", label: "nav.handbook", roles: "everyone" },
  { to: "/citizen", label: "nav.citizen", roles: "everyone" },
  { to: "/workshops", label: "nav.workshops", roles: "everyone" },
  { to: "/procurement", label: "nav.procurement", roles: "everyone" },
  { to: "/careers", label: "nav.careers", roles: "everyone" },
]

export function navigationFor(role: Role | null): NavItem[] {
  return ITEMS.filter((item) => {
    if (item.roles === "everyone") return true
    if (item.roles === "public") return role === null
    if (item.roles === "all") return role !== null
    return role !== null && item.roles.includes(role)
  })
}
