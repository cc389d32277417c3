import type { ActionFunctionArgs } from "@remix-run/node"
import { redirect } from "@remix-run/node"
import { z } from "zod"
import { LANGUAGES } from "~/domain/vocabulary"
import { languageCookie } from "~/i18n/i18n.server"
import { getUser, setLanguage } from "~/services/auth.server"
import { readForm, requireSameOrigin } from "~/utils/request.server"
import { safeRedirect } from "~/utils/safe-redirect"

const LanguageSchema = z.object({ lang: z.enum(LANGUAGES), redirectTo: z.string().max(2048).optional() })

export async function loader() {
  return redirect("/")
}

/** Switches the language for this browser (cookie) and, when logged in, in the profile. */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = Object.fromEntries(await readForm(request))
  const parsed = LanguageSchema.safeParse(form)
  if (!parsed.success) throw new Response("Unknown language", { status: 400 })
  const user = getUser(request)
  if (user) setLanguage(user.id, parsed.data.lang)
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": languageCookie(parsed.data.lang) },
  })
}
