import { count, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { action as importAction } from "~/routes/admin.import"
import { checkImport, importPeople, MAX_IMPORT_BYTES } from "~/services/admin-import.server"
import type { Db } from "../../db/client"
import { auditLog, managerScopes, people, units } from "../../db/schema"
import { ensureUnit } from "../../scripts/seed/factories"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let adminId: number
beforeEach(async () => {
  db = testDb()
  adminId = db.select({ id: people.id }).from(people).where(eq(people.email, "admin@parat.test")).get()!.id
})

const encode = (text: string) => new TextEncoder().encode(text)
const peopleCount = () => db.select({ n: count() }).from(people).get()!.n
const HEADER = "employee_id;name;email;unit;job_family;role;language"

test("a good file is written in one go; importing the same file again changes nothing", () => {
  const file = encode(
    `\uFEFF${HEADER}\r\nX001;Søren Ærø;soren.aero@hospital.dk;NOR-AKM;Sygeplejerske;;da\r\nX002;Åse Øster;aase@hospital.dk;Region Demo/Skovbrynet Hospital/Intensiv Afdeling;doctor;manager;en\r\n`,
  )
  const before = peopleCount()
  const first = importPeople(file, adminId, { deactivateMissing: false })
  expect(first).toEqual({ ok: true, created: 2, updated: 0, unchanged: 0, deactivated: 0 })
  expect(peopleCount()).toBe(before + 2)
  const soren = db.select().from(people).where(eq(people.email, "soren.aero@hospital.dk")).get()!
  expect(soren).toMatchObject({ name: "Søren Ærø", jobFamily: "nurse", role: "employee", employeeId: "X001" })

  const snapshot = db.select().from(people).all()
  const second = importPeople(file, adminId, { deactivateMissing: false })
  expect(second).toEqual({ ok: true, created: 0, updated: 0, unchanged: 2, deactivated: 0 })
  expect(db.select().from(people).all()).toEqual(snapshot)
})

test("one bad row aborts the whole import: nothing is written", () => {
  const before = db.select().from(people).all()
  const file = encode(
    `${HEADER}\nY001;Good Person;good@hospital.dk;NOR-AKM;nurse;;\nY002;=CMD|' /C calc'!A0;bad@hospital.dk;NOR-AKM;nurse;;\nY003;Also Good;also@hospital.dk;NOPE;nurse;;\n`,
  )
  const outcome = importPeople(file, adminId, { deactivateMissing: false })
  expect(outcome).toMatchObject({ ok: false, errorCount: 2 })
  if (outcome.ok || !("errors" in outcome)) throw new Error("expected row errors")
  expect(outcome.errors.map((e) => [e.line, e.reason])).toEqual([
    [3, "formula"],
    [4, "unit_unknown"],
  ])
  expect(db.select().from(people).all()).toEqual(before)
})

test("a write that fails inside the transaction leaves no half import behind", () => {
  const before = peopleCount()
  const file = encode(
    `${HEADER}\nZ001;First;z1@hospital.dk;NOR-AKM;nurse;;\nZ002;Second;z2@hospital.dk;NOR-AKM;nurse;;\n`,
  )
  // A trigger stands in for any failure half way (disk full, a constraint): the first insert must roll back too.
  db.$client.exec(
    "create temp trigger fail_second before insert on people when new.email = 'z2@hospital.dk' begin select raise(abort, 'boom'); end",
  )
  try {
    expect(() => importPeople(file, adminId, { deactivateMissing: false })).toThrow(/boom/)
  } finally {
    db.$client.exec("drop trigger fail_second")
  }
  expect(peopleCount()).toBe(before)
})

test("bad files get a clear reason and write nothing", () => {
  const before = peopleCount()
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])
  expect(checkImport(png, adminId)).toEqual({ ok: false, fileError: { reason: "binary" } })
  expect(checkImport(encode("name,email,unit,job_family,salary\nA,a@b.dk,NOR,nurse,1\n"), adminId)).toEqual({
    ok: false,
    fileError: { reason: "unknown_columns", columns: ["salary"] },
  })
  expect(checkImport(encode('name,email,unit,job_family\n"A,a@b.dk,NOR,nurse\n'), adminId)).toMatchObject({
    ok: false,
    fileError: { reason: "malformed" },
  })
  expect(checkImport(encode("name,email,unit,job_family\n"), adminId)).toEqual({
    ok: false,
    fileError: { reason: "no_rows" },
  })
  expect(checkImport(new Uint8Array(MAX_IMPORT_BYTES + 1), adminId)).toEqual({
    ok: false,
    fileError: { reason: "too_large" },
  })
  const dupes = checkImport(
    encode("name,email,unit,job_family\nA,same@b.dk,NOR,nurse\nB,SAME@b.dk,NOR,nurse\n"),
    adminId,
  )
  expect(dupes).toMatchObject({ ok: true, errorCount: 1, errors: [{ line: 3, reason: "duplicate_email" }] })
  expect(peopleCount()).toBe(before)
})

test("a file saved by older Danish Excel (semicolons, Windows-1252) is refused as UTF-8 and read right when chosen", () => {
  const text = "name;email;unit;job_family\r\nBjørn Æbelø;bjoern@hospital.dk;NOR-AKM;Læge\r\n"
  const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0))) // latin-1 == cp1252 for these letters
  expect(importPeople(bytes, adminId, { deactivateMissing: false })).toEqual({
    ok: false,
    fileError: { reason: "invalid_utf8", line: 2 },
  })
  expect(importPeople(bytes, adminId, { deactivateMissing: false, encoding: "windows-1252" })).toMatchObject({
    ok: true,
    created: 1,
  })
  expect(
    db.select({ name: people.name }).from(people).where(eq(people.email, "bjoern@hospital.dk")).get(),
  ).toEqual({
    name: "Bjørn Æbelø",
  })
})

test("people missing from a new file stay active unless deactivation is asked for; nobody is deleted", () => {
  const file = encode("name,email,unit,job_family\nSøren Ærø,soren.aero@hospital.dk,NOR-AKM,nurse\n")
  expect(importPeople(file, adminId, { deactivateMissing: false })).toMatchObject({ ok: true, created: 1 })
  const before = peopleCount()
  const kept = importPeople(file, adminId, { deactivateMissing: false })
  expect(kept).toMatchObject({ ok: true, deactivated: 0 })
  const active = () => db.select({ n: count() }).from(people).where(eq(people.isActive, true)).get()!.n
  expect(active()).toBe(before)
  const deactivated = importPeople(file, adminId, { deactivateMissing: true })
  if (!deactivated.ok) throw new Error("import failed")
  expect(deactivated.deactivated).toBe(before - 2) // everyone but Søren and the acting admin
  expect(peopleCount()).toBe(before)
  expect(active()).toBe(2)
  const audit = db.select().from(auditLog).where(eq(auditLog.action, "people.import")).all()
  expect(audit.at(-1)).toMatchObject({ actorId: adminId, details: { deactivated: before - 2 } })
})

test("a 50,000-row file is checked and imported in one transaction, and a second run is a no-op", () => {
  const lines = [HEADER]
  for (let i = 0; i < 50_000; i++) {
    lines.push(`B${i};Person Nummer ${i};person.${i}@big.dk;NOR-AKM;nurse;;da`)
  }
  const file = encode(lines.join("\r\n"))
  const before = peopleCount()
  const outcome = importPeople(file, adminId, { deactivateMissing: false })
  expect(outcome).toMatchObject({ ok: true, created: 50_000 })
  expect(peopleCount()).toBe(before + 50_000)
  expect(importPeople(file, adminId, { deactivateMissing: false })).toMatchObject({
    ok: true,
    created: 0,
    updated: 0,
    unchanged: 50_000,
  })
})

// ---------------------------------------------------------------- through the route

function multipart(cookie: string, name: string, content: BlobPart, encoding?: string) {
  const form = new FormData()
  form.append("file", new File([content], name, { type: "text/csv" }))
  if (encoding) form.append("encoding", encoding)
  return new Request("http://localhost/admin/import", {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: "http://localhost" },
  })
}

test("the route previews, then imports the staged file on confirm (post/redirect/get)", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const preview = (await importAction({
    request: multipart(
      cookie,
      "staff.csv",
      "name,email,unit,job_family\nRoute Person,route@hospital.dk,NOR,nurse\n",
    ),
    params: {},
    context: {},
  })) as { step: string; token: string; counts: { creates: number } }
  expect(preview).toMatchObject({ step: "confirm", counts: { creates: 1 } })
  expect(db.select().from(people).where(eq(people.email, "route@hospital.dk")).get()).toBeUndefined()
  const confirm = (await importAction({
    request: makeRequest("/admin/import", { cookie, form: { token: preview.token, fileName: "staff.csv" } }),
    params: {},
    context: {},
  })) as Response
  expect(confirm.status).toBe(302)
  expect(confirm.headers.get("Location")).toMatch(/created=1/)
  expect(db.select().from(people).where(eq(people.email, "route@hospital.dk")).get()).toBeDefined()
  // The staged file is gone: confirming twice does not import twice.
  const again = (await importAction({
    request: makeRequest("/admin/import", { cookie, form: { token: preview.token } }),
    params: {},
    context: {},
  })) as Response
  expect(again.status).toBe(400)
  expect(await again.json()).toEqual({ step: "fileError", fileError: { reason: "expired" } })
})

test("a 20 MB upload is refused with a clear 400, nothing written", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const before = peopleCount()
  const big = `name,email,unit,job_family\n${"x".repeat(MAX_IMPORT_BYTES)}`
  const response = (await importAction({
    request: multipart(cookie, "huge.csv", big),
    params: {},
    context: {},
  })) as Response
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ step: "fileError", fileError: { reason: "too_large" } })
  expect(peopleCount()).toBe(before)
})

test("row errors come back as a 400 listing each line", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const response = (await importAction({
    request: multipart(
      cookie,
      "bad.csv",
      "name,email,unit,job_family\nOk,ok@b.dk,NOR,nurse\nBad,bad,NOR,nurse\n",
    ),
    params: {},
    context: {},
  })) as Response
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({
    step: "rowErrors",
    errorCount: 1,
    errors: [{ line: 3, reason: "email" }],
  })
})

test("through the route, Windows-1252 is refused as UTF-8 (400) and, when chosen, carried from preview to commit", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const text = "navn;email;enhed;faggruppe\r\nÅse Ørsted;aase.cp1252@hospital.dk;NOR;Læge\r\n"
  const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)))
  const refused = (await importAction({
    request: multipart(cookie, "excel.csv", bytes),
    params: {},
    context: {},
  })) as Response
  expect(refused.status).toBe(400)
  expect(await refused.json()).toEqual({ step: "fileError", fileError: { reason: "invalid_utf8", line: 2 } })
  const preview = (await importAction({
    request: multipart(cookie, "excel.csv", bytes, "windows-1252"),
    params: {},
    context: {},
  })) as { step: string; token: string; encoding: string }
  expect(preview).toMatchObject({ step: "confirm", encoding: "windows-1252" })
  const confirm = (await importAction({
    request: makeRequest("/admin/import", {
      cookie,
      form: { token: preview.token, fileName: "excel.csv", encoding: preview.encoding },
    }),
    params: {},
    context: {},
  })) as Response
  expect(confirm.status).toBe(302)
  expect(
    db.select({ name: people.name }).from(people).where(eq(people.email, "aase.cp1252@hospital.dk")).get(),
  ).toEqual({
    name: "Åse Ørsted",
  })
})

test("the documented example file imports cleanly into the demo organisation", async () => {
  const { readFileSync } = await import("node:fs")
  const check = checkImport(readFileSync("docs/people-import.example.csv"), adminId)
  expect(check).toMatchObject({ ok: true, errorCount: 0, counts: { rows: 5, creates: 5 } })
})

// ---------------------------------------------------------------- ambiguous unit names and managers' areas

const unitIdOf = (code: string) =>
  db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
const areaOf = (email: string) => {
  const person = db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!
  return db
    .select({ unitId: managerScopes.unitId })
    .from(managerScopes)
    .where(eq(managerScopes.personId, person.id))
    .all()
    .map((s) => s.unitId)
    .sort((a, b) => a - b)
}
/** A second "Akutmodtagelsen", at Skovbrynet, so the name alone no longer says which unit a row means. */
function twoAkutmodtagelser() {
  const sko = unitIdOf("SKO")
  return {
    nor: unitIdOf("NOR-AKM"),
    sko: ensureUnit(db, { code: "SKO-AKM2", name: "Akutmodtagelsen", kind: "department", parentId: sko }),
  }
}
const post = (cookie: string, fields: [string, string][]) =>
  new Request("http://localhost/admin/import", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      Cookie: cookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
  })
const HR_FILE =
  "Fornavn;Efternavn;E-mail;Afdeling;Stilling;Rolle;Leder for\n" +
  "Pia;Pick;pia.pick@hospital.dk;Akutmodtagelsen;Sygeplejerske;;\n" +
  "Leo;Leder;leo.leder@hospital.dk;Akutmodtagelsen;Afdelingsleder;Leder;Akutmodtagelsen|Radiologisk Afdeling\n"

test("an ambiguous unit name gets a pick-list; the choice applies to every row and to managers' areas, then imports", async () => {
  const { sko } = twoAkutmodtagelser()
  const cookie = await loginCookie("admin@parat.test")
  const response = (await importAction({
    request: multipart(cookie, "hr.csv", HR_FILE),
    params: {},
    context: {},
  })) as Response
  expect(response.status).toBe(200)
  const choose = (await response.json()) as {
    step: string
    token: string
    ambiguous: { name: string; lines: number; options: { id: number; path: string }[] }[]
  }
  expect(choose).toMatchObject({ step: "chooseUnits" })
  expect(choose.ambiguous).toEqual([
    {
      key: "akutmodtagelsen",
      name: "Akutmodtagelsen",
      lines: 2,
      options: [
        { id: unitIdOf("NOR-AKM"), path: "Region Demo / Nordhavn Hospital / Akutmodtagelsen" },
        { id: sko, path: "Region Demo / Skovbrynet Hospital / Akutmodtagelsen" },
      ],
    },
  ])
  const staged: [string, string][] = [
    ["intent", "chooseUnits"],
    ["token", choose.token],
    ["fileName", "hr.csv"],
    ["choiceName", "Akutmodtagelsen"],
  ]

  // Sent without a choice: the list again, with a 400, and nothing written.
  const incomplete = (await importAction({
    request: post(cookie, [...staged, ["choiceUnit", ""]]),
    params: {},
    context: {},
  })) as Response
  expect(incomplete.status).toBe(400)
  expect(await incomplete.json()).toMatchObject({ step: "chooseUnits", isIncomplete: true })
  // A unit that is not one of the candidates is no choice either.
  const foreign = (await importAction({
    request: post(cookie, [...staged, ["choiceUnit", String(unitIdOf("NOR-RAD"))]]),
    params: {},
    context: {},
  })) as Response
  expect(foreign.status).toBe(400)
  // Malformed choices are a plain 400.
  await expect(
    importAction({ request: post(cookie, [...staged, ["choiceUnit", "abc"]]), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 400 })

  const confirm = (await importAction({
    request: post(cookie, [...staged, ["choiceUnit", String(sko)]]),
    params: {},
    context: {},
  })) as {
    step: string
    chosen: { name: string; unitId: number }[]
    sample: { name: string; unit: string; area: string[] }[]
  }
  expect(confirm).toMatchObject({ step: "confirm", chosen: [{ name: "Akutmodtagelsen", unitId: sko }] })
  expect(confirm.sample.map((r) => [r.name, [...r.area].sort()])).toEqual([
    ["Pia Pick", []],
    ["Leo Leder", ["Akutmodtagelsen", "Radiologisk Afdeling"]],
  ])
  expect(db.select().from(people).where(eq(people.email, "pia.pick@hospital.dk")).get()).toBeUndefined()

  const done = (await importAction({
    request: post(cookie, [
      ["intent", "commit"],
      ["token", (confirm as unknown as { token: string }).token],
      ["fileName", "hr.csv"],
      ["choiceName", "Akutmodtagelsen"],
      ["choiceUnit", String(sko)],
    ]),
    params: {},
    context: {},
  })) as Response
  expect(done.status).toBe(302)
  expect(
    db.select({ unitId: people.unitId }).from(people).where(eq(people.email, "pia.pick@hospital.dk")).get(),
  ).toEqual({ unitId: sko })
  expect(
    db.select({ role: people.role }).from(people).where(eq(people.email, "leo.leder@hospital.dk")).get(),
  ).toEqual({ role: "manager" })
  expect(areaOf("leo.leder@hospital.dk")).toEqual([unitIdOf("NOR-RAD"), sko].sort((a, b) => a - b))
  const audit = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.action, "people.import"))
    .all()
    .at(-1)!
  expect(JSON.stringify(audit.details)).toContain('"areas":1')
})

test("a manager's area replaces the old one, needs the manager role, and ends when the person stops being a manager", () => {
  const header = "employee_id;name;email;unit;job_family;role;manager_area\n"
  const file = (role: string, area: string) =>
    encode(`${header}M001;Mona Manager;mona@hospital.dk;NOR;management;${role};${area}\n`)
  expect(
    importPeople(file("manager", "NOR-AKM|NOR-RAD"), adminId, { deactivateMissing: false }),
  ).toMatchObject({
    ok: true,
    created: 1,
  })
  expect(areaOf("mona@hospital.dk")).toEqual([unitIdOf("NOR-AKM"), unitIdOf("NOR-RAD")].sort((a, b) => a - b))
  // The same file again changes nothing; an empty cell keeps the area.
  expect(
    importPeople(file("manager", "NOR-AKM|NOR-RAD"), adminId, { deactivateMissing: false }),
  ).toMatchObject({
    unchanged: 1,
  })
  expect(importPeople(file("", ""), adminId, { deactivateMissing: false })).toMatchObject({ unchanged: 1 })
  // A new area replaces the old.
  expect(
    importPeople(file("manager", "Region Demo/Skovbrynet Hospital"), adminId, { deactivateMissing: false }),
  ).toMatchObject({
    updated: 1,
  })
  expect(areaOf("mona@hospital.dk")).toEqual([unitIdOf("SKO")])
  // An area on a row that is not a manager's, or naming a unit that does not exist, is refused; nothing written.
  const refused = importPeople(
    encode(
      `${header}M001;Mona Manager;mona@hospital.dk;NOR;management;;NOR-AKM\nM002;Max;max@hospital.dk;NOR;nurse;leder;Nowhere|NOR\n`,
    ),
    adminId,
    { deactivateMissing: false },
  )
  expect(refused).toMatchObject({ ok: false, errorCount: 2 })
  if (refused.ok || !("errors" in refused)) throw new Error("expected row errors")
  expect(refused.errors.map((e) => [e.line, e.reason, e.column, e.value])).toEqual([
    [2, "area_not_manager", "manager_area", ""],
    [3, "unit_unknown", "manager_area", "Nowhere"],
  ])
  expect(areaOf("mona@hospital.dk")).toEqual([unitIdOf("SKO")])
  // Made an employee by the file: the area ends with the role.
  expect(importPeople(file("employee", ""), adminId, { deactivateMissing: false })).toMatchObject({
    updated: 1,
  })
  expect(areaOf("mona@hospital.dk")).toEqual([])
})
