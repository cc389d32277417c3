// Item analysis for admins: only closed cycles with enough responses, only aggregates, page and CSV.
import { eq } from "drizzle-orm"
import { beforeAll, expect, test } from "vitest"
import { danishDay } from "~/domain/calendar"
import { formFor, seededRandom } from "~/domain/form"
import { MIN_RESPONSES } from "~/domain/item-analysis"
import { DONT_KNOW } from "~/domain/scoring"
import { loader as pageLoader } from "~/routes/admin.item-analysis"
import { loader as csvLoader } from "~/routes/admin.item-analysis[.]csv"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getItemAnalysis, listAnalysableCycles } from "~/services/item-analysis.server"
import { getCurrentInstrument, saveDraftPage, submitResponse } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { cycles, people, units } from "../../db/schema"
import { ensurePerson } from "../../scripts/seed/factories"
import { ensureCycle, inviteToCycle } from "../../scripts/seed/survey"
import { loginCookie, makeRequest, testDb } from "./db"

let db: Db
let bigCycle: number
let smallCycle: number
const v2 = getCurrentInstrument()
const now = new Date()

/** A cycle with `n` people who answer v2: able people know most answers, the others guess or say don't know. */
function cycleWithResponses(name: string, n: number, unitId: number, passwordHash: string) {
  const cycleId = ensureCycle(db, {
    name,
    instrumentHash: ensureInstrumentVersion(db, v2),
    status: "open",
    opensOn: danishDay(new Date(now.getTime() - 86_400_000)),
    closesOn: danishDay(new Date(now.getTime() + 86_400_000)),
    minGroupSize: 5,
    unitIds: [unitId],
  })
  const random = seededRandom(name)
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const email = `item.${name.replace(/\W/g, "")}.${i}.${process.pid}@parat.test`
    ids.push(
      ensurePerson(db, { email, name: `Item ${i}`, jobFamily: "nurse", unitId, passwordHash, isDemo: true }),
    )
  }
  inviteToCycle(db, cycleId)
  for (const [i, id] of ids.entries()) {
    const ability = i / n
    const user = { id, unitId }
    formFor(v2, { personId: id, cycleId, jobFamily: "nurse" }).pages.forEach((page, p) => {
      const entries: [string, string][] = []
      for (const item of page.items) {
        if (item.kind === "likert") entries.push([item.id, String(1 + Math.floor(random() * 5))])
        if (item.kind !== "knowledge") continue
        const knows = random() < ability
        const guess = item.options[Math.floor(random() * item.options.length)]!.id
        entries.push([item.id, knows ? item.correct : random() < 0.5 ? DONT_KNOW : guess])
      }
      saveDraftPage(user, cycleId, p + 1, "next", entries, db, now)
    })
    expect(submitResponse(user, cycleId, db, now)).toEqual({ kind: "submitted" })
  }
  db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, cycleId)).run()
  return cycleId
}

beforeAll(async () => {
  db = testDb("demo")
  const passwordHash = db.select({ h: people.passwordHash }).from(people).limit(1).get()!.h!
  const unitId = db.select({ id: units.id }).from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  bigCycle = cycleWithResponses("Item analysis, enough", MIN_RESPONSES + 10, unitId, passwordHash)
  smallCycle = cycleWithResponses("Item analysis, too few", MIN_RESPONSES - 1, unitId, passwordHash)
}, 60_000)

test("only closed cycles with at least the minimum of responses are analysed", () => {
  const listed = listAnalysableCycles(db).map((c) => c.id)
  expect(listed).toContain(bigCycle)
  expect(listed).not.toContain(smallCycle)
  expect(getItemAnalysis(smallCycle, db)).toBeNull()
})

test("the analysis covers the whole bank with reliability per dimension, and nothing per person", () => {
  const analysis = getItemAnalysis(bigCycle, db)!
  expect(analysis.items).toHaveLength(72)
  const anchor = analysis.items.find((i) => i.id === "understanding.k1")!
  expect(anchor).toMatchObject({ isAnchor: true, n: MIN_RESPONSES + 10 })
  expect(anchor.itemRest!).toBeGreaterThan(0)
  // a clinical-only variant was seen by every nurse; an IT variant by nobody here
  expect(analysis.items.find((i) => i.id === "understanding.k11")).toMatchObject({ n: 0, flags: ["too_few"] })
  for (const d of analysis.dimensions) {
    expect(d.n).toBe(MIN_RESPONSES + 10)
    expect(d.formLength).toBe(8)
    expect(d.alpha!).toBeGreaterThan(0.5)
    expect(d.sem!).toBeGreaterThan(0)
    expect(d.shareWithinSemOfThreshold!).toBeGreaterThanOrEqual(0)
  }
  expect(JSON.stringify(analysis)).not.toMatch(/personId|email/)
})

test("the admin page shows the analysis; other roles are refused", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const request = makeRequest(`/admin/item-analysis?cycle=${bigCycle}`, { cookie })
  const data = (await pageLoader({ request, params: {}, context: {} })) as {
    analysis: { cycle: { id: number } }
  }
  expect(data.analysis.cycle.id).toBe(bigCycle)
  const missing = makeRequest(`/admin/item-analysis?cycle=${smallCycle}`, { cookie })
  await expect(pageLoader({ request: missing, params: {}, context: {} })).rejects.toMatchObject({
    status: 404,
  })
  const employee = await loginCookie("employee@parat.test")
  const refused = makeRequest("/admin/item-analysis", { cookie: employee })
  await expect(pageLoader({ request: refused, params: {}, context: {} })).rejects.toMatchObject({
    status: 403,
  })
})

test("the CSV holds one row per dimension and per item, with translated headers", async () => {
  const cookie = await loginCookie("admin@parat.test")
  const response = await csvLoader({
    request: makeRequest(`/admin/item-analysis.csv?cycle=${bigCycle}`, {
      cookie,
      headers: { "Accept-Language": "en" },
    }),
    params: {},
    context: {},
  })
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8")
  const bytes = new Uint8Array(await response.arrayBuffer())
  // Danish Excel's CSV, from the shared writer: a BOM, semicolons, decimal commas, CRLF.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = new TextDecoder().decode(bytes).trim().split("\r\n")
  expect(lines[0]).toContain("Cronbach's alpha")
  expect(lines[0]!.split(";")).toHaveLength(8)
  const items = lines.filter((l) => l.startsWith("item;"))
  expect(items).toHaveLength(72)
  expect(lines.filter((l) => l.startsWith("dimension;"))).toHaveLength(6)
  // A share such as 0,417 is written with a decimal comma, never a point.
  expect(items.some((l) => /;0,\d+;/.test(l))).toBe(true)
  expect(items.every((l) => !/;\d+\.\d+;/.test(l))).toBe(true)
  const plain = await csvLoader({
    request: makeRequest(`/admin/item-analysis.csv?cycle=${bigCycle}&format=plain`, { cookie }),
    params: {},
    context: {},
  })
  const plainBytes = new Uint8Array(await plain.arrayBuffer())
  expect(plainBytes[0]).not.toBe(0xef)
  expect(
    new TextDecoder()
      .decode(plainBytes)
      .split("\r\n")
      .filter((l) => l.startsWith("item,")),
  ).toHaveLength(72)
  const bad = makeRequest("/admin/item-analysis.csv?cycle=abc", { cookie })
  await expect(csvLoader({ request: bad, params: {}, context: {} })).rejects.toMatchObject({ status: 400 })
})
