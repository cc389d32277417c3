// Answers the questions a quiz attempt drew, as a learner would: the page shows five questions of the pool in a
// drawn order with shuffled options, and the test finds each one by its text in the module file.
import type { Page } from "@playwright/test"

type Text = { da: string; en: string }
export type QuizQuestionFile = {
  id: string
  text: Text
  options: { id: string; text: Text }[]
  correct: string[]
}

/** Answers every shown question, all right or one wrong option each; returns the question ids in shown order. */
export async function answerDrawnQuiz(
  page: Page,
  questions: QuizQuestionFile[],
  lang: "da" | "en",
  labels: { question: string; submit: string },
  allRight: boolean,
) {
  const groups = page.getByRole("group")
  // count only once the form is there (after a retry link the page may still be loading)
  await groups.first().waitFor()
  const count = await groups.count()
  const shown: string[] = []
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i)
    const legend = (await group.locator("legend").innerText()).trim()
    const q = questions.find((x) => legend === `${labels.question} ${i + 1}: ${x.text[lang]}`)
    if (!q) throw new Error(`no question in the module file reads "${legend}"`)
    shown.push(q.id)
    const chosen = allRight ? q.correct : [q.options.find((o) => !q.correct.includes(o.id))!.id]
    for (const id of chosen)
      await group.getByLabel(q.options.find((o) => o.id === id)!.text[lang], { exact: true }).check()
  }
  await page.getByRole("button", { name: labels.submit }).click()
  return shown
}
