import type { ActionFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { destroySession, requireSameOrigin } from "~/services/auth.server"

export async function loader() {
  return redirect("/")
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  return redirect("/login", { headers: { "Set-Cookie": destroySession(request) } })
}
