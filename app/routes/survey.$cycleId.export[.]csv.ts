import type { LoaderFunctionArgs } from "@remix-run/node"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { exportResponse } from "~/services/survey.server"
import { csvDownload } from "~/utils/csv-download"
import { CycleParams, parseParams } from "~/utils/route-params"

/** The person's own answers and scores in one cycle, as a CSV download (cells safe against formulas). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { cycleId } = parseParams(params, CycleParams)
  const exported = exportResponse(user, cycleId, detectLanguage(request))
  if (!exported) throw new Response("Not found", { status: 404 })
  const t = await getFixedT(request)
  // Areas by their names, as on the result page, not by their internal keys.
  const dimensionName = (key: string) => t(`dimensions.${key}` as "dimensions.use", { defaultValue: key })
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
      dimensionName(a.dimension),
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
      dimensionName(s.dimension),
      null,
      null,
      null,
      null,
      s.score,
      s.level === null ? null : t(`levels.${s.level}` as "levels.0"),
      s.confidence,
    ]),
  ]
  return csvDownload(request, rows, `parat-survey-${cycleId}.csv`)
}
