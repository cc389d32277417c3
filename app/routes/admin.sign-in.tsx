import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField, StatusMessage, unitOptions } from "~/components/admin-ui"
import { FormError } from "~/components/field"
import { JOB_FAMILIES } from "~/domain/vocabulary"
import { env } from "~/env.server"
import { listActiveUnitOptions } from "~/services/admin-units.server"
import { requireRole } from "~/services/auth.server"
import { getJitSetting, setJitSetting, ssoRedirectUri, ssoSettings } from "~/services/sso.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["admin", "sso"] }

const JitSchema = z.object({
  enabled: z.literal("on").optional(),
  unitId: z.coerce.number().int().positive(),
  jobFamily: z.enum(JOB_FAMILIES),
})
const QuerySchema = z.object({ done: z.literal("1").optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const { done } = parseQuery(request, QuerySchema)
  const sso = ssoSettings()
  return {
    sso: sso
      ? {
          issuer: sso.issuer,
          employeeIdClaim: sso.employeeIdClaim ?? null,
          emailClaim: sso.emailClaim,
          mfaValues: [...sso.mfa.amr.map((v) => `amr ${v}`), ...sso.mfa.acr.map((v) => `acr ${v}`)],
        }
      : null,
    redirectUri: ssoRedirectUri(),
    password: { isOn: env.PARAT_PASSWORD_LOGIN === "true", breakGlass: env.PARAT_BREAK_GLASS_EMAIL ?? null },
    jit: getJitSetting(),
    units: listActiveUnitOptions(),
    isSaved: done === "1",
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const form = JitSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!form.success) return data({ formError: "admin.unitRequired" as const }, { status: 400 })
  const value =
    form.data.enabled === "on" ? { unitId: form.data.unitId, jobFamily: form.data.jobFamily } : null
  if (!setJitSetting(user.id, value))
    return data({ formError: "admin.unitRequired" as const }, { status: 400 })
  return redirect("/admin/sign-in?done=1")
}

export default function SignInSettingsPage() {
  const { sso, redirectUri, password, jit, units, isSaved } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("sso")
  const { t: tc } = useTranslation()
  return (
    <section className="page">
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <StatusMessage message={isSaved ? t("admin.saved") : null} />
      <FormError message={data?.formError ? t(data.formError) : null} />
      <dl className="facts">
        <dt>{t("admin.issuer")}</dt>
        <dd>{sso ? sso.issuer : t("admin.notConfigured")}</dd>
        <dt>{t("admin.redirectUri")}</dt>
        <dd>
          <code>{redirectUri}</code>
        </dd>
        {sso ? (
          <>
            <dt>{t("admin.claims")}</dt>
            <dd>
              {sso.employeeIdClaim
                ? t("admin.claimsValue", { employeeId: sso.employeeIdClaim, email: sso.emailClaim })
                : t("admin.claimsEmailOnly", { email: sso.emailClaim })}
            </dd>
            <dt>{t("admin.mfa")}</dt>
            <dd>
              {sso.mfaValues.length > 0
                ? t("admin.mfaValue", { values: sso.mfaValues.join(", ") })
                : t("admin.mfaOff")}
            </dd>
          </>
        ) : null}
        <dt>{t("admin.password")}</dt>
        <dd>
          {password.isOn
            ? t("admin.passwordOn")
            : password.breakGlass
              ? t("admin.passwordOff", { email: password.breakGlass })
              : t("admin.passwordOffNoBreakGlass")}
        </dd>
      </dl>
      <Form method="post" className="stack admin-section" aria-labelledby="jit-title">
        <h2 id="jit-title">{t("admin.jitTitle")}</h2>
        <p className="field__hint">{t("admin.jitIntro")}</p>
        <div className="field">
          <label>
            <input type="checkbox" name="enabled" defaultChecked={jit !== null} /> {t("admin.jitEnabled")}
          </label>
        </div>
        <SelectField
          label={t("admin.jitUnit")}
          name="unitId"
          defaultValue={jit ? String(jit.unitId) : undefined}
          options={unitOptions(units)}
        />
        <SelectField
          label={t("admin.jitJobFamily")}
          name="jobFamily"
          defaultValue={jit?.jobFamily ?? "other_clinical"}
          options={JOB_FAMILIES.map((family) => ({ value: family, label: tc(`jobFamilies.${family}`) }))}
        />
        <div>
          <button type="submit" className="button">
            {t("admin.save")}
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("sso:admin.title")
