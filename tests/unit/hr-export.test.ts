import { expect, test } from "vitest"
import {
  buildUnitLookup,
  parseCsvText,
  readHeader,
  resolveUnit,
  validateImportRows,
} from "~/domain/admin-people-import"
import { jobFamilyForTitle, jobTitleTable, TEMPLATE_HEADER } from "~/domain/hr-export"
import { unitNameKey } from "~/domain/unit-names"

const units = buildUnitLookup([
  { id: 1, code: "RDEMO", name: "Region Demo", parentId: null, isRetired: false },
  { id: 2, code: "NOR", name: "Nordhavn Hospital", parentId: 1, isRetired: false },
  { id: 3, code: "SKO", name: "Skovbrynet Hospital", parentId: 1, isRetired: false },
  { id: 4, code: "NOR-AKM", name: "Akutmodtagelsen", parentId: 2, isRetired: false },
  { id: 5, code: "SKO-AKM", name: "Akutmodtagelsen", parentId: 3, isRetired: false },
  { id: 6, code: "NOR-RAD", name: "Radiologisk Afdeling", parentId: 2, isRetired: false },
])

function importOf(csv: string, titles = jobTitleTable([]), choices: ReadonlyMap<string, number> = new Map()) {
  const parsed = parseCsvText(csv)
  if (!parsed.ok) throw new Error("parse")
  const header = readHeader(parsed.header)
  if (!header.ok) return { header, rows: [], errors: [], ambiguous: [] }
  return { header, ...validateImportRows(parsed.records, header.columns, units, titles, choices) }
}

test("a Danish HR export with Fornavn, Efternavn, Afdeling and Stilling is read", () => {
  const result = importOf(
    "Medarbejdernummer;Fornavn;Efternavn;E-mail;Afdeling;Stilling\n" +
      "100234;Mette;Kjær;mette@example.dk;Radiologisk Afdeling;Overlæge, radiologi\n" +
      "100235;Jens;Ørum;jens@example.dk;NOR-AKM;Sygeplejerske\n",
  )
  expect(result.errors).toEqual([])
  expect(result.rows).toMatchObject([
    { name: "Mette Kjær", unitId: 6, jobFamily: "doctor", employeeId: "100234" },
    { name: "Jens Ørum", unitId: 4, jobFamily: "nurse" },
  ])
})

test("a unit name two hospitals share is refused with the codes to choose between", () => {
  const result = importOf("Navn;E-mail;Afdeling;Stilling\nA B;a@example.dk;Akutmodtagelsen;Sygeplejerske\n")
  expect(result.errors).toEqual([
    {
      line: 2,
      reason: "unit_ambiguous",
      column: "unit",
      value: "NOR-AKM (Akutmodtagelsen), SKO-AKM (Akutmodtagelsen)",
    },
  ])
})

test("an unknown job title names the title; the admin's table makes it known", () => {
  const csv = "Navn;E-mail;Afdeling;Stilling\nA B;a@example.dk;NOR-AKM;Klinisk kodningsspecialist\n"
  expect(importOf(csv).errors).toMatchObject([{ reason: "job_title", value: "Klinisk kodningsspecialist" }])
  const own = jobTitleTable([{ title: "Klinisk  Kodningsspecialist", jobFamily: "administrative" }])
  expect(importOf(csv, own).rows).toMatchObject([{ jobFamily: "administrative" }])
})

test("job titles: exact, the longest known title inside, the admin's table over the defaults", () => {
  const table = jobTitleTable([{ title: "Sygeplejerske", jobFamily: "other_clinical" }])
  expect(jobFamilyForTitle("Ledende overlæge", table)).toBe("management")
  expect(jobFamilyForTitle("Overlæge, anæstesi", table)).toBe("doctor")
  expect(jobFamilyForTitle("sygeplejerske", table)).toBe("other_clinical")
  expect(jobFamilyForTitle("Social- og sundhedsassistent", table)).toBe("other_clinical")
  expect(jobFamilyForTitle("Tandlægeassistent", table)).toBeNull()
  expect(jobFamilyForTitle("", table)).toBeNull()
})

test("a file needs a name (or first and last name) and a job family (or a job title)", () => {
  expect(importOf("Fornavn;E-mail;Afdeling;Stilling\nA;a@example.dk;NOR;Læge\n").header).toMatchObject({
    ok: false,
    reason: "missing_columns",
    columns: ["name"],
  })
  expect(importOf("Navn;E-mail;Afdeling\nA;a@example.dk;NOR\n").header).toMatchObject({
    ok: false,
    columns: ["job_family"],
  })
})

test("the template's Danish headers are all understood", () => {
  expect(readHeader([...TEMPLATE_HEADER])).toMatchObject({ ok: true })
})

const SHARED_NAME =
  "Navn;E-mail;Afdeling;Stilling;Rolle;Leder for\n" +
  "A B;a@example.dk;Akutmodtagelsen;Sygeplejerske;;\n" +
  "C D;c@example.dk;akutmodtagelsen ;Overlæge;Leder;Akutmodtagelsen|NOR-RAD\n"

test("a shared unit name is listed once for the pick-list, with each unit's path and how many cells use it", () => {
  expect(importOf(SHARED_NAME).ambiguous).toEqual([
    {
      key: "akutmodtagelsen",
      name: "Akutmodtagelsen",
      lines: 2,
      options: [
        { id: 4, path: "Region Demo / Nordhavn Hospital / Akutmodtagelsen" },
        { id: 5, path: "Region Demo / Skovbrynet Hospital / Akutmodtagelsen" },
      ],
    },
  ])
})

test("the admin's choice for a shared name resolves it in every row and in a manager's area", () => {
  const result = importOf(SHARED_NAME, jobTitleTable([]), new Map([[unitNameKey("Akutmodtagelsen"), 5]]))
  expect(result.errors).toEqual([])
  expect(result.ambiguous).toEqual([])
  expect(result.rows).toMatchObject([
    { unitId: 5, role: null },
    { unitId: 5, role: "manager", area: [5, 6] },
  ])
  expect(result.rows[0]).not.toHaveProperty("area")
})

test("a choice that is not one of the units with that name resolves nothing", () => {
  const result = importOf(SHARED_NAME, jobTitleTable([]), new Map([[unitNameKey("Akutmodtagelsen"), 6]]))
  expect(result.errors.map((e) => e.reason)).toEqual(["unit_ambiguous", "unit_ambiguous", "unit_ambiguous"])
  expect(result.ambiguous).toHaveLength(1)
})

test("a manager's area needs the manager role on the same row; an unknown or retired unit in it is named", () => {
  const result = importOf(
    "Navn;E-mail;Afdeling;Stilling;Rolle;Leder for\n" +
      "A B;a@example.dk;NOR-AKM;Sygeplejerske;Medarbejder;NOR-AKM\n" +
      "C D;c@example.dk;NOR-AKM;Overlæge;;NOR-RAD\n" +
      "E F;e@example.dk;NOR-AKM;Overlæge;Leder; | Ingen Afdeling\n",
  )
  expect(result.errors.map((e) => [e.line, e.reason, e.column, e.value])).toEqual([
    [2, "area_not_manager", "manager_area", "Medarbejder"],
    [3, "area_not_manager", "manager_area", ""],
    [4, "unit_unknown", "manager_area", "Ingen Afdeling"],
  ])
  expect(resolveUnit(units, "NOR-RAD", new Map())).toMatchObject({ ok: true, unit: { id: 6 } })
})
