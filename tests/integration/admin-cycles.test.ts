import { count, eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { action as cyclesAction } from "~/routes/admin.cycles._index"
import { loader as cycleLoader } from "~/routes/admin.cycles.$id"
import { closeCycle, createCycle, getCycleDetail, openCycle } from "~/services/admin-cycles.server"
import { updatePerson } from "~/services/admin-people.server"
import { moveUnit, renameUnit, retireUnit } from "~/services/admin-units.server"
import type { SessionUser } from "~/services/auth.server"
import { loadAllContent } from "~/services/content-loader.server"
import { openCyclesForPerson } from "~/services/cycle-eligibility.server"
import { getUnitReport } from "~/services/reports.server"
import type { Db } from "../../db/client"
import {
  auditLog,
  cycleInvitations,
  cycles,
  instrumentVersions,
  people,
  responses,
  units,
} from "../../db/schema"
import { seedReports } from "../../scripts/seed/reports"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
let adminId: number
const HASH = "test-instrument-hash"
const unitId = (code: string) => db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()!.id
const personId = (email: string) =>
  db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id
const firstPersonIn = (code: string) =>
  db
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(units.code, code))
    .get()!.id

beforeEach(async () => {
  db = testDb()
  adminId = personId("admin@parat.test")
  db.insert(instrumentVersions).values({ hash: HASH, key: "ai-readiness", version: 1, content: {} }).run()
})

const dates = { opensOn: "2026-03-01", closesOn: "2026-03-31" }
const duringCycle = new Date("2026-03-15T12:00:00Z")
const offered = (personId: number, now = duringCycle) => openCyclesForPerson(personId, db, now)

test("an employee sees a cycle only when it is open and their unit lies in a targeted subtree", () => {
  const created = createCycle(adminId, {
    name: "Nordhavn forår",
    instrumentHash: HASH,
    unitIds: [unitId("NOR")],
    ...dates,
  })
  if (!created.ok) throw new Error(created.reason)
  const nordhavnEmployee = personId("employee@parat.test") // Akutmodtagelsen, Nordhavn
  const sectionEmployee = firstPersonIn("NOR-RAD-1") // a section two levels below the hospital
  const skovbrynetEmployee = firstPersonIn("SKO-INT")

  // A draft is invisible to everyone.
  expect(offered(nordhavnEmployee)).toEqual([])

  expect(openCycle(adminId, created.id, db, 5)).toEqual({ ok: true, id: created.id })
  expect(offered(nordhavnEmployee).map((c) => c.name)).toEqual(["Nordhavn forår"])
  expect(offered(sectionEmployee).map((c) => c.id)).toEqual([created.id])
  expect(offered(skovbrynetEmployee)).toEqual([])

  // Closed: invisible again.
  expect(closeCycle(adminId, created.id)).toEqual({ ok: true, id: created.id })
  expect(offered(nordhavnEmployee)).toEqual([])
})

test("opening invites the active people of the targeted subtrees, once each, and fixes k", () => {
  const created = createCycle(adminId, {
    name: "Two targets",
    instrumentHash: HASH,
    // the hospital and one of its own departments: nobody is invited twice
    unitIds: [unitId("SKO"), unitId("SKO-INT"), unitId("VES-NEU")],
    ...dates,
  })
  if (!created.ok) throw new Error(created.reason)
  const inactive = firstPersonIn("SKO-BIO")
  db.update(people).set({ isActive: false }).where(eq(people.id, inactive)).run()
  openCycle(adminId, created.id, db, 7)
  const invited = db.select().from(cycleInvitations).where(eq(cycleInvitations.cycleId, created.id)).all()
  const inSko = db.$client
    .prepare(
      "select count(*) as n from people p join units u on u.id = p.unit_id where p.is_active = 1 and (u.path like (select path from units where code = 'SKO') || '%' or u.path like (select path from units where code = 'VES-NEU') || '%')",
    )
    .get() as { n: number }
  expect(invited.length).toBe(inSko.n)
  expect(new Set(invited.map((i) => i.personId)).size).toBe(invited.length)
  expect(invited.some((i) => i.personId === inactive)).toBe(false)
  expect(db.select({ k: cycles.minGroupSize }).from(cycles).where(eq(cycles.id, created.id)).get()!.k).toBe(7)
  // Opening twice is refused; closing a draft too.
  expect(openCycle(adminId, created.id)).toEqual({ ok: false, reason: "not_draft" })
  const actions = db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.target, `cycle:${created.id}`))
    .all()
  expect(actions.map((a) => a.action)).toEqual(["cycle.create", "cycle.open"])
})

/** A cycle "Counts" over Nordhavn, open, with six submissions in Akutmodtagelsen and one in the 3-person ethics unit. */
function countsCycle() {
  const created = createCycle(adminId, {
    name: "Counts",
    instrumentHash: HASH,
    unitIds: [unitId("NOR")],
    ...dates,
  })
  if (!created.ok) throw new Error(created.reason)
  expect(closeCycle(adminId, created.id)).toEqual({ ok: false, reason: "not_open" })
  expect(getCycleDetail(created.id)!.wouldInvite).toMatchObject({ kind: "count" })
  openCycle(adminId, created.id, db, 5)
  // Six submissions in Akutmodtagelsen, one in Klinisk Etisk Enhed (3 people)
  const submit = (personIds: number[]) =>
    db
      .insert(responses)
      .values(
        personIds.map((id) => ({
          cycleId: created.id,
          personId: id,
          status: "submitted" as const,
          updatedAt: new Date(),
        })),
      )
      .run()
  const akm = db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.unitId, unitId("NOR-AKM")))
    .limit(6)
    .all()
  const etk = db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.unitId, unitId("NOR-ETK")))
    .limit(1)
    .all()
  submit([...akm, ...etk].map((p) => p.id))
  return created.id
}

test("participation per unit withholds every count below k and every count that would give a small group away", () => {
  const id = countsCycle()
  const detail = getCycleDetail(id)!
  const row = (code: string) => detail.rows.find((r) => r.code === code)!
  expect(row("NOR-ETK").invited).toEqual({ kind: "fewer", k: 5 }) // 3 people
  expect(row("NOR-ETK").submitted).toEqual({ kind: "fewer", k: 5 })
  // Nordhavn's 7 beside Akutmodtagelsen's 6 would give away Klinisk Etisk Enhed's one answer: not both are shown.
  const shown = (count: { kind: string }) => count.kind === "count"
  expect(shown(row("NOR").submitted) && shown(row("NOR-AKM").submitted)).toBe(false)
  expect(shown(row("NOR-AKM").submitted) || shown(row("NOR").submitted)).toBe(true)
  // Nor can "invited minus submitted" tell who of the other departments' people did not answer: their 0 is hidden.
  expect(row("NOR-KAR").submitted.kind).not.toBe("count")
  // Units outside the targeted subtree are not listed.
  expect(detail.rows.some((r) => r.code.startsWith("SKO"))).toBe(false)
})

test("a closed cycle's participation page shows its frozen publication: the managers' figures and k, unchanged by a later move, rename, retirement or change of k", () => {
  seedReports(db, loadAllContent().content!)
  const id = db.select({ id: cycles.id }).from(cycles).where(eq(cycles.name, "Forår 2026")).get()!.id
  const detail = getCycleDetail(id)!
  const manager = db.select().from(people).where(eq(people.email, "manager@parat.test")).get()! as SessionUser
  const report = getUnitReport(manager, { unitId: unitId("NOR"), cycleId: id }, db)
  const shownToManager = report.participation.filter((r) => !r.isSuppressed)
  expect(shownToManager.length).toBeGreaterThan(2)
  for (const r of shownToManager) {
    if (r.isSuppressed) continue
    const row = detail.rows.find((d) => d.unitId === r.unitId)!
    expect(row).toMatchObject({
      invited: { kind: "count", n: r.invited },
      submitted: { kind: "count", n: r.submitted },
    })
  }
  // What the publication hides, the admin's page hides too, without saying whether the group was small.
  for (const r of report.participation.filter((p) => p.isSuppressed))
    expect(detail.rows.find((d) => d.unitId === r.unitId)).toMatchObject({ submitted: { kind: "hidden" } })
  expect(detail.rows.find((r) => r.code === "NOR-ETK")).toMatchObject({
    invited: { kind: "hidden" },
    submitted: { kind: "hidden" },
  })
  // The organisation changes after close: a unit moves to another hospital, one is renamed, the ethics unit's
  // people move away and it is retired, and the cycle's k is changed. The admin's page of the cycle stays as it
  // closed: the same tree, the same names, the same figures, the same k.
  expect(moveUnit(adminId, unitId("NOR-RAD"), unitId("SKO"), db)).toMatchObject({ ok: true })
  expect(renameUnit(adminId, unitId("NOR-AKM"), "Akutten", db)).toMatchObject({ ok: true })
  const ethics = db
    .select()
    .from(people)
    .where(eq(people.unitId, unitId("NOR-ETK")))
    .all()
  for (const person of ethics)
    expect(updatePerson(adminId, person.id, { role: person.role, unitId: unitId("NOR-KAR") }, db)).toEqual({
      ok: true,
    })
  expect(retireUnit(adminId, unitId("NOR-ETK"), db)).toMatchObject({ ok: true })
  db.update(cycles).set({ minGroupSize: 3 }).where(eq(cycles.id, id)).run()
  const after = getCycleDetail(id)!
  expect(after.rows).toEqual(detail.rows)
  expect(after.totals).toEqual(detail.totals)
  expect(after.k).toBe(5)
  expect(after.rows.find((r) => r.unitId === unitId("NOR-RAD"))!.depth).toBe(2)
  expect(after.rows.find((r) => r.unitId === unitId("NOR-AKM"))!.name).toBe("Akutmodtagelsen")
}, 60_000)

test("the cycle page's loader sends only withheld counts for small units", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const id = countsCycle()
  const data = await cycleLoader({
    request: makeRequest(`/admin/cycles/${id}`, { cookie }),
    params: { id: String(id) },
    context: {},
  })
  const etk = data.detail.rows.find((r) => r.code === "NOR-ETK")!
  expect(JSON.stringify(etk)).not.toMatch(/"n":[0-4]\b/)
})

test("creating a cycle through the form: bad input is a 400 with messages, nothing written", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const before = db.select({ n: count() }).from(cycles).get()!.n
  const post = (form: Record<string, string>) =>
    cyclesAction({
      request: makeRequest("/admin/cycles", { cookie, form }),
      params: {},
      context: {},
    }).then(asResponse)
  const noDates = await post({
    intent: "create",
    name: "X",
    instrumentHash: HASH,
    opensAt: "",
    closesAt: "2026-13-45",
  })
  expect(noDates.status).toBe(400)
  const reversed = await post({
    intent: "create",
    name: "X",
    instrumentHash: HASH,
    opensAt: "2026-05-01",
    closesAt: "2026-04-01",
    unitIds: String(unitId("NOR")),
  })
  expect(reversed.status).toBe(400)
  expect(await reversed.json()).toMatchObject({ formError: "cycles.errors.dates" })
  const noUnits = await post({
    intent: "create",
    name: "X",
    instrumentHash: HASH,
    opensAt: "2026-04-01",
    closesAt: "2026-05-01",
  })
  expect(await noUnits.json()).toMatchObject({ formError: "cycles.errors.no_units" })
  const badInstrument = await post({
    intent: "create",
    name: "X",
    instrumentHash: "nope",
    opensAt: "2026-04-01",
    closesAt: "2026-05-01",
    unitIds: String(unitId("NOR")),
  })
  expect(await badInstrument.json()).toMatchObject({ formError: "cycles.errors.instrument_not_found" })
  await expect(post({ intent: "explode" })).rejects.toMatchObject({ status: 400 })
  expect(db.select({ n: count() }).from(cycles).get()!.n).toBe(before)
  const ok = await post({
    intent: "create",
    name: "Good",
    instrumentHash: HASH,
    opensAt: "2026-04-01",
    closesAt: "2026-05-01",
    unitIds: String(unitId("NOR")),
  })
  expect(ok.status).toBe(302)
})
