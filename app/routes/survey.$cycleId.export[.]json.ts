import type { LoaderFunctionArgs } from "@remix-run/node"
import { detectLanguage } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { exportResponse } from "~/services/survey.server"
import { CycleParams, parseParams } from "~/utils/route-params"

/** The person's own answers and scores in one cycle, as a JSON download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const exported = exportResponse(user, cycleId, detectLanguage(request))
  if (!exported) throw new Response("Not found", { status: 404 })
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="parat-survey-${cycleId}.json"`,
      "Cache-Control": "private, no-store",
    },
  })
}
