// The AI-system register end to end: an admin writes a local instruction and registers a system that requires it
// of nurses; a nurse completes it; the hospital's manager sees the signed record and exports it (the CSV's figures
// equal the page's); another hospital's manager sees nothing of it; a module marked as changed is due again.
import { randomUUID } from "node:crypto"
import { eq } from "drizzle-orm"
import { appendRecord } from "../../app/services/training-records.server"
import { units } from "../../db/schema"
import { e2eDb, expect, expectAccessible, test } from "./fixtures"

test("admin registers a system and its instruction, a nurse completes it, managers see what is theirs", async ({
  page,
  context,
  signIn,
  errors,
}) => {
  test.slow() // four people, a dozen pages and accessibility scans, on a shared machine
  const key = randomUUID().slice(0, 6)
  const title = `Sepsis alert ${key}`
  const systemName = `Sepsis warning ${key}`

  // The admin writes the local instruction.
  await signIn({ role: "admin", jobFamily: "it_data", unit: "NOR-ITD", language: "en" })
  await page.goto("/admin/instructions/new")
  await expect(page.getByRole("heading", { level: 1, name: "Write an instruction" })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Title (Danish)").fill(`Sepsisvarsel ${key}`)
  await page.getByLabel("Title (English)").fill(title)
  await page.getByLabel("Text (Danish, Markdown)").fill("# Sådan\n\nVed score 7: ring til **lægen**.")
  await page.getByLabel("Text (English, Markdown)").fill("# How\n\nAt score 7: call the **doctor**.")
  const q1 = page.getByRole("group", { name: "Question 1" })
  await q1.getByLabel("Question (Danish)").fill("Hvad gør du ved score 7?")
  await q1.getByLabel("Question (English)").fill("What do you do at score 7?")
  await q1.getByLabel("Option 1 (Danish)").fill("Venter")
  await q1.getByLabel("Option 1 (English)").fill("Wait")
  await q1.getByLabel("Option 2 (Danish)").fill("Ringer til lægen")
  await q1.getByLabel("Option 2 (English)").fill("Call the doctor")
  await q1.getByLabel("Right answer").selectOption({ label: "Option 2" })
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("status")).toHaveText("Saved.")

  // ...and registers the system for the clinical ethics unit, requiring the instruction and a module of nurses.
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "AI systems" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "AI systems register" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Register a system" }).click()
  await page.getByLabel("Name").fill(systemName)
  await page.getByLabel("Supplier").fill("Acme Health")
  await page.getByLabel("Intended purpose").fill("Warn nurses of likely sepsis")
  await page.getByLabel("Contact person").fill("Clinical IT")
  await page.getByRole("checkbox", { name: /Klinisk Etisk Enhed/ }).check()
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible()
  const systemId = Number(new URL(page.url()).pathname.split("/").at(-1))
  await expectAccessible(page)
  for (const training of [title, "Data and AI: the basics"]) {
    const option = page.getByLabel("Training").locator("option", { hasText: training }).first()
    await page.getByLabel("Training").selectOption((await option.getAttribute("value"))!)
    await page.getByLabel("Job family").selectOption({ label: "Nurse" })
    await page.getByLabel(/Refresh after/).fill("")
    await page.getByRole("button", { name: "Add requirement" }).click()
    await expect(page.getByRole("status")).toHaveText("Saved.")
    // Saved, and listed: the status of the previous one alone would let the next add start before this one landed.
    await expect(page.getByRole("listitem").filter({ hasText: `Nurse: ${training}` })).toBeVisible()
  }

  // A nurse of that unit, who completed the module earlier, sees what is required above her suggested modules.
  await context.clearCookies()
  const nurse = await signIn({ unit: "NOR-ETK", jobFamily: "nurse", language: "en" })
  appendRecord(
    { personId: nurse.id, moduleSlug: "data-foundation", score: 1, completedAt: new Date() },
    e2eDb(),
  )
  await page.goto("/learn")
  const required = page.getByRole("region", { name: "Required for your work" })
  await expect(required).toContainText("Your manager can see whether you have completed it")
  await expect(required.getByRole("listitem").filter({ hasText: title })).toContainText("Due by")
  await expect(required.getByRole("listitem").filter({ hasText: "Data and AI: the basics" })).toContainText(
    "Completed",
  )
  await required.getByRole("link", { name: title }).click()
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible()
  await expectAccessible(page)
  await page
    .getByRole("group", { name: /What do you do at score 7/ })
    .getByLabel("Wait")
    .check()
  await page.getByRole("button", { name: "Submit answers" }).click()
  await expect(page.getByRole("alert")).toContainText("Not passed: 0 of 1 right")
  await page
    .getByRole("group", { name: /What do you do at score 7/ })
    .getByLabel("Call the doctor")
    .check()
  await page.getByRole("button", { name: "Submit answers" }).click()
  await expect(page.getByRole("status")).toContainText("Passed: 1 of 1 right")
  const code = (await page.getByRole("status").getByRole("link").textContent())!.match(
    /[A-Z2-9]{4}(-[A-Z2-9]{4}){3}/,
  )![0]

  // The hospital's manager sees the record on the evidence page and exports the same figures.
  await context.clearCookies()
  await signIn({ role: "manager", jobFamily: "management", unit: "NOR", manages: ["NOR"], language: "en" })
  await page.goto("/register")
  await expect(page.getByRole("link", { name: systemName })).toBeVisible()
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Training evidence" })
    .click()
  await page.getByLabel("System").selectOption({ label: systemName })
  await page.getByRole("button", { name: "Show" }).click()
  await expectAccessible(page)
  const personRow = page
    .getByRole("table", { name: "Per person" })
    .getByRole("row")
    .filter({ hasText: title })
  await expect(personRow).toContainText(nurse.name)
  await expect(personRow).toContainText("Completed")
  await expect(personRow).toContainText(code)
  const totals = page
    .getByRole("table", { name: "Coverage per system" })
    .getByRole("row", { name: systemName })
  const figures = (await totals.getByRole("cell").allTextContents()).map(Number)
  const csvResponse = await page.request.get(`/register/evidence.csv?system=${systemId}`)
  expect(csvResponse.status()).toBe(200)
  const lines = (await csvResponse.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1)
  const states = lines.map((l) => l.split(/[;,]/)[5])
  expect([
    states.length,
    ...["Completed", "Due", "Overdue"].map((s) => states.filter((x) => x === s).length),
  ]).toEqual(figures)
  expect(lines.some((l) => l.includes(code))).toBe(true)
  await page.goto(`/verify/${code}`)
  await expect(
    page.getByText("Valid: this training record was issued and signed by the hospital."),
  ).toBeVisible()

  // Another hospital's manager sees neither the system nor the unit.
  await context.clearCookies()
  await signIn({ role: "manager", jobFamily: "management", unit: "SKO", manages: ["SKO"], language: "en" })
  await page.goto("/register")
  await expect(page.getByRole("link", { name: systemName })).toHaveCount(0)
  const etk = e2eDb().select({ id: units.id }).from(units).where(eq(units.code, "NOR-ETK")).get()!.id
  expect((await page.request.get(`/register/evidence.csv?unit=${etk}`)).status()).toBe(403)

  // The admin marks the module as changed in substance: the nurse's completed module is due again.
  await context.clearCookies()
  await signIn({ role: "admin", jobFamily: "it_data", unit: "NOR-ITD", language: "en" })
  await page.goto("/register")
  await page.getByRole("combobox", { name: "Training" }).selectOption({ label: "Data and AI: the basics" })
  await page.getByRole("button", { name: "Mark as changed" }).click()
  await expect(page.getByRole("status")).toContainText("its requirements are due again")
  await context.clearCookies()
  const again = await signInAs(nurse.id)
  await again.goto("/learn")
  const item = again
    .getByRole("region", { name: "Required for your work" })
    .getByRole("listitem")
    .filter({ hasText: "Data and AI: the basics" })
  await expect(item).toContainText("Due by")
  await expect(item).toContainText("The module has changed")
  expect(errors).toEqual([])

  async function signInAs(personId: number) {
    const { createSession } = await import("../../app/services/auth.server")
    const header = createSession(personId, new Request(page.url()), e2eDb()).split(";")[0]!
    const url = new URL(page.url()).origin
    await context.addCookies([
      { name: header.slice(0, header.indexOf("=")), value: header.slice(header.indexOf("=") + 1), url },
      { name: "parat_lang", value: "en", url },
    ])
    return page
  }
})

test("a hospital manager sees their units' coverage and AI champions, and admins find the instructions", async ({
  page,
  context,
  signIn,
  errors,
}) => {
  await signIn({ role: "manager", jobFamily: "management", unit: "NOR", manages: ["NOR"], language: "en" })
  await page.goto("/register")
  await page.getByRole("link", { name: "Unit coverage" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Unit coverage" })).toBeVisible()
  await expect(page.getByRole("heading", { level: 2, name: "AI champions" })).toBeVisible()
  await expect(page.getByRole("table", { name: /Share at or above the role's target/ })).toBeVisible()
  await expectAccessible(page)
  await context.clearCookies()
  await signIn({ role: "admin", jobFamily: "it_data", unit: "NOR-ITD", language: "en" })
  await page.goto("/admin")
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Local instructions" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "Local instructions" })).toBeVisible()
  await expect(page.getByRole("link", { name: "The sepsis alert on your ward" })).toBeVisible()
  await expectAccessible(page)
  expect(errors).toEqual([])
})
