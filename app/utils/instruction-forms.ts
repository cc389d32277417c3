// The local instruction's admin form: fixed slots for up to five questions of up to four options each, so the
// form works without JavaScript. Empty slots are left out; what remains is checked by the domain's zod schema.
import { z } from "zod"
import { InstructionContent } from "~/domain/local-instruction"

export const QUESTION_SLOTS = 5
export const OPTION_SLOTS = 4

const str = (form: FormData, key: string) => {
  const v = form.get(key)
  return typeof v === "string" ? v.trim() : ""
}

/** The instruction form's error messages: keys of the "register" namespace. */
export type InstructionErrorKey =
  | "errors.bilingual"
  | "errors.options"
  | "errors.correct"
  | "errors.questions"
  | "errors.passMark"
  | "errors.required"
export type InstructionErrors = Partial<Record<string, InstructionErrorKey[]>>

export type InstructionFormResult =
  | { ok: true; content: InstructionContent; isSubstantial: boolean }
  | { ok: false; errors: InstructionErrors }

/** Reads the form into an instruction; a field's errors are keyed by its name (title_da, q1_correct...). */
export function instructionFromForm(form: FormData): InstructionFormResult {
  const errors: InstructionErrors = {}
  const questions = []
  for (let q = 0; q < QUESTION_SLOTS; q++) {
    const prompt = { da: str(form, `q${q}_da`), en: str(form, `q${q}_en`) }
    const options = []
    for (let o = 0; o < OPTION_SLOTS; o++) {
      const option = { da: str(form, `q${q}_o${o}_da`), en: str(form, `q${q}_o${o}_en`) }
      if (option.da || option.en) options.push({ option, slot: o })
    }
    if (!prompt.da && !prompt.en && options.length === 0) continue
    const correctSlot = Number(str(form, `q${q}_correct`))
    const correct = options.findIndex((o) => o.slot === correctSlot)
    if (!prompt.da || !prompt.en) errors[`q${q}_da`] = ["errors.bilingual"]
    if (options.length < 2 || options.some((o) => !o.option.da || !o.option.en))
      errors[`q${q}_o0_da`] = ["errors.options"]
    if (correct < 0) errors[`q${q}_correct`] = ["errors.correct"]
    questions.push({ prompt, options: options.map((o) => o.option), correct: Math.max(correct, 0) })
  }
  if (questions.length === 0) errors.q0_da = ["errors.questions"]
  const passMark = z.coerce.number().int().min(50).max(100).safeParse(str(form, "passMark"))
  if (!passMark.success) errors.passMark = ["errors.passMark"]
  const content = {
    title: { da: str(form, "title_da"), en: str(form, "title_en") },
    body: { da: str(form, "body_da"), en: str(form, "body_en") },
    quiz: { questions, passMark: passMark.success ? passMark.data / 100 : 1 },
  }
  const parsed = InstructionContent.safeParse(content)
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [head, lang] = issue.path
      if (head === "title" || head === "body")
        errors[`${head}_${String(lang ?? "da")}`] ??= ["errors.required"]
    }
  if (Object.keys(errors).length > 0 || !parsed.success)
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { title_da: ["errors.required"] } }
  return { ok: true, content: parsed.data, isSubstantial: form.get("substantial") === "on" }
}

/** The learner's answers: "a<question>" -> option index. */
export function answersFromForm(form: FormData): Map<number, number> {
  const answers = new Map<number, number>()
  for (const [key, value] of form) {
    const m = /^a(\d{1,2})$/.exec(key)
    if (!m || typeof value !== "string" || !/^\d$/.test(value)) continue
    answers.set(Number(m[1]), Number(value))
  }
  return answers
}
