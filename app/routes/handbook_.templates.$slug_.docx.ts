// A person's filled template as a Word document (a visitor gets the blank template).
import type { LoaderFunctionArgs } from "@remix-run/node"
import { detectLanguage, getFixedT } from "~/i18n/i18n.server"
import { getUser } from "~/services/auth.server"
import { getTemplate, templateByline } from "~/services/handbook-templates.server"
import { buildTemplateDocx } from "~/services/template-docx.server"
import { invariantResponse } from "~/utils/forms"
import { parseParams, SlugParams } from "~/utils/route-params"

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request)
  const lang = detectLanguage(request)
  const found = getTemplate(user?.id ?? null, parseParams(params, SlugParams).slug, lang)
  invariantResponse(found, "Not found", { status: 404 })
  const t = await getFixedT(request)
  const filledBy = templateByline(t, user?.name ?? null, found.updatedAt, lang)
  const buffer = await buildTemplateDocx(found.template, {
    filledBy,
    notFilled: t("toolkit:template.notFilled"),
    sources: t("toolkit:template.sources"),
    generated: t("toolkit:template.generated"),
  })
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${found.template.slug}.docx"`,
      "Cache-Control": "private, no-store",
    },
  })
}
