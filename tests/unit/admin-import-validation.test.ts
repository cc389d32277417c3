import { expect, test } from "vitest"
import {
  buildUnitLookup,
  type CsvRecord,
  decodeCsvBytes,
  detectDelimiter,
  type ExistingPerson,
  type ImportRow,
  parseCsvText,
  planImport,
  readHeader,
  validateImportRows,
} from "~/domain/admin-people-import"

const lookup = buildUnitLookup([
  { id: 1, code: "RDEMO", name: "Region Demo", parentId: null, isRetired: false },
  { id: 2, code: "NOR", name: "Nordhavn Hospital", parentId: 1, isRetired: false },
  { id: 3, code: "NOR-AKM", name: "Akutmodtagelsen", parentId: 2, isRetired: false },
  { id: 4, code: "NOR-OLD", name: "Gammel Afdeling", parentId: 2, isRetired: true },
])
const COLUMNS = ["employee_id", "name", "email", "unit", "job_family", "role", "language"] as const
const rec = (line: number, ...cells: string[]): CsvRecord => ({ line, cells })
const validate = (...records: CsvRecord[]) => validateImportRows(records, COLUMNS, lookup)
const good = (line: number, n: number) =>
  rec(line, `E${n}`, `Person ${n}`, `p${n}@hospital.dk`, "NOR-AKM", "nurse", "", "")

test("a good row is read, with unit, job family, role and language resolved", () => {
  const { rows, errors } = validate(
    rec(2, "E1", "Søren Østergaard", "Soren@Hospital.DK", "nor-akm", "Sygeplejerske", "Leder", "engelsk"),
  )
  expect(errors).toEqual([])
  expect(rows).toEqual([
    {
      line: 2,
      employeeId: "E1",
      name: "Søren Østergaard",
      email: "soren@hospital.dk",
      unitId: 3,
      jobFamily: "nurse",
      role: "manager",
      language: "en",
    },
  ])
})

test("a unit can be named by its path of names, case and spaces around the slashes ignored", () => {
  const { rows } = validate(
    rec(2, "", "A B", "a@b.dk", "region demo / Nordhavn Hospital/AKUTMODTAGELSEN", "doctor", "", ""),
  )
  expect(rows[0]?.unitId).toBe(3)
  expect(rows[0]?.employeeId).toBeNull()
  expect(rows[0]?.role).toBeNull()
})

test("every bad row is reported with its line and reason, and none of them is kept", () => {
  const { rows, errors } = validate(
    good(2, 1),
    rec(3, "E2", "", "p2@hospital.dk", "NOR-AKM", "nurse", "", ""),
    rec(4, "E3", "Ok", "not-an-email", "NOR-AKM", "nurse", "", ""),
    rec(5, "E4", "Ok", "p4@hospital.dk", "NOPE", "nurse", "", ""),
    rec(6, "E5", "Ok", "p5@hospital.dk", "NOR-OLD", "nurse", "", ""),
    rec(7, "E6", "Ok", "p6@hospital.dk", "NOR-AKM", "astronaut", "", ""),
    rec(8, "E7", "Ok", "p7@hospital.dk", "NOR-AKM", "nurse", "king", "fr"),
  )
  expect(rows.map((r) => r.line)).toEqual([2])
  expect(errors.map((e) => [e.line, e.reason, e.column])).toEqual([
    [3, "required", "name"],
    [4, "email", "email"],
    [5, "unit_unknown", "unit"],
    [6, "unit_retired", "unit"],
    [7, "job_family", "job_family"],
    [8, "role", "role"],
    [8, "language", "language"],
  ])
})

test("a formula in a name (=CMD...) is refused, as are + - @ at the start", () => {
  const { rows, errors } = validate(
    rec(2, "E1", "=CMD|' /C calc'!A0", "a@b.dk", "NOR-AKM", "nurse", "", ""),
    rec(3, "E2", "@SUM(1)", "b@b.dk", "NOR-AKM", "nurse", "", ""),
    rec(4, "-E3", "Ok", "c@b.dk", "NOR-AKM", "nurse", "", ""),
  )
  expect(rows).toEqual([])
  expect(errors.map((e) => [e.line, e.reason, e.column])).toEqual([
    [2, "formula", "name"],
    [3, "formula", "name"],
    [4, "formula", "employee_id"],
  ])
})

test("a line break, control character or bidi override in any field is refused; spaces inside a name are tidied", () => {
  const { rows, errors } = validate(
    rec(2, "E1", "Anna\nHansen", "a@b.dk", "NOR-AKM", "nurse", "", ""),
    rec(3, "E2", "Bo \u202Egnal", "b@b.dk", "NOR-AKM", "nurse", "", ""),
    rec(4, "E\u00073", "Ok", "c@b.dk", "NOR-AKM", "nurse", "", ""),
    rec(5, "E4", "Eva   Jensen", "d@b.dk", "NOR-AKM", "nurse", "", ""),
  )
  expect(errors.map((e) => [e.line, e.reason, e.column])).toEqual([
    [2, "control_characters", "name"],
    [3, "control_characters", "name"],
    [4, "control_characters", "employee_id"],
  ])
  expect(rows.map((r) => r.name)).toEqual(["Eva Jensen"])
})

test("a hyphen inside a name is fine", () => {
  expect(validate(rec(2, "", "Anne-Mette Ahmadi", "a@b.dk", "NOR", "nurse", "", "")).errors).toEqual([])
})

test("a duplicate email (in any case) or employee id in one file is an error pointing at the first line", () => {
  const { errors } = validate(
    good(2, 1),
    rec(3, "E9", "X", "P1@hospital.dk", "NOR-AKM", "nurse", "", ""),
    rec(4, "E1", "Y", "other@hospital.dk", "NOR-AKM", "nurse", "", ""),
  )
  expect(errors).toEqual([
    { line: 3, reason: "duplicate_email", column: "email", value: "p1@hospital.dk", otherLine: 2 },
    { line: 4, reason: "duplicate_employee_id", column: "employee_id", value: "E1", otherLine: 2 },
  ])
})

test("a row with too few or too many cells is an error, and overlong text is refused", () => {
  const { errors } = validate(rec(2, "E1", "Only three", "x@y.dk"), good(3, 3))
  expect(errors).toEqual([{ line: 2, reason: "column_count", value: "3" }])
  const long = validate(rec(2, "", "x".repeat(201), "a@b.dk", "NOR", "nurse", "", ""))
  expect(long.errors[0]?.reason).toBe("too_long")
})

test("the header accepts English and Danish names in any order, and the optional columns may be left out", () => {
  expect(readHeader(["Navn", "E-mail", "Enhed", "Faggruppe"])).toEqual({
    ok: true,
    columns: ["name", "email", "unit", "job_family"],
  })
  expect(readHeader(["email", "Employee ID", "name", "unit", "job family", "rolle", "sprog"]).ok).toBe(true)
})

test("an unknown, a missing or a repeated column is refused by name", () => {
  expect(readHeader(["name", "email", "unit", "job_family", "salary"])).toEqual({
    ok: false,
    reason: "unknown_columns",
    columns: ["salary"],
  })
  expect(readHeader(["name", "email"])).toEqual({
    ok: false,
    reason: "missing_columns",
    columns: ["unit", "job_family"],
  })
  expect(readHeader(["name", "navn", "email", "unit", "job_family"])).toMatchObject({
    reason: "duplicate_columns",
  })
})

test("bytes: UTF-8 with or without a BOM is read as UTF-8, whichever encoding the admin chose", () => {
  const utf8 = new TextEncoder().encode("\uFEFFnavn\nSøren Ærø Åse")
  expect(decodeCsvBytes(utf8)).toEqual({ ok: true, text: "navn\nSøren Ærø Åse", encoding: "utf-8" })
  const plain = new TextEncoder().encode("navn\nSøren")
  expect(decodeCsvBytes(plain, "windows-1252")).toEqual({ ok: true, text: "navn\nSøren", encoding: "utf-8" })
})

// "Søren Ærø" as older Danish Excel saves plain "CSV"
const cp1252 = Uint8Array.from([0x53, 0xf8, 0x72, 0x65, 0x6e, 0x20, 0xc6, 0x72, 0xf8])

test("bytes: a file that is not UTF-8 is refused with the line of its first bad byte unless Windows-1252 is chosen", () => {
  const file = Uint8Array.from([...new TextEncoder().encode("navn\nAnna\n"), ...cp1252])
  expect(decodeCsvBytes(file)).toEqual({ ok: false, reason: "invalid_utf8", line: 3 })
  expect(decodeCsvBytes(file, "windows-1252")).toEqual({
    ok: true,
    text: "navn\nAnna\nSøren Ærø",
    encoding: "windows-1252",
  })
})

test("bytes: one invalid byte in an otherwise UTF-8 file is refused even when Windows-1252 is chosen (no mojibake)", () => {
  const utf8 = new TextEncoder().encode("navn\nSøren\nJ")
  const file = Uint8Array.from([...utf8, 0xe9, 0x72, 0xf4, 0x6d, 0x65]) // "Jérôme" in Windows-1252
  expect(decodeCsvBytes(file)).toEqual({ ok: false, reason: "invalid_utf8", line: 3 })
  expect(decodeCsvBytes(file, "windows-1252")).toEqual({ ok: false, reason: "mixed_encoding", line: 3 })
})

test("bytes: overlong forms and lone surrogates are not valid UTF-8", () => {
  expect(decodeCsvBytes(Uint8Array.from([0x61, 0xc0, 0xaf]))).toMatchObject({
    reason: "invalid_utf8",
    line: 1,
  })
  expect(decodeCsvBytes(Uint8Array.from([0x0a, 0xed, 0xa0, 0x80]))).toMatchObject({
    reason: "invalid_utf8",
    line: 2,
  })
  expect(decodeCsvBytes(Uint8Array.from([0x61, 0xf0, 0x9f, 0x98]))).toMatchObject({ reason: "invalid_utf8" })
})

test("bytes: a binary file and an empty file are refused", () => {
  expect(decodeCsvBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({
    ok: false,
    reason: "binary",
  })
  expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: false, reason: "empty" })
  expect(decodeCsvBytes(new TextEncoder().encode(" \r\n"))).toEqual({ ok: false, reason: "empty" })
})

test("the delimiter is read from the header line: semicolon, comma or tab", () => {
  expect(detectDelimiter("name;email;unit\na,b;c;d")).toBe(";")
  expect(detectDelimiter("name,email,unit")).toBe(",")
  expect(detectDelimiter("name\temail\tunit")).toBe("\t")
})

test("parsing keeps line numbers of the file, skips empty and separator-only lines, and handles quotes", () => {
  const result = parseCsvText(
    'navn;email\r\n"Hansen; Jens";a@b.dk\r\n\r\n"To\r\nlinjer";c@d.dk\r\n;\r\nX;y@z.dk',
  )
  expect(result).toMatchObject({ ok: true, header: ["navn", "email"], delimiter: ";" })
  if (!result.ok) throw new Error("parse failed")
  expect(result.records.map((r) => [r.line, r.cells[0]])).toEqual([
    [2, "Hansen; Jens"],
    [4, "To\nlinjer"],
    [7, "X"],
  ])
})

test("an unclosed quote is a malformed file with a line number", () => {
  expect(parseCsvText('name,email\n"Open,a@b.dk\n')).toMatchObject({ ok: false, reason: "malformed" })
})

// ---------------------------------------------------------------- plan

const row = (line: number, over: Partial<ImportRow> = {}): ImportRow => ({
  line,
  employeeId: `E${line}`,
  name: `Person ${line}`,
  email: `p${line}@h.dk`,
  unitId: 3,
  jobFamily: "nurse",
  role: null,
  language: null,
  ...over,
})
const person = (id: number, over: Partial<ExistingPerson> = {}): ExistingPerson => ({
  id,
  employeeId: `E${id}`,
  email: `p${id}@h.dk`,
  name: `Person ${id}`,
  unitId: 3,
  jobFamily: "nurse",
  role: "employee",
  language: "da",
  isActive: true,
  ...over,
})

test("the plan creates new people, updates changed ones, counts unchanged ones and lists the missing", () => {
  const plan = planImport(
    [row(1), row(2, { name: "New Name", role: "manager" }), row(9)],
    [person(1), person(2), person(3), person(4, { isActive: false })],
    99,
  )
  expect(plan.creates.map((r) => r.line)).toEqual([9])
  expect(plan.updates).toEqual([{ id: 2, line: 2, changes: { name: "New Name", role: "manager" } }])
  expect(plan.unchanged).toBe(1)
  expect(plan.missing).toEqual([3])
  expect(plan.errors).toEqual([])
})

test("an empty role or language keeps the person's own; a returning person is reactivated", () => {
  const plan = planImport([row(1)], [person(1, { role: "manager", language: "en", isActive: false })], 99)
  expect(plan.updates).toEqual([{ id: 1, line: 1, changes: { isActive: true } }])
})

test("a person is matched by email when the file or the database lacks an employee id", () => {
  const plan = planImport([row(1, { employeeId: "NEW1" })], [person(1, { employeeId: null })], 99)
  expect(plan.updates).toEqual([{ id: 1, line: 1, changes: { employeeId: "NEW1" } }])
})

test("an email that belongs to someone else is an error, not a silent takeover", () => {
  const plan = planImport([row(1, { email: "p2@h.dk" })], [person(1), person(2)], 99)
  expect(plan.errors).toEqual([{ line: 1, reason: "email_taken", column: "email", value: "p2@h.dk" }])
  const other = planImport([row(5, { email: "p2@h.dk" })], [person(2)], 99)
  expect(other.errors[0]?.reason).toBe("email_taken")
})

test("two rows that land on the same person are refused", () => {
  const plan = planImport(
    [row(1, { employeeId: null }), row(2, { employeeId: "E1", email: "new@h.dk" })],
    [person(1)],
    99,
  )
  expect(plan.errors.map((e) => [e.line, e.reason])).toEqual([[2, "duplicate_person"]])
})

test("the acting admin is never missing and cannot remove their own admin role by import", () => {
  const plan = planImport([], [person(1, { role: "admin" })], 1)
  expect(plan.missing).toEqual([])
  const demote = planImport([row(1, { role: "employee" })], [person(1, { role: "admin" })], 1)
  expect(demote.errors[0]?.reason).toBe("own_role")
})

test("a changed manager area is an update of its own; a row that makes a manager an employee ends the area", () => {
  const manager = person(1, { role: "manager", area: [3, 4] })
  expect(planImport([row(1, { area: [3, 4] })], [manager], 99)).toMatchObject({ unchanged: 1, updates: [] })
  expect(planImport([row(1)], [manager], 99)).toMatchObject({ unchanged: 1, updates: [] })
  expect(planImport([row(1, { role: "manager", area: [5] })], [manager], 99).updates).toEqual([
    { id: 1, line: 1, changes: {}, area: [5] },
  ])
  expect(planImport([row(1, { role: "employee" })], [manager], 99).updates).toEqual([
    { id: 1, line: 1, changes: { role: "employee" }, area: [] },
  ])
})
