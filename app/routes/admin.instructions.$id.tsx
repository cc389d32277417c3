import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { InstructionForm } from "~/components/instruction-form"
import { requireRole } from "~/services/auth.server"
import { getInstruction, saveInstruction } from "~/services/local-instructions.server"
import { instructionFromForm } from "~/utils/instruction-forms"
import { readForm } from "~/utils/request.server"
import { parseParams } from "~/utils/route-params"

export const handle = { i18n: ["register"] }

// "new", or the id of an instruction
const Params = z.object({
  id: z.union([
    z.literal("new").transform(() => null),
    z.coerce.number().int().positive().max(2_147_483_647),
  ]),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const { id } = parseParams(params, Params)
  if (id === null) return { found: null, saved: new URL(request.url).searchParams.has("saved") }
  const found = getInstruction(id)
  if (!found) throw new Response("Not found", { status: 404 })
  return { found, saved: new URL(request.url).searchParams.has("saved") }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const { id } = parseParams(params, Params)
  const parsed = instructionFromForm(await readForm(request))
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const outcome = saveInstruction(user, id, parsed.content, parsed.isSubstantial)
  if (!outcome.ok) throw new Response("Not found", { status: outcome.reason === "forbidden" ? 403 : 404 })
  return redirect(`/admin/instructions/${outcome.id}?saved`)
}

export default function InstructionEditPage() {
  const { found, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation("register")
  const lang = i18n.language === "en" ? "en" : "da"
  const instruction = found?.instruction ?? null
  return (
    <section className="page">
      <h1>{instruction ? instruction.title[lang] : t("instructions.new")}</h1>
      <p>
        <Link to="/admin/instructions">{t("instructions.title")}</Link>
        {instruction ? (
          <>
            {" · "}
            <Link to={`/learn/instructions/${instruction.id}`}>{t("instructions.preview")}</Link>
          </>
        ) : null}
      </p>
      {saved ? (
        <p className="alert alert--success" role="status">
          {t("saved")}
        </p>
      ) : null}
      {actionData?.errors ? (
        <p className="alert alert--error" role="alert">
          {t("instructions.invalid")}
        </p>
      ) : null}
      <InstructionForm
        key={instruction?.version ?? 0}
        values={instruction}
        errors={actionData?.errors}
        isNew={instruction === null}
      />
      {found ? (
        <>
          <h2>{t("history")}</h2>
          <ol>
            {found.versions.map((v) => (
              <li key={v.version}>
                {t("changedBy", {
                  version: v.version,
                  date: new Date(v.changedAt).toISOString().slice(0, 16).replace("T", " "),
                  name: v.changedBy ?? "",
                })}
                {v.isSubstantial ? ` · ${t("instructions.wasSubstantial")}` : ""}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: "Parat" }]
