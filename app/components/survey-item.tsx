import { useTranslation } from "react-i18next"
import type { Bilingual, InstrumentItem } from "~/domain/content-schema"
import { DONT_KNOW } from "~/domain/scoring"
import type { Language } from "~/domain/vocabulary"

/** A likert or knowledge item as the browser gets it: a knowledge item comes without its key. */
type AnswerableItem =
  | Extract<InstrumentItem, { kind: "likert" }>
  | Omit<Extract<InstrumentItem, { kind: "knowledge" }>, "correct">

type SurveyItemProps = {
  item: AnswerableItem
  number: number
  lang: Language
  scale: Bilingual[]
  dontKnow: Bilingual
  /** the form value to show as chosen ("3", "b", "dont_know") */
  value: string | undefined
  error?: string
}

/** One item as a real radio group: a fieldset whose legend is the statement or question. */
export function SurveyItem({ item, number, lang, scale, dontKnow, value, error }: SurveyItemProps) {
  const { t } = useTranslation("survey")
  const errorId = `${item.id}-error`
  const hintId = `${item.kind}-hint`
  const options =
    item.kind === "likert"
      ? scale.map((label, i) => ({ value: String(i + 1), label: label[lang] }))
      : [
          ...item.options.map((o) => ({ value: o.id, label: o.text[lang] })),
          { value: DONT_KNOW, label: dontKnow[lang] },
        ]
  return (
    <fieldset
      className={`survey-item survey-item--${item.kind}`}
      aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        <span className="survey-item__number">
          {t(item.kind === "likert" ? "page.statement" : "page.question", { n: number })}
        </span>{" "}
        {item.text[lang]}
      </legend>
      {error ? (
        <p id={errorId} className="field__errors">
          {error}
        </p>
      ) : null}
      <div className="survey-item__options">
        {options.map((option) => (
          <label key={option.value} className="survey-option">
            <input type="radio" name={item.id} value={option.value} defaultChecked={value === option.value} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

type ToolListProps = {
  items: { id: string; text: Bilingual }[]
  legend: string
  lang: Language
  /** the ids ticked now */
  checked: Set<string>
}

/** The "which AI tools do you use" question: one group of checkboxes; an unticked box sends nothing. */
export function ToolList({ items, legend, lang, checked }: ToolListProps) {
  return (
    <fieldset className="survey-item survey-item--tools">
      <legend>{legend}</legend>
      <div className="survey-item__options">
        {items.map((item) => (
          <label key={item.id} className="survey-option">
            <input type="checkbox" name={item.id} value="1" defaultChecked={checked.has(item.id)} />
            <span>{item.text[lang]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
