// The survey's "Which AI tools do you use" page lists the register's systems in use in the person's unit.
import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { systemIdOfTool } from "~/domain/ai-register"
import { danishDay } from "~/domain/calendar"
import { createSystem, type SystemInput } from "~/services/ai-register.server"
import { ensureInstrumentVersion } from "~/services/instrument.server"
import { getCurrentInstrument, getSurveyPage, saveDraftPage } from "~/services/survey.server"
import type { Db } from "../../db/client"
import { people, units } from "../../db/schema"
import { ensureCycle, inviteToCycle } from "../../scripts/seed/survey"
import { testDb } from "./db"

let db: Db
let cycleId: number
const now = new Date()
const unitId = (code: string) => db.select().from(units).where(eq(units.code, code)).get()!.id
const person = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!

beforeEach(() => {
  db = testDb()
  cycleId = ensureCycle(db, {
    name: "tools test",
    instrumentHash: ensureInstrumentVersion(db, getCurrentInstrument()),
    status: "open",
    opensOn: danishDay(new Date(now.getTime() - 86_400_000)),
    closesOn: danishDay(new Date(now.getTime() + 30 * 86_400_000)),
    minGroupSize: 5,
    unitIds: [unitId("NOR"), unitId("SKO")],
  })
  inviteToCycle(db, cycleId)
})

const admin = () => ({ id: person("admin@parat.test").id, role: "admin" as const })
const system = (name: string, over: Partial<SystemInput>): SystemInput => ({
  name,
  supplier: "Acme",
  intendedPurpose: "Purpose",
  status: "in_operation",
  riskClass: "limited",
  mdrClass: "none",
  isGenerative: false,
  contactName: "IT",
  handbookPhase: null,
  unitIds: [unitId("NOR")],
  ...over,
})

function toolsPage(email: string) {
  const p = person(email)
  const user = { id: p.id, unitId: p.unitId }
  const page = getSurveyPage(user, cycleId, 8, db, now)
  if (!page) throw new Error("no page")
  return { user, page }
}

test("the tools page lists the systems in use in the person's hospital, stored per system id", () => {
  const inUse = createSystem(admin(), system("Tale til tekst", {}), db)
  const planned = createSystem(admin(), system("Planned triage", { status: "need" }), db)
  const elsewhere = createSystem(admin(), system("Other hospital's tool", { unitIds: [unitId("SKO")] }), db)
  if (!inUse.ok || !planned.ok || !elsewhere.ok) throw new Error("not created")
  const { user, page } = toolsPage("employee@parat.test")
  expect(page.dimension.kind).toBe("tools")
  expect(page.dimension.items.map((i) => i.text.da)).toEqual(["Tale til tekst"])
  const itemId = page.dimension.items[0]!.id
  expect(systemIdOfTool(itemId)).toBe(inUse.id)
  expect(saveDraftPage(user, cycleId, 8, "next", [[itemId, "1"]], db, now)).toMatchObject({ kind: "saved" })
  expect(getSurveyPage(user, cycleId, 8, db, now)!.answers).toEqual({ [itemId]: 1 })
  // A tool of the instrument's own list is not on this person's page now.
  expect(saveDraftPage(user, cycleId, 8, "next", [["tools.speech", "1"]], db, now)).toMatchObject({
    kind: "invalid",
  })
})

test("a person whose unit has no registered system in use gets the instrument's short list", () => {
  createSystem(admin(), system("Tale til tekst", {}), db)
  const sko = db
    .select()
    .from(people)
    .where(eq(people.unitId, unitId("SKO-INT")))
    .limit(1)
    .get()
  const someone = sko ?? person("manager.sko@parat.test")
  const { page } = toolsPage(someone.email)
  const short = getCurrentInstrument().tools.items.map((i) => i.id)
  expect(page.dimension.items.map((i) => i.id)).toEqual(short)
  expect(page.dimension.items.some((i) => systemIdOfTool(i.id) !== null)).toBe(false)
})
