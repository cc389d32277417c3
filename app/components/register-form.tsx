import { Form } from "@remix-run/react"
import type { ParseKeys } from "i18next"
import { useTranslation } from "react-i18next"
import { MDR_CLASSES, RISK_CLASSES, SYSTEM_STATUSES } from "~/domain/ai-register"
import type { FieldErrors } from "~/utils/forms"
import { Field, FormError } from "./field"

type Values = {
  name: string
  supplier: string
  intendedPurpose: string
  status: string
  riskClass: string
  mdrClass: string
  isGenerative: boolean
  contactName: string
  handbookPhase: string | null
  unitIds: number[]
}

/** The register entry's form, for a new system and for a new version of one. */
export function SystemForm(props: {
  values: Values | null
  units: { id: number; name: string; depth: number }[]
  phases: { key: string; title: string }[]
  errors?: FieldErrors
  formError?: ParseKeys<"register"> | null
}) {
  const { t } = useTranslation("register")
  const v = props.values
  const select = <O extends string>(
    name: string,
    options: readonly O[],
    label: string,
    optionLabel: (option: O) => string,
    value?: string,
  ) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <Form method="post">
      <FormError message={props.formError ? t(props.formError) : null} />
      <Field
        label={t("fields.name")}
        name="name"
        defaultValue={v?.name}
        errors={props.errors?.name}
        required
      />
      <Field
        label={t("fields.supplier")}
        name="supplier"
        defaultValue={v?.supplier}
        errors={props.errors?.supplier}
        required
      />
      <Field
        label={t("fields.intendedPurpose")}
        name="intendedPurpose"
        defaultValue={v?.intendedPurpose}
        errors={props.errors?.intendedPurpose}
        required
      />
      {select("status", SYSTEM_STATUSES, t("fields.status"), (o) => t(`status.${o}`), v?.status)}
      {select("riskClass", RISK_CLASSES, t("fields.riskClass"), (o) => t(`risk.${o}`), v?.riskClass)}
      {select("mdrClass", MDR_CLASSES, t("fields.mdrClass"), (o) => t(`mdr.${o}`), v?.mdrClass)}
      <div className="field">
        <label>
          <input type="checkbox" name="isGenerative" value="on" defaultChecked={v?.isGenerative} />{" "}
          {t("fields.isGenerative")}
        </label>
      </div>
      <Field
        label={t("fields.contactName")}
        name="contactName"
        defaultValue={v?.contactName}
        errors={props.errors?.contactName}
        required
      />
      <div className="field">
        <label htmlFor="f-phase">{t("fields.handbookPhase")}</label>
        <select id="f-phase" name="handbookPhase" defaultValue={v?.handbookPhase ?? ""}>
          <option value="">{t("noPhase")}</option>
          {props.phases.map((p) => (
            <option key={p.key} value={p.key}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t("fields.units")}</legend>
        {props.errors?.unitIds ? (
          <p className="field__error" role="alert">
            {t("errors.units")}
          </p>
        ) : null}
        {props.units.map((u) => (
          <div key={u.id} style={{ paddingInlineStart: `${u.depth}rem` }}>
            <label>
              <input type="checkbox" name="unitIds" value={u.id} defaultChecked={v?.unitIds.includes(u.id)} />{" "}
              {u.name}
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" name="intent" value="save">
        {t("save")}
      </button>
    </Form>
  )
}
