// The admin's and the managers' mail pages and the reminder form, through their loaders and actions.
import { beforeEach, expect, test } from "vitest"
import { action as cycleAction } from "~/routes/admin.cycles.$id"
import { loader as mailLoader } from "~/routes/admin.mail._index"
import { loader as invitationsLoader } from "~/routes/invitations"
import { createCycle, getCycleDetail } from "~/services/admin-cycles.server"
import type { Db } from "../../db/client"
import { instrumentVersions, units } from "../../db/schema"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cycleId: number

// The demo organisation, fresh for each test, with one draft cycle.
beforeEach(() => {
  db = testDb()
  db.insert(instrumentVersions)
    .values({ hash: "mail-pages", key: "ai-readiness", version: 1, content: {} })
    .run()
  const unit = db.select({ id: units.id }).from(units).get()!
  const created = createCycle(
    1,
    {
      name: "Mailside",
      instrumentHash: "mail-pages",
      unitIds: [unit.id],
      opensOn: "2026-03-01",
      closesOn: "2026-03-30",
    },
    db,
  )
  if (!created.ok) throw new Error(created.reason)
  cycleId = created.id
})

const remind = async (cookie: string, reminderDays: string) =>
  cycleAction({
    request: makeRequest(`/admin/cycles/${cycleId}`, { cookie, form: { intent: "reminders", reminderDays } }),
    params: { id: String(cycleId) },
    context: {},
  })

test("a new cycle reminds after 7 and 12 days; the admin changes that, and bad days get a 400 with a message", async () => {
  const admin = await loginCookie("admin@parat.test")
  expect(getCycleDetail(cycleId, db)?.cycle.reminderDays).toEqual([7, 12])
  const saved = asResponse(await remind(admin, "10, 3"))
  expect(saved.status).toBe(302)
  expect(saved.headers.get("Location")).toBe(`/admin/cycles/${cycleId}?done=reminders`)
  expect(getCycleDetail(cycleId, db)?.cycle.reminderDays).toEqual([3, 10])

  const refused = asResponse(await remind(admin, "7, soon"))
  expect(refused.status).toBe(400)
  expect(await refused.json()).toEqual({ errors: { reminderDays: ["validation.reminderDays"] } })
  expect(getCycleDetail(cycleId, db)?.cycle.reminderDays).toEqual([3, 10])
})

test("only admins reach the mail page and the reminder form; managers reach their invitation counts", async () => {
  const employee = await loginCookie("employee@parat.test")
  await expect(
    mailLoader({ request: makeRequest("/admin/mail", { cookie: employee }), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 403 })
  await expect(remind(employee, "7")).rejects.toMatchObject({ status: 403 })
  await expect(
    invitationsLoader({
      request: makeRequest("/invitations", { cookie: employee }),
      params: {},
      context: {},
    }),
  ).rejects.toMatchObject({ status: 403 })

  const admin = await loginCookie("admin@parat.test")
  const page = await mailLoader({
    request: makeRequest("/admin/mail?status=failed", { cookie: admin }),
    params: {},
    context: {},
  })
  expect(page).toMatchObject({ status: "failed", transport: { kind: "log", host: null } })
  await expect(
    mailLoader({
      request: makeRequest("/admin/mail?status=lost", { cookie: admin }),
      params: {},
      context: {},
    }),
  ).rejects.toMatchObject({ status: 400 })

  const manager = await loginCookie("manager@parat.test")
  const counts = await invitationsLoader({
    request: makeRequest("/invitations", { cookie: manager }),
    params: {},
    context: {},
  })
  expect(counts).toEqual({ cycles: [] })
})
