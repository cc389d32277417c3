import { Form } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import type { InstructionContent } from "~/domain/local-instruction"
import { type InstructionErrors, OPTION_SLOTS, QUESTION_SLOTS } from "~/utils/instruction-forms"

type Errors = InstructionErrors

/** A labelled text input or textarea with its errors wired by aria-describedby (translated in "register"). */
function TextField(props: {
  name: string
  label: string
  value?: string
  errors?: Errors
  multiline?: boolean
  required?: boolean
}) {
  const { t } = useTranslation("register")
  const id = `i-${props.name}`
  const errors = props.errors?.[props.name]
  const common = {
    id,
    name: props.name,
    defaultValue: props.value,
    required: props.required,
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": errors ? `${id}-error` : undefined,
  }
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? <textarea rows={12} {...common} /> : <input {...common} />}
      {errors ? (
        <ul id={`${id}-error`} className="field__errors">
          {errors.map((e) => (
            <li key={e}>{t(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The admin's form for a local instruction: title and Markdown text in both languages, and the check quiz. */
export function InstructionForm(props: {
  values: InstructionContent | null
  errors?: Errors
  isNew: boolean
}) {
  const { t } = useTranslation("register")
  const v = props.values
  const questions = Array.from({ length: QUESTION_SLOTS }, (_, q) => q)
  const options = Array.from({ length: OPTION_SLOTS }, (_, o) => o)
  return (
    <Form method="post">
      <TextField
        name="title_da"
        label={t("instructions.titleDa")}
        value={v?.title.da}
        errors={props.errors}
        required
      />
      <TextField
        name="title_en"
        label={t("instructions.titleEn")}
        value={v?.title.en}
        errors={props.errors}
        required
      />
      <p className="field__hint">{t("instructions.markdownHint")}</p>
      <TextField
        name="body_da"
        label={t("instructions.bodyDa")}
        value={v?.body.da}
        errors={props.errors}
        multiline
      />
      <TextField
        name="body_en"
        label={t("instructions.bodyEn")}
        value={v?.body.en}
        errors={props.errors}
        multiline
      />
      <h2>{t("instructions.quiz")}</h2>
      <p>{t("instructions.quizHint")}</p>
      <TextField
        name="passMark"
        label={t("instructions.passMark")}
        value={String(Math.round((v?.quiz.passMark ?? 1) * 100))}
        errors={props.errors}
      />
      {questions.map((q) => {
        const question = v?.quiz.questions[q]
        return (
          <fieldset key={q} className="instruction-question">
            <legend>{t("instructions.question", { n: q + 1 })}</legend>
            <TextField
              name={`q${q}_da`}
              label={t("instructions.promptDa")}
              value={question?.prompt.da}
              errors={props.errors}
            />
            <TextField
              name={`q${q}_en`}
              label={t("instructions.promptEn")}
              value={question?.prompt.en}
              errors={props.errors}
            />
            {options.map((o) => (
              <div key={o} className="instruction-option">
                <TextField
                  name={`q${q}_o${o}_da`}
                  label={t("instructions.optionDa", { n: o + 1 })}
                  value={question?.options[o]?.da}
                  errors={props.errors}
                />
                <TextField
                  name={`q${q}_o${o}_en`}
                  label={t("instructions.optionEn", { n: o + 1 })}
                  value={question?.options[o]?.en}
                  errors={props.errors}
                />
              </div>
            ))}
            <div className="field">
              <label htmlFor={`i-q${q}_correct`}>{t("instructions.correct")}</label>
              <select
                id={`i-q${q}_correct`}
                name={`q${q}_correct`}
                defaultValue={String(question?.correct ?? 0)}
                aria-invalid={props.errors?.[`q${q}_correct`] ? true : undefined}
              >
                {options.map((o) => (
                  <option key={o} value={o}>
                    {t("instructions.optionN", { n: o + 1 })}
                  </option>
                ))}
              </select>
              {props.errors?.[`q${q}_correct`] ? (
                <p className="field__errors">{t("errors.correct")}</p>
              ) : null}
            </div>
          </fieldset>
        )
      })}
      {props.isNew ? null : (
        <div className="field field--checkbox">
          <input id="i-substantial" type="checkbox" name="substantial" />
          <label htmlFor="i-substantial">{t("instructions.substantial")}</label>
        </div>
      )}
      <button type="submit">{t("save")}</button>
    </Form>
  )
}
