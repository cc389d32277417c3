// Small pieces shared by the admin pages.
import { useId } from "react"
import { useTranslation } from "react-i18next"
import type { ErrorKey } from "~/utils/forms"
import { FieldErrorList } from "./field"

export type UnitOption = { id: number; name: string; code: string; depth: number }
type Option = { value: string; label: string }

/** A labelled select whose error list is wired like the Field component's. */
export function SelectField({
  label,
  name,
  options,
  defaultValue,
  errors,
  hint,
}: {
  label: string
  name: string
  options: Option[]
  defaultValue?: string
  errors?: ErrorKey[]
  hint?: string
}) {
  const id = useId()
  const hasErrors = Boolean(errors?.length)
  const describedBy = [hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null].filter(Boolean).join(" ")
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy || undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}

/** Units as indented options: the depth is shown with dashes, which a screen reader reads past quietly. */
export function unitOptions(units: UnitOption[], first?: Option): Option[] {
  const list = units.map((u) => ({
    value: String(u.id),
    label: `${"– ".repeat(u.depth)}${u.name} (${u.code})`,
  }))
  return first ? [first, ...list] : list
}

/** A participation count, or "fewer than k" when the anonymity rule withholds it. */
export function CountText({
  count,
}: {
  count: { kind: "count"; n: number } | { kind: "fewer"; k: number } | { kind: "hidden" }
}) {
  const { t } = useTranslation("admin")
  if (count.kind === "count") return <>{count.n}</>
  return <>{count.kind === "fewer" ? t("common.fewer", { k: count.k }) : t("common.hiddenCount")}</>
}

export function StatusMessage({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <p role="status" className="alert alert--success">
      {message}
    </p>
  )
}
