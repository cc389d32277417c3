// The managers' invited-and-reminded counts under the disclosure rule: the frozen publication of a closed cycle,
// the participation audit of an open one; never a small group, not even as a parent minus its shown children.
import { createElement } from "react"
import { renderToString } from "react-dom/server"
import { I18nextProvider } from "react-i18next"
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server"
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest"
import type { ShownCount } from "~/domain/admin-counts"
import { DIMENSIONS } from "~/domain/vocabulary"
import { createI18n } from "~/i18n/i18n.server"
import InvitationsPage, { loader as invitationsLoader } from "~/routes/invitations"
import { closeCycle, createCycle, openCycle, setReminderDays } from "~/services/admin-cycles.server"
import { getManagerMailCounts, processOutbox, scheduleReminders } from "~/services/mail.server"
import { createMailTransport, type MailTransport } from "~/services/mail-transport.server"
import { recordResult } from "~/services/results.server"
import type { Db } from "../../db/client"
import { instrumentVersions, responses } from "../../db/schema"
import { ensureManagerScope, ensurePerson, ensureUnit } from "../../scripts/seed/factories"
import { startSmtpServer } from "../support/smtp-server"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let transport: MailTransport
let adminId: number
let rootId: number
const HASH = "mail-counts-instrument"
const DAY = 86_400_000
const opensAt = new Date("2026-03-02T07:00:00Z")
const K = 5

beforeAll(async () => {
  smtp = await startSmtpServer()
  transport = createMailTransport(smtp.url)
})
afterAll(async () => {
  transport.transporter.close()
  await smtp.close()
})
beforeEach(() => {
  db = testDb("empty")
  db.insert(instrumentVersions).values({ hash: HASH, key: "ai-readiness", version: 1, content: {} }).run()
  rootId = ensureUnit(db, { code: "MC-ROOT", name: "Region", kind: "region" })
  adminId = ensurePerson(db, {
    email: "mc-admin@parat.test",
    name: "Admin",
    jobFamily: "administrative",
    unitId: rootId,
    role: "admin",
  })
})

/**
 * A department with sections of the given sizes (people, of whom `submit` answer before the reminder), a cycle
 * that invited them all by e-mail and reminded those who had not answered, and its manager.
 */
async function mailedDepartment(sections: { name: string; people: number; submit: number }[]) {
  const deptId = ensureUnit(db, { code: "MC-DEPT", name: "Afdeling", kind: "department", parentId: rootId })
  const people = sections.map((section) => {
    const unitId = ensureUnit(db, {
      code: `MC-${section.name}`,
      name: section.name,
      kind: "section",
      parentId: deptId,
    })
    const ids = Array.from({ length: section.people }, (_, i) =>
      ensurePerson(db, {
        email: `${section.name}-${i}@parat.test`,
        name: `P ${i}`,
        jobFamily: "nurse",
        unitId,
      }),
    )
    return { unitId, ids, submit: section.submit }
  })
  const created = createCycle(
    adminId,
    { name: "Runde", instrumentHash: HASH, unitIds: [deptId], opensOn: "2026-03-02", closesOn: "2026-03-30" },
    db,
  )
  if (!created.ok) throw new Error(created.reason)
  setReminderDays(adminId, created.id, [7], db)
  expect(openCycle(adminId, created.id, db, K, opensAt)).toEqual({ ok: true, id: created.id })
  await processOutbox(transport, { db, now: opensAt, limit: 500 })
  // Answers as the survey stores them: the response and its scored result in every dimension.
  for (const section of people)
    for (const personId of section.ids.slice(0, section.submit)) {
      const response = db
        .insert(responses)
        .values({
          cycleId: created.id,
          personId,
          status: "submitted",
          updatedAt: opensAt,
          submittedAt: opensAt,
        })
        .returning({ id: responses.id })
        .get()
      recordResult(db, {
        responseId: response.id,
        cycleId: created.id,
        personId,
        unitId: section.unitId,
        jobFamily: "nurse",
        submittedAt: opensAt,
        scored: {
          dimensions: DIMENSIONS.map((dimension) => ({
            dimension,
            score: 50,
            level: 2,
            answered: 4,
            total: 4,
            isComplete: true,
          })),
          minLevel: 2,
        },
      })
    }
  const reminderAt = new Date(opensAt.getTime() + 7.5 * DAY)
  scheduleReminders(db, reminderAt)
  await processOutbox(transport, { db, now: reminderAt, limit: 500 })
  const managerId = ensurePerson(db, {
    email: "mc-manager@parat.test",
    name: "Leder",
    jobFamily: "management",
    unitId: deptId,
    role: "manager",
  })
  ensureManagerScope(db, managerId, deptId)
  return { cycleId: created.id, deptId, sections: people.map((s) => s.unitId), managerId }
}

function rowsOf(managerId: number, cycleId: number) {
  const cycle = getManagerMailCounts(managerId, db).find((c) => c.cycleId === cycleId)
  return new Map((cycle?.rows ?? []).map((row) => [row.unitId, row]))
}
const isShown = (count: ShownCount | undefined) => count?.kind === "count"

/** A unit of 2 beside two of 10: hidden, and the department minus the shown sections never gives it away. */
function expectSmallSectionHidden(rows: ReturnType<typeof rowsOf>, deptId: number, sections: number[]) {
  const [large1, small, large2] = sections as [number, number, number]
  expect(rows.get(small)).toMatchObject({ invited: { kind: "hidden" }, reminded: { kind: "hidden" } })
  for (const measure of ["invited", "reminded"] as const) {
    const parentAndSiblingsShown = [deptId, large1, large2].every((id) => isShown(rows.get(id)?.[measure]))
    expect(parentAndSiblingsShown, measure).toBe(false)
  }
}

const SECTIONS = [
  { name: "Stor1", people: 10, submit: 5 },
  { name: "Lille", people: 2, submit: 1 },
  { name: "Stor2", people: 10, submit: 5 },
]

test("open cycle: a small section's counts are hidden and cannot be worked out from its department", async () => {
  const { cycleId, deptId, sections, managerId } = await mailedDepartment(SECTIONS)
  const rows = rowsOf(managerId, cycleId)
  expect([...rows.keys()].sort()).toEqual([deptId, ...sections].sort())
  expectSmallSectionHidden(rows, deptId, sections)
  // The audit still shows what it can: at least one large section's counts.
  expect(sections.some((id) => isShown(rows.get(id)?.invited) && isShown(rows.get(id)?.reminded))).toBe(true)
})

test("closed cycle: only what the frozen publication shows, with the same hiding", async () => {
  const { cycleId, deptId, sections, managerId } = await mailedDepartment(SECTIONS)
  expect(closeCycle(adminId, cycleId, db)).toMatchObject({ ok: true })
  const rows = rowsOf(managerId, cycleId)
  expectSmallSectionHidden(rows, deptId, sections)
  const published = db.$client
    .prepare("SELECT unit_id AS unitId FROM published_cells WHERE cycle_id = ? AND slice = 'all'")
    .all(cycleId) as { unitId: number }[]
  const shownCells = new Set(published.map((c) => c.unitId))
  for (const [unitId, row] of rows) {
    if (isShown(row.invited)) expect(shownCells.has(unitId)).toBe(true)
    if (isShown(row.reminded)) expect(isShown(row.invited)).toBe(true)
  }
})

test("a unit of at least k shows how many were invited and reminded, open and closed", async () => {
  const { cycleId, sections, managerId } = await mailedDepartment([{ name: "Hel", people: 10, submit: 5 }])
  const expected = { invited: { kind: "count", n: 10 }, reminded: { kind: "count", n: 5 } }
  expect(rowsOf(managerId, cycleId).get(sections[0]!)).toMatchObject(expected)
  expect(closeCycle(adminId, cycleId, db)).toMatchObject({ ok: true })
  expect(rowsOf(managerId, cycleId).get(sections[0]!)).toMatchObject(expected)
})

test("a reminded count is not shown where the answers would be a small group", async () => {
  // 10 invited, 1 answered: participation is hidden, so the 9 reminded (10 - 1 answered) are not shown either.
  const { cycleId, sections, managerId } = await mailedDepartment([{ name: "Få", people: 10, submit: 1 }])
  expect(rowsOf(managerId, cycleId).get(sections[0]!)).toMatchObject({
    invited: { kind: "hidden" },
    reminded: { kind: "hidden" },
  })
})

test("the manager's page says 'not shown' for a hidden count", async () => {
  const { managerId } = await mailedDepartment(SECTIONS)
  expect(managerId).toBeGreaterThan(0)
  const cookie = await loginCookie("mc-manager@parat.test")
  const handler = createStaticHandler([
    {
      id: "invitations",
      path: "/invitations",
      loader: ({ request }) => invitationsLoader({ request, params: {}, context: {} }),
      Component: InvitationsPage,
    },
  ])
  const context = await handler.query(makeRequest("/invitations", { cookie }))
  if (context instanceof Response) throw new Error(`redirected: ${context.status}`)
  const i18n = await createI18n("en")
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(StaticRouterProvider, {
        router: createStaticRouter(handler.dataRoutes, context),
        context,
      }),
    ),
  )
  const cell = (name: string) =>
    new RegExp(`<th scope="row"[^>]*>${name}</th><td>([^<]*)</td><td>([^<]*)</td>`).exec(html)?.slice(1)
  expect(cell("Lille")).toEqual(["not shown", "not shown"])
})
