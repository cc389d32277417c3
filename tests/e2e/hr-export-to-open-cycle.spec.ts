import { expect, expectAccessible, test } from "./fixtures"

// The admin's whole way from a typical Danish HR export to an open survey cycle, timed (the time is reported, never
// asserted: see the README's "From an HR export to an open cycle").
const RUN = Date.now().toString(36)
const UNIT = `Flowafdelingen ${RUN}`
const CODE = `VES-FLOW-${RUN}`.toUpperCase()
const TITLES = [
  "Sygeplejerske",
  "Overlæge, neurologi",
  "Lægesekretær",
  "Social- og sundhedsassistent",
  "Fysioterapeut",
]

/** 20 people as an HR system writes them: Danish headers, semicolons, first and last names, a unit by name. */
function hrExport(extraTitle: string) {
  const lines = ["Medarbejdernummer;Fornavn;Efternavn;E-mail;Afdeling;Stilling"]
  for (let i = 1; i <= 20; i++) {
    const title = i === 20 ? extraTitle : TITLES[i % TITLES.length]
    lines.push(`F${RUN}${i};Person${i};Østergård;flow.${RUN}.${i}@vestkysten.example.dk;${UNIT};${title}`)
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8")
}

test("from a Danish HR export to an open cycle, through the admin's pages", async ({
  page,
  errors,
  signIn,
}) => {
  const started = Date.now()
  const admin = await signIn({ role: "admin" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: `Hej, ${admin.name}` })).toBeVisible()

  // 1. The department exists in Parat (HR's Afdeling names it).
  await page.goto("/admin/units")
  const addUnit = page.locator("form").filter({ has: page.getByRole("button", { name: "Opret enhed" }) })
  await addUnit.getByLabel("Navn").fill(UNIT)
  await addUnit.getByLabel("Kode").fill(CODE)
  await addUnit.getByLabel("Type").selectOption({ label: "Afdeling" })
  await addUnit.getByLabel("Overordnet enhed").selectOption({ label: "– Vestkysten Hospital (VES)" })
  await addUnit.getByRole("button", { name: "Opret enhed" }).click()
  await expect(page.getByRole("status")).toBeVisible()

  // 2. The template, then the HR export: one job title Parat does not know yet.
  await page.goto("/admin/import")
  const template = page.waitForEvent("download")
  await page.getByRole("link", { name: "Hent skabelon (CSV med danske overskrifter)" }).click()
  expect((await template).suggestedFilename()).toBe("parat-personer-skabelon.csv")
  const file = (title: string) => ({ name: "hr-udtraek.csv", mimeType: "text/csv", buffer: hrExport(title) })
  await page.getByLabel("CSV-fil").setInputFiles(file("Klinisk kodningsspecialist"))
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await expect(page.getByRole("alert")).toContainText("Filen har 1 fejl. Intet er gemt.")
  await expect(
    page
      .getByRole("table", { name: "Fejl i filen" })
      .getByRole("row", { name: /^21 Stilling Stillingen "Klinisk kodningsspecialist"/ }),
  ).toBeVisible()

  // 3. The admin maps the new title to a job family, and checks the file again.
  await page.getByLabel("Stilling", { exact: true }).fill("Klinisk kodningsspecialist")
  await page.getByLabel("Faggruppe", { exact: true }).selectOption({ label: "Administration" })
  await page.getByRole("button", { name: "Gem stilling" }).click()
  await expect(page.getByRole("status")).toHaveText("Stillingen er gemt.")
  await page.getByLabel("CSV-fil").setInputFiles(file("Klinisk kodningsspecialist"))
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await expect(page.getByText("20 rækker: 20 nye, 0 ændres, 0 uændrede.")).toBeVisible()
  const sample = page.getByRole("table", { name: "De første 10 personer, som Parat læser dem" })
  await expect(sample.getByRole("row", { name: /Person1 Østergård .* Flowafdelingen .* Læge/ })).toBeVisible()
  await expect(sample.getByRole("row", { name: /Person2 Østergård .* Administration/ })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Importér" }).click()
  await expect(page.getByRole("status").first()).toHaveText(
    "Importen er gemt: 20 nye, 0 ændrede, 0 uændrede, 0 deaktiverede.",
  )

  // 4. A cycle for the department, opened.
  await page.goto("/admin/cycles")
  await page.getByLabel("Navn").fill(`Flow ${RUN}`)
  await page.getByLabel("Måling").selectOption({ index: 0 })
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  await page.getByLabel("Åbner").fill(day(-1))
  await page.getByLabel("Lukker").fill(day(21))
  await page.getByRole("group", { name: "Enheder, der måles" }).getByLabel(`${UNIT} (${CODE})`).check()
  await page.getByRole("button", { name: "Opret målerunde" }).click()
  await page.getByRole("button", { name: "Åbn målerunden" }).click()
  await expect(page.getByRole("status")).toHaveText("Målerunden er åbnet.")
  await expect(page.getByRole("definition").filter({ hasText: "Åben, tager imod svar" })).toBeVisible()

  test
    .info()
    .annotations.push({ type: "machine time (s)", description: ((Date.now() - started) / 1000).toFixed(1) })
  expect(errors).toEqual([])
})

test("Danish admin pages speak Danish: counts, the survey's name, the person's cycles", async ({
  page,
  signIn,
}) => {
  await signIn({ role: "admin" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
  await page.goto("/admin")
  await expect(page.getByRole("main")).not.toContainText(/\b1 åbne målerunder/)
  await page.goto("/admin/cycles")
  await expect(page.getByLabel("Måling").locator("option").first()).toHaveText(
    /^AI-parathedsmåling, version \d+$/,
  )
  await page.goto("/admin/people?q=learner.one%40parat.test")
  await page.getByRole("link", { name: "Lone Læring" }).click()
  await expect(page.getByRole("main")).not.toContainText("undersøgelser")
  await expect(page.getByText("Åbne målerunder, personen kan besvare")).toBeVisible()
})
