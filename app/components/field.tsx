import { useId } from "react"
import { useTranslation } from "react-i18next"
import { ERROR_NAMESPACES, type ErrorKey } from "~/utils/forms"

type FieldProps = {
  label: string
  name: string
  errors?: ErrorKey[]
  hint?: string
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">

/** A labelled input whose error list is wired with aria-invalid and aria-describedby. */
export function Field({ label, name, errors, hint, ...inputProps }: FieldProps) {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const hasErrors = Boolean(errors?.length)
  const describedBy =
    [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      <FieldErrorList id={errorId} errors={errors} />
    </div>
  )
}

/** A field's translated error list; the field points at it with aria-describedby. */
export function FieldErrorList({ id, errors }: { id: string; errors?: ErrorKey[] }) {
  const { t } = useTranslation(ERROR_NAMESPACES)
  if (!errors?.length) return null
  return (
    <ul id={id} className="field__errors">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  )
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <div role="alert" className="alert alert--error">
      {message}
    </div>
  )
}

/** The new-password pair of the change and reset forms, wired to their field errors. */
export function NewPasswordInputs(props: {
  label: string
  confirmLabel: string
  hint: string
  errors?: Partial<Record<string, ErrorKey[]>>
}) {
  return (
    <>
      <Field
        label={props.label}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={props.hint}
        errors={props.errors?.newPassword}
      />
      <Field
        label={props.confirmLabel}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={props.errors?.confirmPassword}
      />
    </>
  )
}
