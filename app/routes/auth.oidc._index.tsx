import type { LoaderFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { beginSsoSignIn, ssoSettings } from "~/services/sso.server"

// "Sign in with the region": a plain link, so it works without JavaScript. Redirects to the identity provider.
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = ssoSettings()
  if (!settings) throw new Response("Not found", { status: 404 })
  const redirectTo = new URL(request.url).searchParams.get("redirectTo")
  try {
    const { url, cookie } = await beginSsoSignIn(request, redirectTo, settings)
    return redirect(url, { headers: { "Set-Cookie": cookie } })
  } catch {
    return redirect("/auth/oidc/callback?error=unavailable")
  }
}
