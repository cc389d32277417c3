// People import: the preview validates everything and writes nothing; the commit re-checks the same file against
// the database as it is then and writes it in one transaction (all or nothing).
import { randomBytes } from "node:crypto"
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { eq, inArray } from "drizzle-orm"
import { databasePath } from "#db/client"
import {
  type AmbiguousUnit,
  buildUnitLookup,
  type CsvEncoding,
  decodeCsvBytes,
  type ImportPlan,
  parseCsvText,
  planImport,
  type RowError,
  readHeader,
  type UnitChoices,
  validateImportRows,
} from "~/domain/admin-people-import"
import type { JobFamily } from "~/domain/vocabulary"
import { recordAudit } from "./audit.server"
import { revokeSessionsOf } from "./auth.server"
import { type Db, getDb, schema } from "./db.server"
import { getJobTitleTable } from "./job-titles.server"

const { managerScopes, people, units } = schema

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
/** How many row errors a preview lists; the total is always given. */
export const MAX_LISTED_ERRORS = 500

export type FileError =
  | { reason: "binary" | "empty" | "too_large" | "no_rows" | "expired" | "no_file" }
  | { reason: "malformed"; line: number | null }
  | { reason: "invalid_utf8" | "mixed_encoding"; line: number }
  | { reason: "unknown_columns" | "missing_columns" | "duplicate_columns"; columns: string[] }

export type ImportCounts = {
  rows: number
  creates: number
  updates: number
  unchanged: number
  missing: number
}

export type ImportCheck =
  | { ok: false; fileError: FileError }
  | {
      ok: true
      counts: ImportCounts
      errors: RowError[]
      errorCount: number
      plan: ImportPlan
      /** the first rows as Parat read them, for the admin to check before confirming */
      sample: ImportSample[]
      /** unit names several units share, for the admin to choose between (each is also a row error until chosen) */
      ambiguous: AmbiguousUnit[]
    }

export type ImportSample = {
  line: number
  name: string
  email: string
  unit: string
  jobFamily: JobFamily
  /** the names of the units the row makes the person manager of (empty: none set by this file) */
  area: string[]
}
const SAMPLE_ROWS = 10

/** Decodes, parses, validates and plans a file against the current database. Writes nothing. */
export function checkImport(
  bytes: Uint8Array,
  actorId: number,
  db: Db = getDb(),
  encoding: CsvEncoding = "utf-8",
  unitChoices: UnitChoices = new Map(),
): ImportCheck {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, fileError: { reason: "too_large" } }
  const decoded = decodeCsvBytes(bytes, encoding)
  if (!decoded.ok) {
    const { ok: _ok, ...fileError } = decoded
    return { ok: false, fileError }
  }
  const parsed = parseCsvText(decoded.text)
  if (!parsed.ok) return { ok: false, fileError: { reason: "malformed", line: parsed.line } }
  const header = readHeader(parsed.header)
  if (!header.ok) return { ok: false, fileError: { reason: header.reason, columns: header.columns } }
  if (parsed.records.length === 0) return { ok: false, fileError: { reason: "no_rows" } }

  const lookup = buildUnitLookup(
    db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        parentId: units.parentId,
        retiredAt: units.retiredAt,
      })
      .from(units)
      .all()
      .map(({ retiredAt, ...u }) => ({ ...u, isRetired: retiredAt !== null })),
  )
  const { rows, errors, ambiguous } = validateImportRows(
    parsed.records,
    header.columns,
    lookup,
    getJobTitleTable(db),
    unitChoices,
  )
  const areas = new Map<number, number[]>()
  for (const scope of db
    .select({ personId: managerScopes.personId, unitId: managerScopes.unitId })
    .from(managerScopes)
    .orderBy(managerScopes.personId, managerScopes.unitId)
    .all())
    areas.set(scope.personId, [...(areas.get(scope.personId) ?? []), scope.unitId])
  const existing = db
    .select({
      id: people.id,
      employeeId: people.employeeId,
      email: people.email,
      name: people.name,
      unitId: people.unitId,
      jobFamily: people.jobFamily,
      role: people.role,
      language: people.language,
      isActive: people.isActive,
    })
    .from(people)
    .all()
    .map((person) => ({ ...person, area: areas.get(person.id) ?? [] }))
  const plan = planImport(rows, existing, actorId)
  const allErrors = [...errors, ...plan.errors].sort((a, b) => a.line - b.line)
  return {
    ok: true,
    counts: {
      rows: parsed.records.length,
      creates: plan.creates.length,
      updates: plan.updates.length,
      unchanged: plan.unchanged,
      missing: plan.missing.length,
    },
    errors: allErrors.slice(0, MAX_LISTED_ERRORS),
    errorCount: allErrors.length,
    plan,
    sample: rows.slice(0, SAMPLE_ROWS).map((row) => ({
      line: row.line,
      name: row.name,
      email: row.email,
      unit: lookup.byId.get(row.unitId)?.name ?? "",
      jobFamily: row.jobFamily,
      area: (row.area ?? []).map((id) => lookup.byId.get(id)?.name ?? ""),
    })),
    ambiguous,
  }
}

export type ImportOutcome =
  | { ok: false; fileError: FileError }
  | { ok: false; errors: RowError[]; errorCount: number }
  | { ok: true; created: number; updated: number; unchanged: number; deactivated: number }

const CHUNK = 500

/** Writes a checked file in one transaction; any row error writes nothing. */
export function importPeople(
  bytes: Uint8Array,
  actorId: number,
  options: {
    deactivateMissing: boolean
    fileName?: string
    encoding?: CsvEncoding
    unitChoices?: UnitChoices
  },
  db: Db = getDb(),
): ImportOutcome {
  const check = checkImport(bytes, actorId, db, options.encoding, options.unitChoices)
  if (!check.ok) return check
  if (check.errorCount > 0) return { ok: false, errors: check.errors, errorCount: check.errorCount }
  const { plan } = check
  const deactivate = options.deactivateMissing ? plan.missing : []
  let areasSet = 0
  db.transaction((tx) => {
    const setArea = (personId: number, area: readonly number[]) => {
      tx.delete(managerScopes).where(eq(managerScopes.personId, personId)).run()
      if (area.length > 0)
        tx.insert(managerScopes)
          .values(area.map((unitId) => ({ personId, unitId })))
          .run()
      areasSet++
    }
    for (let i = 0; i < plan.creates.length; i += CHUNK) {
      const created = tx
        .insert(people)
        .values(
          plan.creates.slice(i, i + CHUNK).map((row) => ({
            employeeId: row.employeeId,
            email: row.email,
            name: row.name,
            unitId: row.unitId,
            jobFamily: row.jobFamily,
            role: row.role ?? "employee",
            language: row.language ?? "da",
          })),
        )
        .returning({ id: people.id, email: people.email })
        .all()
      const idOf = new Map(created.map((p) => [p.email, p.id]))
      for (const row of plan.creates.slice(i, i + CHUNK))
        if (row.area) setArea(idOf.get(row.email)!, row.area)
    }
    for (const update of plan.updates) {
      if (Object.keys(update.changes).length > 0)
        tx.update(people).set(update.changes).where(eq(people.id, update.id)).run()
      if (update.area) setArea(update.id, update.area)
    }
    for (let i = 0; i < deactivate.length; i += CHUNK) {
      tx.update(people)
        .set({ isActive: false })
        .where(inArray(people.id, deactivate.slice(i, i + CHUNK)))
        .run()
    }
    // Deactivated people are signed out everywhere, as when an admin deactivates one person.
    revokeSessionsOf(deactivate, tx)
    recordAudit(tx, actorId, "people.import", options.fileName ?? null, {
      rows: check.counts.rows,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      deactivated: deactivate.length,
      areas: areasSet,
    })
  })
  return {
    ok: true,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    deactivated: deactivate.length,
  }
}

// ---------------------------------------------------------------- staging between preview and commit

// The previewed file waits on disk next to the database, named by a random token, so the confirm form only
// carries the token (a 50,000-row file would make a heavy hidden field) and works without JavaScript.
const STAGE_TTL_MS = 60 * 60 * 1000
const TOKEN = /^[A-Za-z0-9_-]{43}$/

function stageDir() {
  return join(dirname(databasePath()), "imports")
}

export function stageImport(bytes: Uint8Array): string {
  const dir = stageDir()
  mkdirSync(dir, { recursive: true })
  const now = Date.now()
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (now - statSync(path).mtimeMs > STAGE_TTL_MS) rmSync(path, { force: true })
  }
  const token = randomBytes(32).toString("base64url")
  writeFileSync(join(dir, `${token}.csv`), bytes)
  return token
}

export function readStagedImport(token: string): Uint8Array | null {
  if (!TOKEN.test(token)) return null
  const path = join(stageDir(), `${token}.csv`)
  try {
    if (Date.now() - statSync(path).mtimeMs > STAGE_TTL_MS) return null
    return readFileSync(path)
  } catch {
    return null
  }
}

export function discardStagedImport(token: string) {
  if (TOKEN.test(token)) rmSync(join(stageDir(), `${token}.csv`), { force: true })
}
