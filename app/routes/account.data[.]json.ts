import type { LoaderFunctionArgs } from "@remix-run/node"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { exportMyData } from "~/services/my-data.server"

/** Everything Parat stores about the signed-in person, as a JSON download (never cached anywhere). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const data = exportMyData(user, detectLanguage(request))
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="parat-my-data-${data.exportedAt.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  })
}
