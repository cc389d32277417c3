import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { SystemForm } from "~/components/register-form"
import { RISK_CLASSES, type RiskClass } from "~/domain/ai-register"
import { formatInstant } from "~/domain/calendar"
import { JOB_FAMILIES } from "~/domain/vocabulary"
import { detectLanguage } from "~/i18n/i18n.server"
import {
  addRequirement,
  assignableUnits,
  getSystem,
  moduleOptions,
  updateSystem,
} from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { getHandbook } from "~/services/handbook.server"
import { instructionOptions } from "~/services/local-instructions.server"
import { fieldErrors, NO_ERRORS } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { RequirementSchema, systemFields } from "~/utils/register-forms"
import { readForm } from "~/utils/request.server"
import { IdParams, parseParams } from "~/utils/route-params"

export const handle = { i18n: ["register"] }

/** The risk class a stored version recorded (its snapshot is JSON of its time); "minimal" if it recorded none. */
function snapshotRisk(snapshot: unknown): RiskClass {
  const stored = (snapshot as { riskClass?: unknown } | null)?.riskClass
  return RISK_CLASSES.find((risk) => risk === stored) ?? "minimal"
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const { id } = parseParams(params, IdParams)
  const found = getSystem(user, id)
  if (!found) throw new Response("Not found", { status: 404 })
  const phases =
    getHandbook(null, detectLanguage(request))?.phases.map((p) => ({ key: p.key, title: p.title })) ?? []
  return {
    ...found,
    units: assignableUnits(user),
    phases,
    modules: moduleOptions(),
    instructions: instructionOptions(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const { id } = parseParams(params, IdParams)
  const form = await readForm(request)
  if (form.get("intent") === "requirement") {
    const parsed = RequirementSchema.safeParse(Object.fromEntries(form))
    if (!parsed.success)
      return data(
        { errors: NO_ERRORS, formError: "errors.unknown_module" as const, saved: false },
        { status: 400 },
      )
    const { content, ...rest } = parsed.data
    const outcome = addRequirement(user, id, { ...content, ...rest })
    if (!outcome.ok)
      return data(
        { errors: NO_ERRORS, formError: `errors.${outcome.reason}` as const, saved: false },
        { status: outcome.reason === "forbidden" ? 403 : outcome.reason === "not_found" ? 404 : 400 },
      )
    return { errors: NO_ERRORS, formError: null, saved: true }
  }
  const parsed = systemFields(form)
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error), formError: null, saved: false }, { status: 400 })
  const outcome = updateSystem(user, id, parsed.data)
  if (!outcome.ok)
    return data(
      { errors: NO_ERRORS, formError: `errors.${outcome.reason}` as const, saved: false },
      { status: outcome.reason === "forbidden" ? 403 : 404 },
    )
  return { errors: NO_ERRORS, formError: null, saved: true }
}

export default function SystemPage() {
  const { system, versions, requirements, units, phases, modules, instructions } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation("register")
  const { t: tc } = useTranslation()
  const lang = i18n.language === "en" ? "en" : "da"
  return (
    <section className="page">
      <h1>{system.name}</h1>
      {actionData?.saved ? (
        <p className="alert alert--success" role="status">
          {t("saved")}
        </p>
      ) : null}
      <h2>{t("requirements.title")}</h2>
      {requirements.length === 0 ? (
        <p>{t("requirements.none")}</p>
      ) : (
        <ul>
          {requirements.map((r) => (
            <li key={r.id}>
              {tc(`jobFamilies.${r.jobFamily}`)}: {r.title[lang]} (
              {r.refreshMonths
                ? t("requirements.refreshEvery", { count: r.refreshMonths })
                : t("requirements.once")}
              )
            </li>
          ))}
        </ul>
      )}
      {system.canEdit ? (
        <Form method="post">
          <div className="field">
            <label htmlFor="req-module">{t("requirements.module")}</label>
            <select id="req-module" name="content">
              <optgroup label={t("requirements.instructions")}>
                {instructions.map((i) => (
                  <option key={i.id} value={`instruction:${i.id}`}>
                    {i.title[lang]}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("requirements.modules")}>
                {modules.map((m) => (
                  <option key={m.slug} value={`module:${m.slug}`}>
                    {m.title[lang]}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="field">
            <label htmlFor="req-family">{t("requirements.jobFamily")}</label>
            <select id="req-family" name="jobFamily">
              {JOB_FAMILIES.map((f) => (
                <option key={f} value={f}>
                  {tc(`jobFamilies.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="req-refresh">{t("requirements.refreshMonths")}</label>
            <input id="req-refresh" name="refreshMonths" inputMode="numeric" defaultValue="12" />
          </div>
          <div className="field">
            <label htmlFor="req-grace">{t("requirements.graceDays")}</label>
            <input id="req-grace" name="graceDays" inputMode="numeric" defaultValue="30" />
          </div>
          <button type="submit" name="intent" value="requirement">
            {t("requirements.add")}
          </button>
        </Form>
      ) : null}
      {system.canEdit ? (
        <>
          <h2>{t("edit")}</h2>
          <p>{t("dueAgainNote")}</p>
          <SystemForm
            key={system.version}
            values={system}
            units={units}
            phases={phases}
            errors={actionData?.errors}
            formError={actionData?.formError}
          />
        </>
      ) : null}
      <h2>{t("history")}</h2>
      <ol>
        {versions.map((v) => (
          <li key={v.version}>
            {t("changedBy", {
              version: v.version,
              date: formatInstant(v.changedAt, lang),
              name: v.changedBy ?? "",
            })}
            : {String((v.snapshot as { name?: string }).name ?? "")}, {t(`risk.${snapshotRisk(v.snapshot)}`)},{" "}
            {String((v.snapshot as { intendedPurpose?: string }).intendedPurpose ?? "")}
          </li>
        ))}
      </ol>
    </section>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.system.name)
