import { and, eq, like, notLike } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import * as adminLayout from "~/routes/admin"
import * as adminIndex from "~/routes/admin._index"
import * as adminAudit from "~/routes/admin.audit"
import * as adminContent from "~/routes/admin.content"
import * as adminCycles from "~/routes/admin.cycles._index"
import * as adminCycle from "~/routes/admin.cycles.$id"
import * as adminImport from "~/routes/admin.import"
import * as adminPeople from "~/routes/admin.people._index"
import * as adminPerson from "~/routes/admin.people.$id"
import * as adminUnits from "~/routes/admin.units"
import * as resetPassword from "~/routes/reset-password.$token"
import { getContentStatus } from "~/services/admin-content.server"
import { moveUnit } from "~/services/admin-units.server"
import { getUser } from "~/services/auth.server"
import type { Db } from "../../db/client"
import { auditLog, managerScopes, passwordResets, people, units } from "../../db/schema"
import { asResponse, loginCookie, makeRequest, testDb, tryLogin } from "./db"

let db: Db
let admin: string
const unit = (code: string) => db.select().from(units).where(eq(units.code, code)).get()!
const person = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!
const args = (
  path: string,
  init: Parameters<typeof makeRequest>[1],
  params: Record<string, string> = {},
) => ({
  request: makeRequest(path, init),
  params,
  context: {},
})

beforeEach(async () => {
  db = testDb()
  admin = await loginCookie("admin@parat.test")
})

test("every admin loader and action refuses employees and managers with 403, and logged-out users go to login", async () => {
  const employee = await loginCookie("employee@parat.test")
  const manager = await loginCookie("manager@parat.test")
  const pages = [
    { module: adminLayout, path: "/admin" },
    { module: adminIndex, path: "/admin" },
    { module: adminUnits, path: "/admin/units" },
    { module: adminPeople, path: "/admin/people" },
    { module: adminPerson, path: "/admin/people/1", params: { id: "1" } },
    { module: adminImport, path: "/admin/import" },
    { module: adminCycles, path: "/admin/cycles" },
    { module: adminCycle, path: "/admin/cycles/1", params: { id: "1" } },
    { module: adminContent, path: "/admin/content" },
    { module: adminAudit, path: "/admin/audit" },
  ]
  for (const { module, path, params = {} } of pages) {
    for (const cookie of [employee, manager]) {
      await expect(module.loader(args(path, { cookie }, params))).rejects.toMatchObject({ status: 403 })
      if ("action" in module) {
        await expect(
          module.action(args(path, { cookie, form: { intent: "add", name: "x" } }, params)),
        ).rejects.toMatchObject({ status: 403 })
      }
    }
    await expect(module.loader(args(path, {}, params))).rejects.toMatchObject({ status: 302 })
  }
})

test("moving a unit carries its whole subtree; moving it under its own descendant is refused", async () => {
  const rad = unit("NOR-RAD")
  const sko = unit("SKO")
  const section = unit("NOR-RAD-1")
  const response = asResponse(
    await adminUnits.action(
      args("/admin/units", {
        cookie: admin,
        form: { intent: "move", unitId: String(rad.id), parentId: String(sko.id) },
      }),
    ),
  )
  expect(response.status).toBe(302)
  expect(unit("NOR-RAD").path).toBe(`${sko.path}${rad.id}/`)
  expect(unit("NOR-RAD-1").path).toBe(`${sko.path}${rad.id}/${section.id}/`)

  const refused = asResponse(
    await adminUnits.action(
      args("/admin/units", {
        cookie: admin,
        form: { intent: "move", unitId: String(sko.id), parentId: String(section.id) },
      }),
    ),
  )
  expect(refused.status).toBe(400)
  expect(await refused.json()).toMatchObject({ formError: "units.errors.descendant" })
  expect(unit("SKO").parentId).toBe(sko.parentId)
  const actorId = person("admin@parat.test").id
  expect(moveUnit(actorId, sko.id, sko.id)).toEqual({ ok: false, reason: "move", check: "self" })
  // Nothing else changed path: every path still ends with its own id and starts with its parent's.
  for (const u of db.select().from(units).all()) {
    const parent = u.parentId ? db.select().from(units).where(eq(units.id, u.parentId)).get()! : null
    expect(u.path).toBe(`${parent?.path ?? "/"}${u.id}/`)
  }
})

test("adding, renaming and retiring units; a unit with people cannot be retired; bad input is a 400", async () => {
  const post = (form: Record<string, string>) =>
    adminUnits.action(args("/admin/units", { cookie: admin, form })).then(asResponse)
  const nor = unit("NOR")
  expect(
    (
      await post({
        intent: "add",
        code: "nor-new",
        name: "Ny Afdeling",
        kind: "department",
        parentId: String(nor.id),
      })
    ).status,
  ).toBe(302)
  const created = unit("NOR-NEW")
  expect(created.path).toBe(`${nor.path}${created.id}/`)
  expect(
    await (
      await post({ intent: "add", code: "NOR-NEW", name: "X", kind: "department", parentId: "" })
    ).json(),
  ).toMatchObject({
    formError: "units.errors.code_taken",
  })
  expect(
    (await post({ intent: "add", code: "bad code!", name: "", kind: "planet", parentId: "x" })).status,
  ).toBe(400)
  expect((await post({ intent: "rename", unitId: String(created.id), name: "Nyt Navn" })).status).toBe(302)
  expect(unit("NOR-NEW").name).toBe("Nyt Navn")
  expect(await (await post({ intent: "retire", unitId: String(unit("NOR-AKM").id) })).json()).toMatchObject({
    formError: "units.errors.has_people",
  })
  expect((await post({ intent: "retire", unitId: String(created.id) })).status).toBe(302)
  expect(unit("NOR-NEW").retiredAt).not.toBeNull()
  await expect(post({ intent: "delete", unitId: "1" })).rejects.toMatchObject({ status: 400 })
  const actions = db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.target, `unit:${created.id}`))
    .all()
  expect(actions.map((a) => a.action)).toEqual(["unit.create", "unit.rename", "unit.retire"])
})

test("making someone a manager with a scope, then taking the role away ends the scope; all audited", async () => {
  const target = person("employee@parat.test")
  const nor = unit("NOR")
  const post = (form: Record<string, string>) =>
    adminPerson
      .action(args(`/admin/people/${target.id}`, { cookie: admin, form }, { id: String(target.id) }))
      .then(asResponse)
  expect(await (await post({ intent: "addScope", unitId: String(nor.id) })).json()).toMatchObject({
    formError: "person.errors.not_manager",
  })
  expect((await post({ intent: "update", role: "manager", unitId: String(target.unitId) })).status).toBe(302)
  expect((await post({ intent: "addScope", unitId: String(nor.id) })).status).toBe(302)
  expect(db.select().from(managerScopes).where(eq(managerScopes.personId, target.id)).all()).toEqual([
    { personId: target.id, unitId: nor.id },
  ])
  expect((await post({ intent: "update", role: "employee", unitId: String(target.unitId) })).status).toBe(302)
  expect(db.select().from(managerScopes).where(eq(managerScopes.personId, target.id)).all()).toEqual([])
  expect((await post({ intent: "update", role: "nobody", unitId: "x" })).status).toBe(400)
  const log = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.target, `person:${target.id}`), notLike(auditLog.action, "auth.%")))
    .all()
  expect(log.map((l) => l.action)).toEqual(["person.update", "scope.add", "person.update"])
  expect(log[0]?.details).toMatchObject({ role: { from: "employee", to: "manager" } })
})

test("an admin cannot demote or deactivate themselves", async () => {
  const self = person("admin@parat.test")
  const post = (form: Record<string, string>) =>
    adminPerson
      .action(args(`/admin/people/${self.id}`, { cookie: admin, form }, { id: String(self.id) }))
      .then(asResponse)
  expect(
    await (await post({ intent: "update", role: "employee", unitId: String(self.unitId) })).json(),
  ).toMatchObject({
    formError: "person.errors.own_account",
  })
  expect((await post({ intent: "deactivate" })).status).toBe(400)
  expect(person("admin@parat.test")).toMatchObject({ role: "admin", isActive: true })
})

test("a reset link is shown once, sets a new password once, expires, and ends the person's sessions", async () => {
  const target = person("manager.nor@parat.test")
  const oldSession = await loginCookie("manager.nor@parat.test")
  const result = (await adminPerson.action(
    args(
      `/admin/people/${target.id}`,
      { cookie: admin, form: { intent: "reset" } },
      { id: String(target.id) },
    ),
  )) as { reset: { link: string } }
  const token = result.reset.link.split("/reset-password/")[1]!
  expect(result.reset.link).toMatch(/^http:\/\/localhost\/reset-password\/[A-Za-z0-9_-]{43}$/)
  // Only the hash is stored.
  expect(
    db
      .select()
      .from(passwordResets)
      .all()
      .some((r) => r.tokenHash === token),
  ).toBe(false)

  expect(await resetPassword.loader(args(`/reset-password/${token}`, {}, { token }))).toEqual({
    email: target.email,
  })
  const tooShort = asResponse(
    await resetPassword.action(
      args(
        `/reset-password/${token}`,
        { form: { newPassword: "short", confirmPassword: "short" } },
        { token },
      ),
    ),
  )
  expect(tooShort.status).toBe(400)
  const done = asResponse(
    await resetPassword.action(
      args(
        `/reset-password/${token}`,
        {
          form: { newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" },
        },
        { token },
      ),
    ),
  )
  expect(await done.json()).toMatchObject({ isDone: true })
  expect(getUser(makeRequest("/", { cookie: oldSession }))).toBeNull()
  expect(await tryLogin(target.email, "a brand new passphrase", "test-reset")).toMatchObject({ ok: true })

  // Single use.
  expect(await resetPassword.loader(args(`/reset-password/${token}`, {}, { token }))).toEqual({ email: null })
  const again = asResponse(
    await resetPassword.action(
      args(
        `/reset-password/${token}`,
        { form: { newPassword: "another passphrase!", confirmPassword: "another passphrase!" } },
        { token },
      ),
    ),
  )
  expect(again.status).toBe(400)

  // Expired after 24 hours.
  const second = (await adminPerson.action(
    args(
      `/admin/people/${target.id}`,
      { cookie: admin, form: { intent: "reset" } },
      { id: String(target.id) },
    ),
  )) as { reset: { link: string } }
  const token2 = second.reset.link.split("/reset-password/")[1]!
  db.update(passwordResets)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(and(eq(passwordResets.personId, target.id)))
    .run()
  expect(await resetPassword.loader(args(`/reset-password/${token2}`, {}, { token: token2 }))).toEqual({
    email: null,
  })
  expect(await resetPassword.loader(args("/reset-password/garbage", {}, { token: "garbage" }))).toEqual({
    email: null,
  })
  expect(db.select().from(auditLog).where(like(auditLog.action, "person.password_reset")).all().length).toBe(
    2,
  )
})

test("the audit log filters by action, actor and date", async () => {
  const moved = asResponse(
    await adminUnits.action(
      args("/admin/units", {
        cookie: admin,
        form: { intent: "move", unitId: String(unit("NOR-RAD").id), parentId: String(unit("SKO").id) },
      }),
    ),
  )
  expect(moved.status).toBe(302)
  const all = await adminAudit.loader(args("/admin/audit", { cookie: admin }))
  expect(all.log.entries.length).toBeGreaterThan(0)
  const moves = await adminAudit.loader(args("/admin/audit?action=unit.move", { cookie: admin }))
  expect(moves.log.entries.map((e) => e.action)).toEqual(["unit.move"])
  expect(moves.log.entries[0]?.actorName).toBe("Ada Administrator")
  const future = await adminAudit.loader(args("/admin/audit?from=2999-01-01", { cookie: admin }))
  expect(future.log.entries).toEqual([])
  await expect(
    adminAudit.loader(args("/admin/audit?action=drop.tables", { cookie: admin })),
  ).rejects.toMatchObject({
    status: 400,
  })
})

test("the people search finds by name, email or employee id, and pages are 400-safe", async () => {
  const found = await adminPeople.loader(args("/admin/people?q=employee%40parat", { cookie: admin }))
  expect(found.result.rows.map((r) => r.email)).toEqual(["employee@parat.test"])
  const byId = await adminPeople.loader(args("/admin/people?q=D00001", { cookie: admin }))
  expect(byId.result.rows.length).toBeGreaterThan(0)
  await expect(adminPeople.loader(args("/admin/people?page=-1", { cookie: admin }))).rejects.toMatchObject({
    status: 400,
  })
  await expect(
    adminPerson.loader(args("/admin/people/abc", { cookie: admin }, { id: "abc" })),
  ).rejects.toMatchObject({ status: 404 })
})

test("content status lists the content check's problems with file and line", () => {
  const status = getContentStatus(db, "/nonexistent-courses-dir")
  expect(status.errors.length).toBeGreaterThan(0)
  expect(status.errors[0]?.file).toBeTruthy()
  // The real courses/ folder: whatever its state, every problem names its file.
  const current = getContentStatus(db)
  for (const error of current.errors) expect(error.text).toContain(error.file)
})
