import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { SystemForm } from "~/components/register-form"
import { detectLanguage } from "~/i18n/i18n.server"
import { assignableUnits, createSystem } from "~/services/ai-register.server"
import { requireRole } from "~/services/auth.server"
import { getHandbook } from "~/services/handbook.server"
import { fieldErrors, NO_ERRORS } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { systemFields } from "~/utils/register-forms"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["register"] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const phases =
    getHandbook(null, detectLanguage(request))?.phases.map((p) => ({ key: p.key, title: p.title })) ?? []
  return { units: assignableUnits(user), phases }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, ["manager", "admin"])
  const parsed = systemFields(await readForm(request))
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), formError: null }, { status: 400 })
  const outcome = createSystem(user, parsed.data)
  if (!outcome.ok)
    return data({ errors: NO_ERRORS, formError: `errors.${outcome.reason}` as const }, { status: 403 })
  return redirect(`/register/${outcome.id}`)
}

export default function NewSystemPage() {
  const { units, phases } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("register")
  return (
    <section className="page">
      <h1>{t("new")}</h1>
      <SystemForm
        values={null}
        units={units}
        phases={phases}
        errors={actionData?.errors}
        formError={actionData?.formError}
      />
    </section>
  )
}

export const meta = pageMeta<typeof loader>("register:new")
