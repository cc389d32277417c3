import type { LoaderFunctionArgs } from "@remix-run/node"
import { toCsv } from "~/domain/survey-export"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { exportResponse } from "~/services/survey.server"
import { CycleParams, parseParams } from "~/utils/route-params"

/** The person's own answers and scores in one cycle, as a CSV download (cells safe against formulas). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const exported = exportResponse(user, cycleId, detectLanguage(request))
  if (!exported) throw new Response("Not found", { status: 404 })
  const t = await getFixedT(request)
  const header = [
    "type",
    "dimension",
    "item",
    "question",
    "value",
    "valueText",
    "score",
    "level",
    "confidence",
  ] as const
  const rows = [
    header.map((key) => t(`export.${key}`, { ns: "survey" })),
    ...exported.answers.map((a) => [
      t("export.answer", { ns: "survey" }),
      a.dimension,
      a.itemId,
      a.question,
      a.answer,
      a.answerText,
      null,
      null,
      null,
    ]),
    ...exported.scores.map((s) => [
      t("export.score", { ns: "survey" }),
      s.dimension,
      null,
      null,
      null,
      null,
      s.score,
      s.level,
      s.confidence,
    ]),
  ]
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parat-survey-${cycleId}.csv"`,
      "Cache-Control": "private, no-store",
    },
  })
}
