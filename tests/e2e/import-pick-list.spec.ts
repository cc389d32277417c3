import { eq } from "drizzle-orm"
import { managerScopes, people, units } from "../../db/schema"
import { ensureUnit } from "../../scripts/seed/factories"
import { e2eDb, expect, expectAccessible, test } from "./fixtures"

// Issue 17: a unit name that several units share gets a pick-list in the people import, and the import sets a
// manager's area (Leder for). Once with JavaScript (with an axe scan of the pick-list) and once without, where
// only the plain forms carry the staged file and the choice from step to step.

/** Two departments of the same name, at Nordhavn and at Skovbrynet, for this test alone. */
function twoUnitsNamed(name: string, run: string) {
  const db = e2eDb()
  const parent = (code: string) =>
    db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
  const nor = ensureUnit(db, { code: `NOR-PICK-${run}`, name, kind: "department", parentId: parent("NOR") })
  const sko = ensureUnit(db, { code: `SKO-PICK-${run}`, name, kind: "department", parentId: parent("SKO") })
  return { nor, sko }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled })

    test("the admin picks the unit a shared name means, and the import sets the manager's area", async ({
      page,
      signIn,
      errors,
    }) => {
      const run = `${Date.now().toString(36)}${javaScriptEnabled ? "j" : "n"}`.toUpperCase()
      const name = `Fælles Afsnit ${run}`
      const { sko } = twoUnitsNamed(name, run)
      const email = (who: string) => `pick.${who}.${run.toLowerCase()}@hospital.example.dk`
      const csv =
        "Fornavn;Efternavn;E-mail;Afdeling;Stilling;Rolle;Leder for\r\n" +
        `Pia;Plukker;${email("pia")};${name};Sygeplejerske;;\r\n` +
        `Lars;Leder;${email("lars")};${name};Afdelingsleder;Leder;${name}\r\n`
      await signIn({ role: "admin" })
      await page.goto("/admin/import")
      await page
        .getByLabel("CSV-fil")
        .setInputFiles({ name: "hr.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") })
      await page.getByRole("button", { name: "Kontrollér filen" }).click()

      await expect(page.getByRole("heading", { level: 2, name: "Vælg enheder til hr.csv" })).toBeVisible()
      const choice = page.getByLabel(`Enheden "${name}"`)
      await expect(page.getByText("Står på 2 rækker i filen.")).toBeVisible()
      await expect(choice.getByRole("option")).toHaveText([
        "Vælg enhed",
        `Region Demo / Nordhavn Hospital / ${name}`,
        `Region Demo / Skovbrynet Hospital / ${name}`,
      ])
      if (javaScriptEnabled) await expectAccessible(page)
      await choice.selectOption({ label: `Region Demo / Skovbrynet Hospital / ${name}` })
      await page.getByRole("button", { name: "Fortsæt med disse enheder" }).click()

      await expect(page.getByText("2 rækker: 2 nye, 0 ændres, 0 uændrede.")).toBeVisible()
      const sample = page.getByRole("table", { name: "De første 2 personer, som Parat læser dem" })
      await expect(sample.getByRole("columnheader", { name: "Leder for" })).toBeVisible()
      await expect(sample.getByRole("row", { name: /Lars Leder/ })).toContainText(name)
      await page.getByRole("button", { name: "Importér" }).click()
      await expect(page.getByRole("status").first()).toHaveText(
        "Importen er gemt: 2 nye, 0 ændrede, 0 uændrede, 0 deaktiverede.",
      )

      const db = e2eDb()
      const personOf = (who: string) =>
        db
          .select({ id: people.id, unitId: people.unitId, role: people.role })
          .from(people)
          .where(eq(people.email, email(who)))
          .get()!
      expect(personOf("pia")).toMatchObject({ unitId: sko, role: "employee" })
      const lars = personOf("lars")
      expect(lars).toMatchObject({ unitId: sko, role: "manager" })
      expect(
        db
          .select({ unitId: managerScopes.unitId })
          .from(managerScopes)
          .where(eq(managerScopes.personId, lars.id))
          .all(),
      ).toEqual([{ unitId: sko }])
      expect(errors).toEqual([])
    })
  })
}
