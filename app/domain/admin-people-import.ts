// People import from CSV: decoding, parsing and the validation of every row, with no database in sight.

// The file format is documented in README.md ("People import (CSV)").
import { parse } from "csv-parse/sync"
import { z } from "zod"
import { isFormulaLike } from "./csv"
import { fullName, HR_HEADER_ALIASES, jobFamilyForTitle, jobTitleTable } from "./hr-export"
import { cleanPlainText, hasForbiddenCharacters } from "./plain-text"
import { namePathKey, unitNameKey } from "./unit-names"
import type { JobFamily, Language, Role } from "./vocabulary"

export const IMPORT_COLUMNS = [
  "employee_id",
  "name",
  "email",
  "unit",
  "job_family",
  "role",
  "language",
  "first_name",
  "last_name",
  "job_title",
  "manager_area",
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]
const REQUIRED_COLUMNS: ImportColumn[] = ["email", "unit"]

const normalise = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")

// Header names in English or Danish, as an HR export might have them.
const HEADER_ALIASES: Record<string, ImportColumn> = {
  employee_id: "employee_id",
  employeeid: "employee_id",
  medarbejdernummer: "employee_id",
  medarbejder_id: "employee_id",
  medarbejdernr: "employee_id",
  name: "name",
  navn: "name",
  email: "email",
  e_mail: "email",
  unit: "unit",
  enhed: "unit",
  job_family: "job_family",
  faggruppe: "job_family",
  role: "role",
  rolle: "role",
  language: "language",
  sprog: "language",
  // The units a manager is responsible for, separated by "|" (README, "People import (CSV)").
  manager_area: "manager_area",
  managerarea: "manager_area",
  manages: "manager_area",
  leder_for: "manager_area",
  ledelsesområde: "manager_area",
  ansvarsområde: "manager_area",
  ...HR_HEADER_ALIASES,
}

const JOB_FAMILY_ALIASES: Record<string, JobFamily> = {
  doctor: "doctor",
  læge: "doctor",
  nurse: "nurse",
  sygeplejerske: "nurse",
  other_clinical: "other_clinical",
  andet_klinisk_personale: "other_clinical",
  administrative: "administrative",
  administration: "administrative",
  it_data: "it_data",
  it_og_data: "it_data",
  it_and_data: "it_data",
  management: "management",
  ledelse: "management",
  andet_klinisk: "other_clinical",
}
const ROLE_ALIASES: Record<string, Role> = {
  employee: "employee",
  medarbejder: "employee",
  manager: "manager",
  leder: "manager",
  admin: "admin",
  administrator: "admin",
}
const LANGUAGE_ALIASES: Record<string, Language> = {
  da: "da",
  dansk: "da",
  danish: "da",
  en: "en",
  engelsk: "en",
  english: "en",
}

export const MAX_TEXT_LENGTH = 200

// ---------------------------------------------------------------- decoding and parsing

export const CSV_ENCODINGS = ["utf-8", "windows-1252"] as const
export type CsvEncoding = (typeof CSV_ENCODINGS)[number]

export type DecodeResult =
  | { ok: true; text: string; encoding: CsvEncoding }
  | { ok: false; reason: "binary" | "empty" }
  | { ok: false; reason: "invalid_utf8" | "mixed_encoding"; line: number }

/** The line (1-based) of the first byte that is not part of a valid UTF-8 sequence. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i)
    if (length === 0) return line
    if (bytes[i] === 0x0a) line++
    i += length
  }
  return line
}

/** The length of the valid UTF-8 sequence at i, or 0 when the byte there starts none (overlong and surrogates too). */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!
  if (b0 < 0x80) return 1
  const isTail = (at: number, low = 0x80, high = 0xbf) =>
    at < bytes.length && bytes[at]! >= low && bytes[at]! <= high
  if (b0 >= 0xc2 && b0 <= 0xdf) return isTail(i + 1) ? 2 : 0
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80
    const high = b0 === 0xed ? 0x9f : 0xbf
    return isTail(i + 1, low, high) && isTail(i + 2) ? 3 : 0
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80
    const high = b0 === 0xf4 ? 0x8f : 0xbf
    return isTail(i + 1, low, high) && isTail(i + 2) && isTail(i + 3) ? 4 : 0
  }
  return 0
}

/** True when the bytes hold at least one multi-byte UTF-8 sequence ("Ã¸" when read as Windows-1252). */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i]! >= 0x80 && utf8SequenceLength(bytes, i) > 1) return true
  return false
}

/**
 * UTF-8 (with or without BOM) always; Windows-1252 (older Excel's plain "CSV" in Danish locales) only when the admin
 * chose it and the file is not UTF-8. A file that is neither is refused with the line of its first bad byte, so
 * nothing is ever stored as mojibake ("SÃ¸ren" or "S�ren").
 */
export function decodeCsvBytes(bytes: Uint8Array, encoding: CsvEncoding = "utf-8"): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: "empty" }
  // A NUL byte never occurs in a text file: this is a spreadsheet, an image or similar.
  if (bytes.includes(0)) return { ok: false, reason: "binary" }
  let text: string
  let used: CsvEncoding = "utf-8"
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    if (encoding !== "windows-1252")
      return { ok: false, reason: "invalid_utf8", line: firstInvalidUtf8Line(bytes) }
    // Partly UTF-8 and partly not: no single reading of it is right.
    if (hasUtf8Sequences(bytes))
      return { ok: false, reason: "mixed_encoding", line: firstInvalidUtf8Line(bytes) }
    text = new TextDecoder("windows-1252").decode(bytes)
    used = "windows-1252"
  }
  text = text.replace(/^\uFEFF/, "")
  if (text.trim() === "") return { ok: false, reason: "empty" }
  return { ok: true, text, encoding: used }
}

/** The separator of the header line: semicolon (Danish Excel), tab, or comma. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const counts = { ";": 0, ",": 0, "\t": 0 }
  for (const char of firstLine) if (char in counts) counts[char as keyof typeof counts]++
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";"
  if (counts["\t"] > counts[","]) return "\t"
  return ","
}

export type CsvRecord = { line: number; cells: string[] }
export type ParseResult =
  | { ok: true; header: string[]; records: CsvRecord[]; delimiter: string }
  | { ok: false; reason: "malformed"; line: number | null }

export function parseCsvText(input: string): ParseResult {
  // One kind of line break, so the parser's line count matches what an editor shows (CRLF inside quotes too).
  const text = input.replace(/\r\n?/g, "\n")
  const delimiter = detectDelimiter(text)
  let parsed: { record: string[]; info: { lines: number } }[]
  try {
    parsed = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    return { ok: false, reason: "malformed", line: typeof line === "number" ? line : null }
  }
  const [head, ...rest] = parsed
  if (!head) return { ok: false, reason: "malformed", line: 1 }
  const records = rest
    .map(({ record, info }) => {
      // info.lines is where the record ends; a quoted field with line breaks started earlier.
      const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0)
      return { line: info.lines - breaks, cells: record }
    })
    // A row of separators only (";;;;;;") is what Excel leaves below the data.
    .filter((r) => r.cells.some((cell) => cell.trim() !== ""))
  return { ok: true, header: head.record, records, delimiter }
}

// ---------------------------------------------------------------- header

export type HeaderResult =
  | { ok: true; columns: ImportColumn[] }
  | { ok: false; reason: "unknown_columns" | "missing_columns" | "duplicate_columns"; columns: string[] }

export function readHeader(cells: readonly string[]): HeaderResult {
  const columns: ImportColumn[] = []
  const unknown: string[] = []
  const duplicate: string[] = []
  for (const cell of cells) {
    const column = HEADER_ALIASES[normalise(cell)]
    if (!column) unknown.push(cell.trim() || "(tom)")
    else if (columns.includes(column)) duplicate.push(cell.trim())
    else columns.push(column)
  }
  if (unknown.length > 0) return { ok: false, reason: "unknown_columns", columns: unknown }
  if (duplicate.length > 0) return { ok: false, reason: "duplicate_columns", columns: duplicate }
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !columns.includes(c))
  if (!columns.includes("name") && !(columns.includes("first_name") && columns.includes("last_name")))
    missing.push("name")
  if (!columns.includes("job_family") && !columns.includes("job_title")) missing.push("job_family")
  if (missing.length > 0) return { ok: false, reason: "missing_columns", columns: missing }
  // Columns are kept in file order; a row is read by position.
  return { ok: true, columns: cells.map((cell) => HEADER_ALIASES[normalise(cell)]!) }
}

// ---------------------------------------------------------------- units

export type LookupUnit = {
  id: number
  code: string
  name: string
  parentId: number | null
  isRetired: boolean
}
export type UnitLookup = {
  byCode: Map<string, LookupUnit>
  byNamePath: Map<string, LookupUnit>
  /** active units by their own name alone (Afdeling in an HR export): one, or several to choose between */
  byName: Map<string, LookupUnit[]>
  byId: Map<number, LookupUnit>
}

/** Units by code (case-insensitive) and by their path of names, "Region Demo/Nordhavn Hospital/Akutmodtagelsen". */
export function buildUnitLookup(units: readonly LookupUnit[]): UnitLookup {
  const byId = new Map(units.map((u) => [u.id, u]))
  const byCode = new Map<string, LookupUnit>()
  const byNamePath = new Map<string, LookupUnit>()
  const byName = new Map<string, LookupUnit[]>()
  for (const unit of units) {
    if (!unit.isRetired) {
      const key = namePathKey([unit.name])
      byName.set(key, [...(byName.get(key) ?? []), unit])
    }
    byCode.set(unit.code.toUpperCase(), unit)
    const names: string[] = []
    let cursor: LookupUnit | undefined = unit
    // Bounded by the number of units, so a broken parent chain cannot loop forever.
    for (let i = 0; cursor && i <= units.length; i++) {
      names.unshift(cursor.name)
      cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId)
    }
    byNamePath.set(namePathKey(names), unit)
  }
  return { byCode, byNamePath, byName, byId }
}

export function findUnit(lookup: UnitLookup, value: string): LookupUnit | undefined {
  const trimmed = value.trim()
  return (
    lookup.byCode.get(trimmed.toUpperCase()) ??
    lookup.byNamePath.get(namePathKey(trimmed.split(/\s*[/>]\s*/)))
  )
}

/** The admin's choice per ambiguous unit name (unitNameKey -> unit id), made on the import's pick-list. */
export type UnitChoices = ReadonlyMap<string, number>

/** "Region Demo / Nordhavn Hospital / Akutmodtagelsen": how the pick-list tells same-named units apart. */
export function unitPath(lookup: UnitLookup, unit: LookupUnit): string {
  const names: string[] = []
  let cursor: LookupUnit | undefined = unit
  for (let i = 0; cursor && i <= lookup.byId.size; i++) {
    names.unshift(cursor.name)
    cursor = cursor.parentId === null ? undefined : lookup.byId.get(cursor.parentId)
  }
  return names.join(" / ")
}

export type UnitResolution =
  | { ok: true; unit: LookupUnit }
  | { ok: false; reason: "unit_unknown" | "unit_retired"; value: string }
  | { ok: false; reason: "unit_ambiguous"; value: string; candidates: LookupUnit[] }

/**
 * A unit as a file names it: by code, by path of names, or by its own name when only one active unit has it. A name
 * several units share is resolved by the admin's choice for it, when that choice is one of them.
 */
export function resolveUnit(lookup: UnitLookup, value: string, choices: UnitChoices): UnitResolution {
  const candidates = lookup.byName.get(unitNameKey(value)) ?? []
  const chosen = choices.get(unitNameKey(value))
  const unit =
    findUnit(lookup, value) ??
    (candidates.length === 1 ? candidates[0] : candidates.find((u) => u.id === chosen))
  if (unit?.isRetired) return { ok: false, reason: "unit_retired", value }
  if (unit) return { ok: true, unit }
  if (candidates.length > 1) return { ok: false, reason: "unit_ambiguous", value, candidates }
  return { ok: false, reason: "unit_unknown", value }
}

/** A unit name several units share, on how many rows, with the units to choose between (for the pick-list). */
export type AmbiguousUnit = {
  key: string
  name: string
  lines: number
  options: { id: number; path: string }[]
}

/** The separator between the units of a manager's area in one cell. */
export const AREA_SEPARATOR = "|"

// ---------------------------------------------------------------- rows

export type ImportRow = {
  line: number
  employeeId: string | null
  name: string
  email: string
  unitId: number
  jobFamily: JobFamily
  /** null: keep an existing person's value (a new person gets the default) */
  role: Role | null
  language: Language | null
  /** the units the person manages; undefined: keep the person's own (no manager_area column, or an empty cell) */
  area?: number[]
}

export type RowErrorReason =
  | "column_count"
  | "required"
  | "too_long"
  | "control_characters"
  | "formula"
  | "email"
  | "unit_unknown"
  | "unit_ambiguous"
  | "unit_retired"
  | "job_title"
  | "job_family"
  | "role"
  | "language"
  | "duplicate_email"
  | "duplicate_employee_id"
  | "email_taken"
  | "duplicate_person"
  | "own_role"
  | "area_not_manager"

export type RowError = {
  line: number
  reason: RowErrorReason
  column?: ImportColumn
  value?: string
  /** the earlier line of a duplicate */
  otherLine?: number
}

const EmailSchema = z.email()

/**
 * Validates every row (never stopping at the first error) and resolves units, job families, roles and languages.
 * Unit names that several units share and that the admin has not chosen for are listed in `ambiguous` (and are row
 * errors until chosen).
 */
export function validateImportRows(
  records: readonly CsvRecord[],
  columns: readonly ImportColumn[],
  units: UnitLookup,
  jobTitles: ReadonlyMap<string, JobFamily> = jobTitleTable([]),
  unitChoices: UnitChoices = new Map(),
): { rows: ImportRow[]; errors: RowError[]; ambiguous: AmbiguousUnit[] } {
  const rows: ImportRow[] = []
  const errors: RowError[] = []
  const ambiguous = new Map<string, AmbiguousUnit & { lineSet: Set<number> }>()
  const noteAmbiguous = (line: number, value: string, candidates: LookupUnit[]) => {
    const key = unitNameKey(value)
    const known = ambiguous.get(key)
    if (known) known.lineSet.add(line)
    else
      ambiguous.set(key, {
        key,
        name: value.trim(),
        lines: 0,
        lineSet: new Set([line]),
        options: candidates.map((u) => ({ id: u.id, path: unitPath(units, u) })),
      })
  }
  const seenEmails = new Map<string, number>()
  const seenEmployeeIds = new Map<string, number>()
  const position = new Map(columns.map((c, i) => [c, i]))

  for (const { line, cells } of records) {
    if (cells.length !== columns.length) {
      errors.push({ line, reason: "column_count", value: String(cells.length) })
      continue
    }
    const rowErrors: RowError[] = []
    const fail = (reason: RowErrorReason, column: ImportColumn, value?: string, otherLine?: number) =>
      rowErrors.push({ line, reason, column, value, otherLine })
    const cell = (column: ImportColumn) => {
      const index = position.get(column)
      return index === undefined ? "" : (cells[index] ?? "").trim()
    }

    for (const column of columns) {
      const value = cell(column)
      if (hasForbiddenCharacters(value)) fail("control_characters", column)
      else if (isFormulaLike(value)) fail("formula", column, value)
      else if (value.length > MAX_TEXT_LENGTH) fail("too_long", column)
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      continue
    }

    const name = (
      cleanPlainText(fullName(cell("name"), cell("first_name"), cell("last_name"))) as { text: string }
    ).text
    if (name === "") fail("required", position.has("name") ? "name" : "first_name")

    const email = cell("email").toLowerCase()
    if (email === "") fail("required", "email")
    else if (!EmailSchema.safeParse(email).success) fail("email", "email", email)
    else if (seenEmails.has(email)) fail("duplicate_email", "email", email, seenEmails.get(email))

    const employeeId = cell("employee_id") || null
    if (employeeId !== null && seenEmployeeIds.has(employeeId))
      fail("duplicate_employee_id", "employee_id", employeeId, seenEmployeeIds.get(employeeId))

    const unitValue = cell("unit")
    let unit: LookupUnit | undefined
    const resolveIn = (column: ImportColumn, value: string) => {
      const found = resolveUnit(units, value, unitChoices)
      if (found.ok) return found.unit
      if (found.reason === "unit_ambiguous") {
        noteAmbiguous(line, value, found.candidates)
        fail(found.reason, column, found.candidates.map((u) => `${u.code} (${u.name})`).join(", "))
      } else fail(found.reason, column, value)
      return undefined
    }
    if (unitValue === "") fail("required", "unit")
    else unit = resolveIn("unit", unitValue)

    const jobFamilyValue = cell("job_family")
    const jobTitle = cell("job_title")
    const jobFamily =
      JOB_FAMILY_ALIASES[normalise(jobFamilyValue)] ??
      (jobFamilyValue === "" ? (jobFamilyForTitle(jobTitle, jobTitles) ?? undefined) : undefined)
    if (jobFamilyValue !== "" && !jobFamily) fail("job_family", "job_family", jobFamilyValue)
    else if (jobFamilyValue === "" && jobTitle !== "" && !jobFamily) fail("job_title", "job_title", jobTitle)
    else if (!jobFamily) fail("required", position.has("job_family") ? "job_family" : "job_title")

    const roleValue = cell("role")
    const role = roleValue === "" ? null : (ROLE_ALIASES[normalise(roleValue)] ?? undefined)
    if (role === undefined) fail("role", "role", roleValue)

    const languageValue = cell("language")
    const language = languageValue === "" ? null : (LANGUAGE_ALIASES[normalise(languageValue)] ?? undefined)
    if (language === undefined) fail("language", "language", languageValue)

    // A manager's area: only on a row that makes the person a manager, so no area is set by accident.
    const areaNames = cell("manager_area")
      .split(AREA_SEPARATOR)
      .map((name) => name.trim())
      .filter(Boolean)
    const area = areaNames.map((name) => resolveIn("manager_area", name))
    if (areaNames.length > 0 && role !== "manager") fail("area_not_manager", "manager_area", roleValue)

    // Remember the first line of each email and employee id, also on rows with other errors.
    if (email !== "" && !seenEmails.has(email)) seenEmails.set(email, line)
    if (employeeId !== null && !seenEmployeeIds.has(employeeId)) seenEmployeeIds.set(employeeId, line)

    if (rowErrors.length > 0 || !unit || !jobFamily || role === undefined || language === undefined) {
      errors.push(...rowErrors)
      continue
    }
    const row: ImportRow = { line, employeeId, name, email, unitId: unit.id, jobFamily, role, language }
    if (areaNames.length > 0) row.area = [...new Set(area.map((u) => u!.id))].sort((a, b) => a - b)
    rows.push(row)
  }
  return {
    rows,
    errors,
    ambiguous: [...ambiguous.values()].map(({ lineSet, ...name }) => ({ ...name, lines: lineSet.size })),
  }
}

// ---------------------------------------------------------------- plan against the people already there

export type ExistingPerson = {
  id: number
  employeeId: string | null
  email: string
  name: string
  unitId: number
  jobFamily: JobFamily
  role: Role
  language: Language
  isActive: boolean
  /** the units the person manages, in id order */
  area?: readonly number[]
}

export type PersonChange = Partial<
  Pick<
    ExistingPerson,
    "employeeId" | "email" | "name" | "unitId" | "jobFamily" | "role" | "language" | "isActive"
  >
>

export type ImportPlan = {
  creates: ImportRow[]
  /** `area`: the person's new manager area, when it changes (empty when a manager stops being one) */
  updates: { id: number; line: number; changes: PersonChange; area?: number[] }[]
  unchanged: number
  /** active people the file does not mention (deactivated only on request) */
  missing: number[]
  errors: RowError[]
}

/** The area a row gives a person, when it differs from theirs; leaving the manager role ends the area. */
function newArea(row: ImportRow, target: ExistingPerson): number[] | undefined {
  const current = target.area ?? []
  const next = row.role !== null && row.role !== "manager" ? [] : (row.area ?? current)
  const isSame = next.length === current.length && next.every((id, i) => id === current[i])
  return isSame ? undefined : [...next]
}

/**
 * Matches rows to people (by employee id, else by email) and works out what would change.
 * The acting admin is never listed as missing and cannot take away their own admin role.
 */
export function planImport(
  rows: readonly ImportRow[],
  existing: readonly ExistingPerson[],
  actorId: number,
): ImportPlan {
  const byEmployeeId = new Map<string, ExistingPerson>()
  const byEmail = new Map<string, ExistingPerson>()
  for (const person of existing) {
    if (person.employeeId) byEmployeeId.set(person.employeeId, person)
    byEmail.set(person.email, person)
  }
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, missing: [], errors: [] }
  const matched = new Set<number>()

  for (const row of rows) {
    const byId = row.employeeId ? byEmployeeId.get(row.employeeId) : undefined
    const byMail = byEmail.get(row.email)
    let target: ExistingPerson | undefined
    if (byId) {
      if (byMail && byMail.id !== byId.id) {
        plan.errors.push({ line: row.line, reason: "email_taken", column: "email", value: row.email })
        continue
      }
      target = byId
    } else if (byMail) {
      if (row.employeeId && byMail.employeeId && byMail.employeeId !== row.employeeId) {
        plan.errors.push({ line: row.line, reason: "email_taken", column: "email", value: row.email })
        continue
      }
      target = byMail
    }
    if (!target) {
      plan.creates.push(row)
      continue
    }
    if (matched.has(target.id)) {
      plan.errors.push({ line: row.line, reason: "duplicate_person", column: "email", value: row.email })
      continue
    }
    matched.add(target.id)
    if (target.id === actorId && row.role !== null && row.role !== "admin") {
      plan.errors.push({ line: row.line, reason: "own_role", column: "role", value: row.role })
      continue
    }
    const changes: PersonChange = {}
    if (row.employeeId !== null && row.employeeId !== target.employeeId) changes.employeeId = row.employeeId
    if (row.email !== target.email) changes.email = row.email
    if (row.name !== target.name) changes.name = row.name
    if (row.unitId !== target.unitId) changes.unitId = row.unitId
    if (row.jobFamily !== target.jobFamily) changes.jobFamily = row.jobFamily
    if (row.role !== null && row.role !== target.role) changes.role = row.role
    if (row.language !== null && row.language !== target.language) changes.language = row.language
    if (!target.isActive) changes.isActive = true
    const area = newArea(row, target)
    if (Object.keys(changes).length === 0 && !area) plan.unchanged++
    else plan.updates.push({ id: target.id, line: row.line, changes, ...(area ? { area } : {}) })
  }
  for (const person of existing) {
    if (person.isActive && !matched.has(person.id) && person.id !== actorId) plan.missing.push(person.id)
  }
  return plan
}
