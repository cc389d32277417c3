import type { ActionFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { destroySession } from "~/services/auth.server"
import { ssoSettings, ssoSignOutTarget } from "~/services/sso.server"
import { requireSameOrigin } from "~/utils/request.server"

export async function loader() {
  return redirect("/")
}

/** Ends Parat's session; after a single sign-on, the identity provider's too (RP-initiated logout). */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const headers = new Headers({ "Set-Cookie": destroySession(request) })
  const target = await ssoSignOutTarget(request, ssoSettings())
  for (const cookie of target.cookies) headers.append("Set-Cookie", cookie)
  return redirect(target.url, { headers })
}
