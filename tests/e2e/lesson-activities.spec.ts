// A lesson with objectives, a figure, a decision case and an exercise (issue 14), with and without JavaScript.
import { expect, expectAccessible, test } from "./fixtures"

const LESSON = "/learn/modules/evaluation-advanced/lessons/auc-and-calibration"

test("lessons show objectives, figures with text alternatives, a case and an exercise, and pass axe", async ({
  page,
  signIn,
  errors,
}) => {
  await signIn({ jobFamily: "it_data", language: "en" })
  await page.goto(LESSON)
  const objectives = page.getByRole("region", { name: "After this lesson you can" })
  await expect(objectives.getByRole("listitem")).toHaveCount(3)
  await expect(objectives).toContainText("You can read a ROC curve")

  const roc = page.getByRole("figure", { name: /ROC curve/ }).first()
  await expect(page.getByRole("img", { name: /ROC curve of a model/ })).toBeVisible()
  await expect(page.getByRole("img", { name: /Calibration plot/ })).toBeVisible()
  await expect(roc).toBeVisible()
  await page.getByText("The figure described in text").first().click()
  await expect(page.getByText(/A chart with 1 minus specificity/)).toBeVisible()

  await expectAccessible(page)

  await page.goto("/learn/modules/evaluation-advanced/lessons/local-validation")
  const exercise = page.getByRole("region", { name: "Exercise: Plan a silent trial" })
  await expect(exercise).toContainText("About 20 minutes")
  await expect(exercise.getByText(/defines the outcome independently/)).toBeHidden()
  await exercise.getByText("What a good answer contains").click()
  await expect(exercise.getByText(/defines the outcome independently/)).toBeVisible()
  await expectAccessible(page)

  await page.goto(LESSON)

  const decision = page.getByRole("region", { name: /Case: A readmission model/ })
  await decision.getByLabel(/To set the threshold from your own data/).check()
  await decision.getByRole("button", { name: "See feedback on my choice" }).click()
  await expect(decision.getByRole("status")).toContainText("That is the best choice.")
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test("a citizen lesson shows objectives and the figure with its text alternative, and passes axe", async ({
  page,
}) => {
  await page.goto("/citizen/evaluation-foundation/how-good-is-the-ai")
  await expect(
    page.getByRole("region", { name: "Det kan du efter lektionen" }).getByRole("listitem"),
  ).toHaveCount(3)
  await expect(
    page.getByRole("img", { name: /Krydstabel: AI-værktøj på 1\.000 røntgenbilleder/ }),
  ).toBeVisible()
  await page.getByText("Figuren beskrevet i tekst").click()
  await expect(page.getByText(/En tabel med to rækker og to kolonner/)).toBeVisible()
  await expect(page.getByRole("button", { name: "Se feedback på mit valg" })).toHaveCount(0)
  await expectAccessible(page)
})

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false })

  test("a case is answered by posting the choice, and its feedback shows only after choosing", async ({
    page,
    signIn,
  }) => {
    await signIn({ jobFamily: "it_data", language: "da" })
    await page.goto(LESSON)
    const decision = page.getByRole("region", { name: /Case: En genindlæggelsesmodel/ })
    await expect(decision.getByRole("status")).toHaveCount(0)
    await expect(decision.getByText(/AUC siger, at modellen stadig rangerer/)).toHaveCount(0)

    await decision.getByLabel(/At gå i gang med tærsklen fra studiet/).check()
    await decision.getByRole("button", { name: "Se feedback på mit valg" }).click()
    const answered = page.getByRole("region", { name: /Case: En genindlæggelsesmodel/ })
    await expect(answered.getByRole("status")).toContainText("Det er ikke det bedste valg.")
    await expect(answered.getByRole("status")).toContainText("AUC siger, at modellen stadig rangerer")
    await expect(answered.getByLabel(/At gå i gang med tærsklen fra studiet/)).toBeChecked()

    // every choice's feedback, the best one marked, behind a disclosure
    await answered.getByText("Feedback på alle valgmuligheder").click()
    await expect(answered.getByText(/\(bedste valg\)/)).toBeVisible()
  })
})
