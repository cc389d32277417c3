import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField, StatusMessage, unitOptions } from "~/components/admin-ui"
import { useLang } from "~/components/bilingual"
import { FormError } from "~/components/field"
import { formatInstant } from "~/domain/calendar"
import { ERASURE_MODES, ROLES } from "~/domain/vocabulary"
import {
  addManagerScope,
  createPasswordReset,
  getPerson,
  mailPasswordReset,
  type PersonOutcome,
  removeManagerScope,
  setPersonActive,
  updatePerson,
} from "~/services/admin-people.server"
import { listActiveUnitOptions } from "~/services/admin-units.server"
import { requireRole } from "~/services/auth.server"
import { erasePerson } from "~/services/erasure.server"
import { removeTwoFactorForPerson } from "~/services/two-factor.server"
import { invariantResponse, parseForm, parseQuery, type ReasonKey } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["admin", "privacy"] }

const id = z.coerce.number().int().positive()
const ParamsSchema = z.object({ id })
const UpdateSchema = z.object({ role: z.enum(ROLES), unitId: id })
const ScopeSchema = z.object({ unitId: id })
const EraseSchema = z.object({
  mode: z.enum(ERASURE_MODES, { error: "erasure_mode" }),
  confirm: z.literal("on", { error: "confirm_erasure" }),
})
const DONE = [
  "update",
  "deactivate",
  "reactivate",
  "addScope",
  "removeScope",
  "erase",
  "anonymise",
  "removeTwoFactor",
  "mailReset",
] as const
const QuerySchema = z.object({ done: z.enum(DONE).optional() })

function personId(params: unknown) {
  const parsed = ParamsSchema.safeParse(params)
  invariantResponse(parsed.success, "Not found", { status: 404 })
  return parsed.data.id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const person = getPerson(personId(params))
  invariantResponse(person, "Not found", { status: 404 })
  return { person, units: listActiveUnitOptions(), done: query.done ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const id = personId(params)
  const formData = await readForm(request)
  const intent = String(formData.get("intent") ?? "")
  const fail = (reason: ReasonKey<"admin", "person.errors.">, status = 400) =>
    data({ intent, formError: `person.errors.${reason}` as const, reset: null }, { status })
  let outcome: PersonOutcome
  switch (intent) {
    case "update": {
      const form = parseForm(formData, UpdateSchema)
      if (!form.ok) return fail("unit_not_found")
      outcome = updatePerson(user.id, id, form.data)
      break
    }
    case "deactivate":
    case "reactivate":
      outcome = setPersonActive(user.id, id, intent === "reactivate")
      break
    case "addScope":
    case "removeScope": {
      const form = parseForm(formData, ScopeSchema)
      if (!form.ok) return fail("unit_not_found")
      outcome = (intent === "addScope" ? addManagerScope : removeManagerScope)(user.id, id, form.data.unitId)
      break
    }
    case "removeTwoFactor":
      outcome = removeTwoFactorForPerson(user.id, id)
      break
    case "reset": {
      const reset = createPasswordReset(user.id, id)
      if (!reset.ok) return fail(reset.reason, reset.reason === "not_found" ? 404 : 400)
      const person = getPerson(id)
      // Shown once in this response and never stored in clear: a reload does not show it again.
      return {
        intent,
        formError: null,
        reset: {
          link: `${new URL(request.url).origin}/reset-password/${reset.token}`,
          email: person?.email ?? "",
          expiresAt: reset.expiresAt.toISOString(),
        },
      }
    }
    case "erase": {
      const form = parseForm(formData, EraseSchema)
      if (!form.ok) return fail(form.errors.mode ? "erasure_mode" : "confirm_erasure")
      const erased = erasePerson(user.id, id, form.data.mode)
      if (!erased.ok) return fail(erased.reason, erased.reason === "not_found" ? 404 : 400)
      return redirect(`/admin/people/${id}?done=${form.data.mode}`)
    }
    case "mailReset": {
      const mailed = mailPasswordReset(user.id, id)
      if (!mailed.ok) return fail(mailed.reason, mailed.reason === "not_found" ? 404 : 400)
      return redirect(`/admin/people/${id}?done=mailReset`)
    }
    default:
      throw new Response("Unknown intent", { status: 400 })
  }
  if (!outcome.ok) return fail(outcome.reason, outcome.reason === "not_found" ? 404 : 400)
  return redirect(`/admin/people/${id}?done=${intent}`)
}

export default function PersonPage() {
  const { person, units, done } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("admin")
  const lang = useLang()
  const { t: tc } = useTranslation()
  const { t: tp } = useTranslation("privacy")
  return (
    <section className="page">
      <p>
        <Link to="/admin/people">{t("person.back")}</Link>
      </p>
      <h1>{person.name}</h1>
      <StatusMessage message={done ? t(`person.done.${done}`) : null} />
      <FormError message={data?.formError ? t(data.formError) : null} />
      {data?.reset ? (
        <div role="status" className="alert alert--info">
          <p>
            {t("person.resetCreated", {
              email: data.reset.email,
              expires: formatInstant(data.reset.expiresAt, lang),
            })}
          </p>
          <p>
            <strong>{t("person.resetLink")}: </strong>
            <a className="reset-link" href={data.reset.link}>
              {data.reset.link}
            </a>
          </p>
        </div>
      ) : null}

      <section className="admin-section" aria-labelledby="person-details">
        <h2 id="person-details">{t("person.details")}</h2>
        <dl className="facts">
          <dt>{t("person.email")}</dt>
          <dd>{person.email}</dd>
          <dt>{t("person.employeeId")}</dt>
          <dd>{person.employeeId ?? t("common.none")}</dd>
          <dt>{t("person.unit")}</dt>
          <dd>
            {person.unitName} ({person.unitCode})
          </dd>
          <dt>{t("person.jobFamily")}</dt>
          <dd>{tc(`jobFamilies.${person.jobFamily}`)}</dd>
          <dt>{t("person.role")}</dt>
          <dd>{tc(`roles.${person.role}`)}</dd>
          <dt>{t("person.language")}</dt>
          <dd>{t(`languages.${person.language}`)}</dd>
          <dt>{t("person.status")}</dt>
          <dd>{person.isActive ? t("common.active") : t("common.inactive")}</dd>
          <dt>{t("person.password")}</dt>
          <dd>{person.hasPassword ? t("person.passwordSet") : t("person.passwordNotSet")}</dd>
          <dt>{t("person.twoFactor")}</dt>
          <dd>{person.hasTwoFactor ? t("person.twoFactorOn") : t("person.twoFactorOff")}</dd>
          <dt>{t("person.openCycles")}</dt>
          <dd>
            {person.openCycles.length === 0
              ? t("common.none")
              : person.openCycles.map((cycle, i) => (
                  <span key={cycle.id}>
                    {i > 0 ? ", " : null}
                    <Link to={`/admin/cycles/${cycle.id}`}>{cycle.name}</Link>
                  </span>
                ))}
          </dd>
        </dl>
      </section>

      {person.erasedAt ? (
        <p className="alert alert--info">
          {tp(person.erasure === "anonymise" ? "erasure.anonymisedBanner" : "erasure.erasedBanner", {
            date: formatInstant(person.erasedAt, lang),
          })}
        </p>
      ) : (
        <PersonForms person={person} units={units} />
      )}
    </section>
  )
}

function PersonForms({
  person,
  units,
}: Pick<ReturnType<typeof useLoaderData<typeof loader>>, "person" | "units">) {
  const { t } = useTranslation("admin")
  const { t: tc } = useTranslation()
  const { t: tm } = useTranslation("mail")
  const scopeIds = new Set(person.scopes.map((s) => s.unitId))
  return (
    <>
      <section className="admin-section" aria-labelledby="person-role">
        <h2 id="person-role">{t("person.roleTitle")}</h2>
        <Form method="post" className="admin-grid">
          <input type="hidden" name="intent" value="update" />
          <SelectField
            label={t("person.role")}
            name="role"
            defaultValue={person.role}
            options={ROLES.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
          />
          <SelectField
            label={t("person.unit")}
            name="unitId"
            defaultValue={String(person.unitId)}
            options={unitOptions(units)}
          />
          <div>
            <button type="submit" className="button">
              {t("person.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="admin-section" aria-labelledby="person-scopes">
        <h2 id="person-scopes">{t("person.scopesTitle")}</h2>
        <p>{t("person.scopesIntro")}</p>
        {person.scopes.length === 0 ? (
          <p>{t("person.noScopes")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("person.scopesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("person.scopeUnit")}</th>
                  <th scope="col">{t("units.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {person.scopes.map((scope) => (
                  <tr key={scope.unitId}>
                    <th scope="row">
                      {scope.name} ({scope.code})
                    </th>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeScope" />
                        <input type="hidden" name="unitId" value={scope.unitId} />
                        <button type="submit" className="button button--quiet">
                          {t("person.removeScope", { name: scope.name })}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {person.role === "manager" ? (
          <Form method="post" className="admin-grid admin-section">
            <input type="hidden" name="intent" value="addScope" />
            <SelectField
              label={t("person.scopeUnit")}
              name="unitId"
              options={unitOptions(units.filter((u) => !scopeIds.has(u.id)))}
            />
            <div>
              <button type="submit" className="button">
                {t("person.addScope")}
              </button>
            </div>
          </Form>
        ) : (
          <p className="field__hint">{t("person.scopesOnlyManagers")}</p>
        )}
      </section>

      <section className="admin-section" aria-labelledby="person-access">
        <h2 id="person-access">{t("person.accessTitle")}</h2>
        <div className="admin-grid">
          {person.isActive ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="reset" />
              <p className="field__hint">{t("person.resetHint")}</p>
              <button type="submit" className="button">
                {t("person.reset")}
              </button>
            </Form>
          ) : null}
          {person.hasTwoFactor ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="removeTwoFactor" />
              <p className="field__hint">{t("person.removeTwoFactorHint")}</p>
              <button type="submit" className="button">
                {t("person.removeTwoFactor")}
              </button>
            </Form>
          ) : null}
          {person.isActive ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="mailReset" />
              <p className="field__hint">{tm("person.sendResetHint")}</p>
              <button type="submit" className="button">
                {tm("person.sendReset")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value={person.isActive ? "deactivate" : "reactivate"} />
            <p className="field__hint">{t("person.deactivateHint")}</p>
            <button type="submit" className={person.isActive ? "button button--danger" : "button"}>
              {person.isActive ? t("person.deactivate") : t("person.reactivate")}
            </button>
          </Form>
        </div>
      </section>
      <ErasureSection />
    </>
  )
}

/** Erase or anonymise, with the difference explained and a confirmation box the server checks. */
function ErasureSection() {
  const { t } = useTranslation("privacy")
  return (
    <section className="admin-section" aria-labelledby="person-erasure">
      <h2 id="person-erasure">{t("erasure.title")}</h2>
      <p>{t("erasure.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="erase" />
        <fieldset className="stack">
          <legend>{t("erasure.mode")}</legend>
          {ERASURE_MODES.map((mode) => (
            <div key={mode}>
              <label>
                <input
                  type="radio"
                  name="mode"
                  value={mode}
                  required
                  aria-describedby={`erasure-${mode}-hint`}
                />{" "}
                {t(`erasure.${mode}`)}
              </label>
              <p id={`erasure-${mode}-hint`} className="field__hint">
                {t(`erasure.${mode}Hint`)}
              </p>
            </div>
          ))}
        </fieldset>
        <p>{t("erasure.keeps")}</p>
        <label>
          <input type="checkbox" name="confirm" required /> {t("erasure.confirm")}
        </label>
        <div>
          <button type="submit" className="button button--danger">
            {t("erasure.submit")}
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta = pageMeta<typeof loader>(({ data }) => data.person.name)
