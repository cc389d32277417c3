import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import * as myDataPage from "~/routes/account.data"
import { loader as myDataJson } from "~/routes/account.data[.]json"
import { getInstrumentV1, saveDraftPage } from "~/services/survey.server"
import type { Db } from "../../db/client"
import {
  auditLog,
  enrolments,
  handbookChecks,
  lessonProgress,
  modules,
  people,
  quizAttempts,
  units,
} from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { seedSurvey } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let cycleId: number
const instrument = getInstrumentV1()

beforeEach(() => {
  db = testDb()
  const hash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  cycleId = seedSurvey(db, instrument, { passwordHash: hash })
})

function makePerson(tag: string) {
  const hash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  const unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  const email = `${tag}-${process.pid}@mydata.test`
  const id = ensurePerson(db, {
    email,
    name: `Navn ${tag}`,
    jobFamily: "nurse",
    unitId,
    passwordHash: hash,
    employeeId: `MD-${tag}`,
  })
  return { id, email, unitId, name: `Navn ${tag}` }
}

function giveHistory(person: { id: number; unitId: number }, likert: string) {
  const items = instrument.dimensions[0]!.items
  const entries = items.map(
    (item) => [item.id, item.kind === "likert" ? likert : item.correct] as [string, string],
  )
  expect(saveDraftPage(person, cycleId, 1, "next", entries, db).kind).toBe("saved")
  const slug = db.select({ slug: modules.slug }).from(modules).limit(1).get()?.slug
  if (!slug) throw new Error("no modules synced")
  db.insert(enrolments).values({ personId: person.id, moduleSlug: slug, startedAt: new Date() }).run()
  db.insert(lessonProgress)
    .values({ personId: person.id, moduleSlug: slug, lessonSlug: "intro", readAt: new Date() })
    .run()
  db.insert(quizAttempts)
    .values({ personId: person.id, moduleSlug: slug, answers: { q1: ["b"] }, score: 0.5, isPassed: false })
    .run()
  db.insert(handbookChecks)
    .values({ personId: person.id, itemId: `check-${person.id}`, checkedAt: new Date() })
    .run()
  return items[0]!.id
}

async function download(cookie: string) {
  const response = (await myDataJson({
    request: makeRequest("/account/data.json", { cookie }),
    params: {},
    context: {},
  })) as Response
  return { response, text: await response.clone().text(), json: await response.json() }
}

test("a person downloads all of their own data as JSON, and nothing of anyone else's and no secrets", async () => {
  // Make sure modules exist (the learning sync runs when the path is read).
  const me = makePerson("me")
  const other = makePerson("other")
  const cookie = await loginCookie(me.email)
  const { loader: pathLoader } = await import("~/routes/learn._index")
  await pathLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} })
  const firstItem = giveHistory(me, "4")
  giveHistory(other, "2")
  const admin = db
    .select({ id: people.id, email: people.email, name: people.name })
    .from(people)
    .where(eq(people.email, "admin@parat.test"))
    .get()!
  db.insert(auditLog)
    .values([
      {
        at: new Date(),
        actorId: admin.id,
        action: "person.update",
        target: `person:${me.id}`,
        details: { email: me.email, role: { from: "employee", to: "manager" } },
      },
      {
        at: new Date(),
        actorId: admin.id,
        action: "person.update",
        target: `person:${other.id}`,
        details: { email: other.email },
      },
    ])
    .run()

  const { response, text, json } = await download(cookie)
  expect(response.status).toBe(200)
  expect(response.headers.get("Cache-Control")).toBe("private, no-store")
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8")
  expect(response.headers.get("Content-Disposition")).toMatch(
    /^attachment; filename="parat-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
  )

  expect(json.profile).toMatchObject({
    name: me.name,
    email: me.email,
    employeeId: "MD-me",
    jobFamily: "nurse",
    unit: { code: "NOR-AKM" },
  })
  const answered = json.surveys.responses.find((r: { cycle: { id: number } }) => r.cycle.id === cycleId)
  expect(answered.status).toBe("draft")
  expect(answered.answers.find((a: { itemId: string }) => a.itemId === firstItem).answer).toBe(4)
  expect(json.learning.enrolments).toHaveLength(1)
  expect(json.learning.lessonsRead).toEqual([expect.objectContaining({ lesson: "intro" })])
  expect(json.learning.quizAttempts).toEqual([
    expect.objectContaining({ answers: { q1: ["b"] }, score: 0.5, isPassed: false }),
  ])
  expect(json.learning.path).toHaveProperty("groups")
  expect(json.handbookChecks).toEqual([expect.objectContaining({ item: `check-${me.id}` })])
  expect(json.audit.aboutYou).toEqual([
    expect.objectContaining({
      action: "person.update",
      details: { email: me.email, role: { from: "employee", to: "manager" } },
    }),
  ])
  expect(json.sessions.length).toBeGreaterThanOrEqual(1)

  // Nothing of the other person, nor of the admin who acted; no hashes, no tokens.
  for (const foreign of [other.email, other.name, `check-${other.id}`, admin.email, admin.name])
    expect(text).not.toContain(foreign)
  const myHash = db.select({ h: people.passwordHash }).from(people).where(eq(people.id, me.id)).get()!.h!
  expect(text).not.toContain(myHash)
  expect(text).not.toContain(cookie.split("=")[1]!)
  expect(text).not.toMatch(/password_?hash|idHash|tokenHash/i)
})

test("the page and the download need a signed-in person, and the page is never cached", async () => {
  await expect(
    myDataJson({ request: makeRequest("/account/data.json"), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 302 })
  await expect(
    myDataPage.loader({ request: makeRequest("/account/data"), params: {}, context: {} }),
  ).rejects.toMatchObject({ status: 302 })
  const headers = new Headers(myDataPage.headers({} as never) as HeadersInit)
  expect(headers.get("Cache-Control")).toBe("private, no-store")
})
