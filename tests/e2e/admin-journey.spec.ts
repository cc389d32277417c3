import { randomUUID } from "node:crypto"
import { createPerson, DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures"

// Each test signs in as an admin of its own (with an authenticator of its own), and what it imports and creates
// carries this run's key in its employee numbers, e-mails and names, so the journeys run again on the same database.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const HEADER = "employee_id;name;email;unit;job_family;role;language"
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8")

test("the admin imports staff, fixes a bad row, makes a manager with a scope and opens a cycle for one hospital", async ({
  page,
  errors,
}) => {
  test.slow() // a long journey with a dozen accessibility scans, on a shared machine
  const key = randomUUID().slice(0, 8)
  const cycle = `Nordhavn forår ${key}`
  const soren = `soren.${key}@nordhavn.example.dk`
  const admin = await createPerson({ role: "admin", password: DEMO_PASSWORD })
  await login(page, admin.email, DEMO_PASSWORD, { totpSecret: admin.totpSecret })
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Administration" })
    .click()
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible()
  await expectAccessible(page)

  // Import with one bad row: the error is listed by line, nothing is written.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Import" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Import af personer" })).toBeVisible()
  await expectAccessible(page)
  const rows = [
    `E2E${key}1;Søren Ærbø;${soren};NOR-AKM;nurse;;da`,
    `E2E${key}2;Birthe Bøgh;birthe.${key}@nordhavn.example.dk;NOR-NOPE;Læge;;da`,
    `E2E${key}3;Zainab Kaya;zainab.${key}@skovbrynet.example.dk;SKO-INT;nurse;;en`,
  ]
  await page
    .getByLabel("CSV-fil")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: csv(rows) })
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await expect(page.getByRole("alert")).toContainText("Filen har 1 fejl. Intet er gemt.")
  const errorTable = page.getByRole("table", { name: "Fejl i filen" })
  await expect(
    errorTable.getByRole("row", { name: /^3 Afdeling Afdelingen "NOR-NOPE" findes ikke/ }),
  ).toBeVisible()
  await expectAccessible(page)

  // Fixed: the preview counts, then the import.
  rows[1] = `E2E${key}2;Birthe Bøgh;birthe.${key}@nordhavn.example.dk;NOR-KAR;Læge;;da`
  await page
    .getByLabel("CSV-fil")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: csv(rows) })
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await expect(page.getByText("3 rækker: 3 nye, 0 ændres, 0 uændrede.")).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Importér" }).click()
  await expect(page.getByRole("status")).toHaveText(
    "Importen er gemt: 3 nye, 0 ændrede, 0 uændrede, 0 deaktiverede.",
  )

  // The imported person becomes a manager of Nordhavn Hospital.
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Personer" })
    .click()
  // by e-mail: earlier runs imported a Søren Ærbø of their own
  await page.getByLabel("Søg på navn, e-mail eller medarbejdernummer").fill(soren)
  await page.getByRole("button", { name: "Søg" }).click()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Søren Ærbø" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Søren Ærbø" })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Rolle", { exact: true }).selectOption("manager")
  await page.getByRole("button", { name: "Gem rolle og enhed" }).click()
  await expect(page.getByRole("status")).toHaveText("Rolle og enhed er gemt.")
  await page.getByLabel("Enhed", { exact: true }).last().selectOption({ label: "– Nordhavn Hospital (NOR)" })
  await page.getByRole("button", { name: "Tilføj lederområde" }).click()
  await expect(page.getByRole("table", { name: "Enheder, personen er leder for" })).toContainText(
    "Nordhavn Hospital (NOR)",
  )

  // A one-time reset link to hand over, since imported people have no password yet.
  await page.getByRole("button", { name: "Lav nulstillingslink" }).click()
  const link = await page.locator(".reset-link").textContent()
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/)
  await expectAccessible(page)

  // A cycle for Nordhavn Hospital only.
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Målerunder" })
    .click()
  await expectAccessible(page)
  await page.getByLabel("Navn").fill(cycle)
  // Dates a month and more before today, whatever today is.
  await page.getByLabel("Åbner").fill(day(-60))
  await page.getByLabel("Lukker").fill(day(-30))
  await page.getByRole("group", { name: "Enheder, der måles" }).getByLabel("Nordhavn Hospital (NOR)").check()
  await page.getByRole("button", { name: "Opret målerunde" }).click()
  await expect(page.getByRole("heading", { level: 1, name: cycle })).toBeVisible()
  await expect(page.getByText(/Hvis runden åbnes nu, inviteres \d+ personer\./)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("button", { name: "Åbn målerunden" }).click()
  await expect(page.getByRole("status")).toHaveText("Målerunden er åbnet.")
  // Its dates lie in the past: opened, but employees can no longer answer it.
  await expect(page.getByRole("definition").filter({ hasText: "lukkedatoen er passeret" })).toBeVisible()
  const participation = page.getByRole("table", { name: "Deltagelse pr. enhed (inkl. underenheder)" })
  // Nordhavn's new nurse and doctor are invited with the rest of the hospital; Skovbrynet is not in the cycle.
  await expect(participation.getByRole("row", { name: /^Nordhavn Hospital \d+ færre end 5$/ })).toBeVisible()
  await expect(
    participation.getByRole("row", { name: /^Klinisk Etisk Enhed færre end 5 færre end 5$/ }),
  ).toBeVisible()
  await expect(participation).not.toContainText("Skovbrynet")
  await expect(participation).not.toContainText("Intensiv Afdeling")
  await expectAccessible(page)

  // The rest of the admin pages pass axe too.
  const adminNav = page.getByRole("navigation", { name: "Administration" })
  await adminNav.getByRole("link", { name: "Organisation", exact: true }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole("link", { name: "Redigér Akutmodtagelsen" }).first().click()
  await expect(page.getByRole("heading", { level: 2, name: "Redigér Akutmodtagelsen" })).toBeVisible()
  await expectAccessible(page)
  await adminNav.getByRole("link", { name: "Indhold", exact: true }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Indhold" })).toBeVisible()
  await expectAccessible(page)

  // The audit log shows who did what.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Log" }).click()
  await page.getByLabel("Handling", { exact: true }).selectOption("cycle.open")
  await page.getByRole("button", { name: "Vis" }).click()
  await expect(
    page.getByRole("table", { name: "Administrative handlinger og logins, nyeste først" }),
  ).toContainText(admin.name)
  await expectAccessible(page)

  // The new manager sets a password with the link and logs in.
  await page.getByRole("button", { name: "Log ud" }).click()
  await page.goto(link!)
  await expect(page.getByRole("heading", { level: 1, name: "Vælg en ny adgangskode" })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel("Ny adgangskode").fill("en lang og god adgangssætning")
  await page.getByLabel("Gentag adgangskoden").fill("en lang og god adgangssætning")
  await page.getByRole("button", { name: "Gem adgangskode" }).click()
  await expect(page.getByRole("status")).toHaveText("Din adgangskode er gemt. Du kan nu logge ind.")
  await login(page, soren, "en lang og god adgangssætning")
  await expect(page.getByText("Du er leder for 1 organisatorisk enhed.")).toBeVisible()
  // Not an admin: the admin pages are closed.
  const response = await page.goto("/admin")
  expect(response?.status()).toBe(403)
  expect(errors).toEqual([])
})

test("the import works without JavaScript, and a formula cell is refused", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" })
  const page = await context.newPage()
  const key = randomUUID().slice(0, 8)
  const admin = await createPerson({ role: "admin", password: DEMO_PASSWORD })
  await login(page, admin.email, DEMO_PASSWORD, { totpSecret: admin.totpSecret })
  await page.goto("/admin/import")
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "nojs.csv",
    mimeType: "text/csv",
    buffer: csv([`NOJS${key};=CMD|' /C calc'!A0;nojs.${key}@example.dk;NOR-AKM;nurse;;`]),
  })
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await expect(page.getByRole("table", { name: "Fejl i filen" })).toContainText("kunne køre som en formel")
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "nojs.csv",
    mimeType: "text/csv",
    buffer: csv([`NOJS${key};Ingen Javascript;nojs.${key}@example.dk;NOR-AKM;nurse;;`]),
  })
  await page.getByRole("button", { name: "Kontrollér filen" }).click()
  await page.getByRole("button", { name: "Importér" }).click()
  await expect(page.getByRole("status")).toContainText("Importen er gemt: 1 nye")
  await context.close()
})
