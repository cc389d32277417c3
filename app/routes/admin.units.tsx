import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField, StatusMessage, unitOptions } from "~/components/admin-ui"
import { Field, FormError } from "~/components/field"
import {
  addUnit,
  listUnitTree,
  moveUnit,
  renameUnit,
  restoreUnit,
  retireUnit,
  type UnitOutcome,
} from "~/services/admin-units.server"
import { requireRole } from "~/services/auth.server"
import {
  type FieldErrors,
  NO_ERRORS,
  parseForm,
  parseQuery,
  type ReasonKey,
  requiredText,
} from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["admin"] }

const KINDS = ["region", "hospital", "department", "section"] as const
const id = z.coerce.number().int().positive()
const parentId = z.union([z.literal("").transform(() => null), id])
const AddSchema = z.object({
  code: requiredText(30).pipe(z.string().regex(/^[A-Za-z0-9-]+$/, { error: "admin:units.errors.code" })),
  name: requiredText(120),
  kind: z.enum(KINDS),
  parentId,
})
const RenameSchema = z.object({ unitId: id, name: requiredText(120) })
const MoveSchema = z.object({ unitId: id, parentId })
const UnitIdSchema = z.object({ unitId: id })
const QuerySchema = z.object({
  unit: id.optional(),
  done: z.enum(["add", "rename", "move", "retire", "restore"]).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const query = parseQuery(request, QuerySchema)
  const tree = listUnitTree()
  const selected = query.unit ? (tree.find((e) => e.unit.id === query.unit)?.unit ?? null) : null
  return { tree, selected, done: query.done ?? null }
}

function outcomeError(intent: string, outcome: Exclude<UnitOutcome, { ok: true }>) {
  const key: ReasonKey<"admin", "units.errors."> = outcome.reason === "move" ? outcome.check : outcome.reason
  return data(
    { intent, errors: NO_ERRORS, formError: `units.errors.${key}` as const },
    {
      status: outcome.reason === "not_found" ? 404 : 400,
    },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const formData = await readForm(request)
  const intent = String(formData.get("intent") ?? "")
  const invalid = (errors: FieldErrors) => data({ intent, errors, formError: null }, { status: 400 })
  let outcome: UnitOutcome
  switch (intent) {
    case "add": {
      const form = parseForm(formData, AddSchema)
      if (!form.ok) return invalid(form.errors)
      outcome = addUnit(user.id, form.data)
      break
    }
    case "rename": {
      const form = parseForm(formData, RenameSchema)
      if (!form.ok) return invalid(form.errors)
      outcome = renameUnit(user.id, form.data.unitId, form.data.name)
      break
    }
    case "move": {
      const form = parseForm(formData, MoveSchema)
      if (!form.ok) return invalid(form.errors)
      outcome = moveUnit(user.id, form.data.unitId, form.data.parentId)
      break
    }
    case "retire":
    case "restore": {
      const form = parseForm(formData, UnitIdSchema)
      if (!form.ok) return invalid(form.errors)
      outcome = (intent === "retire" ? retireUnit : restoreUnit)(user.id, form.data.unitId)
      break
    }
    default:
      throw new Response("Unknown intent", { status: 400 })
  }
  if (!outcome.ok) return outcomeError(intent, outcome)
  return redirect(`/admin/units?unit=${outcome.id}&done=${intent}`)
}

export default function UnitsPage() {
  const { tree, selected, done } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("admin")
  const active = tree.filter((e) => !e.unit.isRetired).map((e) => ({ ...e.unit, depth: e.depth }))
  const treeTop = { value: "", label: t("common.treeTop") }
  const errorsFor = (intent: string) => (data?.intent === intent ? data.errors : {})
  const formError = data?.formError ? t(data.formError) : null
  // A move target may not be the unit itself or anything below it (the server checks this too).
  const moveTargets = selected ? active.filter((u) => !u.path.startsWith(selected.path)) : []
  return (
    <section className="page">
      <h1>{t("units.title")}</h1>
      <p>{t("units.intro")}</p>
      <StatusMessage message={done ? t(`units.done.${done}`) : null} />
      <FormError message={formError} />

      {selected ? (
        <section className="admin-section card" aria-labelledby="edit-unit" id="edit">
          <h2 id="edit-unit">{t("units.editTitle", { name: selected.name })}</h2>
          <div className="admin-grid">
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="unitId" value={selected.id} />
              <Field
                label={t("units.newName")}
                name="name"
                defaultValue={selected.name}
                errors={errorsFor("rename").name}
                required
                maxLength={120}
              />
              <button type="submit" className="button">
                {t("units.rename")}
              </button>
            </Form>
            {selected.isRetired ? null : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="unitId" value={selected.id} />
                <SelectField
                  label={t("units.newParent")}
                  name="parentId"
                  hint={t("units.moveHint")}
                  options={unitOptions(moveTargets, treeTop)}
                  defaultValue={selected.parentId === null ? "" : String(selected.parentId)}
                  errors={errorsFor("move").parentId}
                />
                <button type="submit" className="button">
                  {t("units.move")}
                </button>
              </Form>
            )}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value={selected.isRetired ? "restore" : "retire"} />
              <input type="hidden" name="unitId" value={selected.id} />
              <p className="field__hint">{t("units.retireHint")}</p>
              <button type="submit" className={selected.isRetired ? "button" : "button button--danger"}>
                {selected.isRetired ? t("units.restore") : t("units.retire")}
              </button>
            </Form>
          </div>
          <p>
            <Link to="/admin/units">{t("units.close")}</Link>
          </p>
        </section>
      ) : null}

      <section className="admin-section" aria-labelledby="add-unit">
        <h2 id="add-unit">{t("units.addTitle")}</h2>
        <Form method="post" className="admin-grid">
          <input type="hidden" name="intent" value="add" />
          <Field
            label={t("units.name")}
            name="name"
            errors={errorsFor("add").name}
            required
            maxLength={120}
          />
          <Field
            label={t("units.code")}
            name="code"
            hint={t("units.codeHint")}
            errors={errorsFor("add").code}
            required
            maxLength={30}
          />
          <SelectField
            label={t("units.kind")}
            name="kind"
            options={KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            defaultValue="department"
          />
          <SelectField
            label={t("units.parent")}
            name="parentId"
            options={unitOptions(active, treeTop)}
            errors={errorsFor("add").parentId}
          />
          <div>
            <button type="submit" className="button">
              {t("units.add")}
            </button>
          </div>
        </Form>
      </section>

      <div className="table-wrap admin-section">
        <table>
          <caption>{t("units.treeCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("units.name")}</th>
              <th scope="col">{t("units.code")}</th>
              <th scope="col">{t("units.kind")}</th>
              <th scope="col">{t("units.people")}</th>
              <th scope="col">{t("units.status")}</th>
              <th scope="col">{t("units.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {tree.map(({ unit, depth }) => (
              <tr key={unit.id}>
                <th
                  scope="row"
                  style={{ paddingLeft: `${0.6 + depth * 1.25}rem`, fontWeight: depth < 2 ? 700 : 400 }}
                >
                  {unit.name}
                </th>
                <td>{unit.code}</td>
                <td>{t(`kinds.${unit.kind}`)}</td>
                <td>{unit.peopleCount}</td>
                <td>{unit.isRetired ? t("common.retired") : t("common.active")}</td>
                <td>
                  <Link
                    to={`/admin/units?unit=${unit.id}#edit`}
                    aria-label={t("units.editLabel", { name: unit.name })}
                  >
                    {t("units.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export const meta = pageMeta("admin:units.title")
