import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { Field, FormError } from "~/components/field"
import { formatDayRange, isCalendarDay } from "~/domain/calendar"
import { createCycle, listCycles, listInstrumentVersions } from "~/services/admin-cycles.server"
import { listActiveUnitOptions } from "~/services/admin-units.server"
import { requireRole } from "~/services/auth.server"
import { fieldErrors, NO_ERRORS, requiredText } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["admin"] }

const day = z
  .string({ error: "admin:cycles.errors.date" })
  .refine(isCalendarDay, { error: "admin:cycles.errors.date" })
const CreateSchema = z.object({
  name: requiredText(120),
  instrumentHash: z.string({ error: "admin:cycles.errors.instrument_not_found" }).min(1).max(128),
  opensAt: day,
  closesAt: day,
  unitIds: z.array(z.coerce.number().int().positive()).max(10_000),
})

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return { cycles: listCycles(), instruments: listInstrumentVersions(), units: listActiveUnitOptions() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const formData = await readForm(request)
  if (formData.get("intent") !== "create") throw new Response("Unknown intent", { status: 400 })
  const parsed = CreateSchema.safeParse({
    name: formData.get("name") ?? undefined,
    instrumentHash: formData.get("instrumentHash") ?? undefined,
    opensAt: formData.get("opensAt") ?? undefined,
    closesAt: formData.get("closesAt") ?? undefined,
    unitIds: formData.getAll("unitIds"),
  })
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), formError: null }, { status: 400 })
  }
  const input = parsed.data
  const outcome = createCycle(user.id, {
    name: input.name,
    instrumentHash: input.instrumentHash,
    unitIds: input.unitIds,
    opensOn: input.opensAt,
    closesOn: input.closesAt,
  })
  if (!outcome.ok) {
    return data({ errors: NO_ERRORS, formError: `cycles.errors.${outcome.reason}` as const }, { status: 400 })
  }
  return redirect(`/admin/cycles/${outcome.id}?done=create`)
}

export default function CyclesPage() {
  const { cycles, instruments, units } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("admin")
  const lang = useLang()
  return (
    <section className="page">
      <h1>{t("cycles.title")}</h1>
      {cycles.length === 0 ? (
        <p>{t("cycles.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("cycles.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cycles.name")}</th>
                <th scope="col">{t("cycles.instrument")}</th>
                <th scope="col">{t("cycles.period")}</th>
                <th scope="col">{t("cycles.status")}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((cycle) => (
                <tr key={cycle.id}>
                  <th scope="row">
                    <Link to={`/admin/cycles/${cycle.id}`}>{cycle.name}</Link>
                  </th>
                  <td>
                    {t("cycles.instrumentVersion", {
                      key: cycle.instrumentKey,
                      version: cycle.instrumentVersion,
                    })}
                  </td>
                  <td>{formatDayRange(cycle.opensOn, cycle.closesOn, lang)}</td>
                  <td>{t(`phases.${cycle.phase}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="admin-section" aria-labelledby="create-cycle">
        <h2 id="create-cycle">{t("cycles.createTitle")}</h2>
        {instruments.length === 0 ? (
          <p className="alert alert--info">{t("cycles.noInstrument")}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <FormError message={data?.formError ? t(data.formError) : null} />
            <Field label={t("cycles.name")} name="name" errors={data?.errors.name} required maxLength={120} />
            <SelectField
              label={t("cycles.instrument")}
              name="instrumentHash"
              options={instruments.map((i) => ({
                value: i.hash,
                label: t("cycles.instrumentVersion", { key: i.key, version: i.version }),
              }))}
              errors={data?.errors.instrumentHash}
            />
            <div className="admin-grid">
              <Field
                label={t("cycles.opensAt")}
                name="opensAt"
                type="date"
                errors={data?.errors.opensAt}
                required
              />
              <Field
                label={t("cycles.closesAt")}
                name="closesAt"
                type="date"
                errors={data?.errors.closesAt}
                required
              />
            </div>
            <fieldset>
              <legend>{t("cycles.targets")}</legend>
              <p className="field__hint">{t("cycles.targetsHint")}</p>
              <div className="checkbox-list">
                {units.map((unit) => (
                  <label key={unit.id} style={{ paddingLeft: `${unit.depth * 1.25}rem` }}>
                    <input type="checkbox" name="unitIds" value={unit.id} /> {unit.name} ({unit.code})
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <button type="submit" className="button">
                {t("cycles.create")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </section>
  )
}

export const meta = pageMeta("admin:cycles.title")
