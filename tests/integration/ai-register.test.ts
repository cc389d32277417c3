import { eq } from "drizzle-orm"
import { afterAll, beforeEach, expect, test } from "vitest"
import {
  addRequirement,
  coverage,
  createSystem,
  listSystems,
  markModuleChanged,
  requiredForPerson,
  type SystemInput,
  updateSystem,
} from "~/services/ai-register.server"
import { getQuizPage, markLessonRead, startModule, submitQuiz } from "~/services/learning.server"
import { verifyRecord } from "~/services/training-records.server"
import type { Db } from "../../db/client"
import { people, trainingRecords, units } from "../../db/schema"
import {
  fixtureAnswers,
  makeFullCoursesDir,
  TWO_DIMENSION_MODULES,
  useCoursesDir,
} from "../fixtures/learning-content"
import { testDb } from "./db"

let db: Db
const courses = makeFullCoursesDir(TWO_DIMENSION_MODULES)
afterAll(() => courses.cleanup())
beforeEach(() => {
  db = testDb()
  useCoursesDir(courses.root, db)
})

const person = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!
const unitId = (code: string) => db.select().from(units).where(eq(units.code, code)).get()!.id
const admin = () => ({ id: person("admin@parat.test").id, role: "admin" as const })
const managerOf = (hospital: string) => ({
  id: person(`manager.${hospital}@parat.test`).id,
  role: "manager" as const,
})

const system = (over: Partial<SystemInput> = {}): SystemInput => ({
  name: "Sepsis early warning",
  supplier: "Acme Health",
  intendedPurpose: "Warn nurses of likely sepsis",
  status: "in_operation",
  riskClass: "high",
  mdrClass: "IIa",
  isGenerative: false,
  contactName: "Klinisk IT",
  handbookPhase: "operation",
  unitIds: [unitId("NOR-AKM")],
  ...over,
})

/** A system in NOR's emergency department requiring use-foundation of nurses; the demo nurse passes it. */
function registerAndPass(now = new Date("2026-05-01T10:00:00Z")) {
  const created = createSystem(admin(), system(), db, new Date("2026-04-01T10:00:00Z"))
  if (!created.ok) throw new Error("not created")
  const req = addRequirement(
    admin(),
    created.id,
    {
      moduleSlug: "use-foundation",
      instructionId: null,
      jobFamily: "nurse",
      refreshMonths: 12,
      graceDays: 30,
    },
    db,
    new Date("2026-04-01T10:00:00Z"),
  )
  expect(req.ok).toBe(true)
  const nurse = person("employee@parat.test")
  const learner = { id: nurse.id, jobFamily: nurse.jobFamily }
  startModule(learner, "use-foundation", db, now)
  markLessonRead(learner, "use-foundation", "first", db, now)
  expect(submitQuiz(learner, "use-foundation", passingAnswers(learner), 0, db, now)).toMatchObject({
    isPassed: true,
  })
  return { systemId: created.id, nurse }
}

test("passing a required module appends a signed record that a third party can verify by its code", () => {
  const { nurse } = registerAndPass()
  const records = db.select().from(trainingRecords).where(eq(trainingRecords.personId, nurse.id)).all()
  expect(records).toHaveLength(1)
  const verified = verifyRecord(records[0]!.code.toLowerCase(), db)
  expect(verified).toMatchObject({
    ok: true,
    record: { personName: nurse.name, contentKey: "use-foundation" },
  })
  expect(requiredForPerson(nurse.id, db, new Date("2026-06-01"))).toMatchObject([
    { state: "done", dueAt: new Date("2027-05-01T10:00:00Z"), code: records[0]!.code },
  ])
})

test("a changed code is unknown and a record whose fields do not match its signature is refused", () => {
  const { nurse } = registerAndPass()
  const record = db.select().from(trainingRecords).where(eq(trainingRecords.personId, nurse.id)).get()!
  const flipped = record.code.replace(/^./, (c) => (c === "A" ? "B" : "A"))
  expect(verifyRecord(flipped, db)).toEqual({ ok: false, reason: "unknown" })
  expect(verifyRecord("not a code", db)).toEqual({ ok: false, reason: "malformed" })
  // A forged row: a copy of a real record with a better score and a new code, keeping the old signature.
  const { id: _id, createdAt: _c, ...fields } = record
  db.insert(trainingRecords)
    .values({ ...fields, code: "ABCD-EFGH-JKMN-PQRS", score: 1.5 })
    .run()
  expect(verifyRecord("ABCD-EFGH-JKMN-PQRS", db)).toEqual({ ok: false, reason: "bad_signature" })
})

test("training records cannot be changed or deleted", () => {
  registerAndPass()
  expect(() => db.update(trainingRecords).set({ score: 0 }).run()).toThrow(/append-only/)
  expect(() => db.delete(trainingRecords).run()).toThrow(/append-only/)
})

test("a failed quiz or a module nobody requires leaves no record", () => {
  const nurse = person("employee@parat.test")
  const learner = { id: nurse.id, jobFamily: nurse.jobFamily }
  startModule(learner, "use-foundation", db)
  expect(submitQuiz(learner, "use-foundation", passingAnswers(learner), 0, db)).toMatchObject({
    isPassed: true,
  })
  expect(db.select().from(trainingRecords).all()).toHaveLength(0)
})

test("a hospital manager sees only systems and people of their own hospital, and edits only those", () => {
  const { systemId } = registerAndPass()
  const nor = managerOf("nor")
  const sko = managerOf("sko")
  expect(listSystems(nor, db).map((s) => [s.id, s.canEdit])).toEqual([[systemId, true]])
  expect(listSystems(sko, db)).toEqual([])
  expect(coverage(nor, {}, db)!.rows.map((r) => r.personName)).toContain("Emil Eksempel")
  expect(coverage(sko, {}, db)!.rows).toEqual([])
  expect(coverage(sko, { unitId: unitId("NOR-AKM") }, db)).toBeNull()
  expect(updateSystem(sko, systemId, system({ unitIds: [unitId("SKO")] }), db)).toEqual({
    ok: false,
    reason: "forbidden",
  })
  expect(createSystem(nor, system({ unitIds: [unitId("SKO")] }), db)).toEqual({
    ok: false,
    reason: "forbidden",
  })
  // The regional manager sees it, an employee sees no register.
  expect(listSystems({ id: person("manager@parat.test").id, role: "manager" }, db)).toHaveLength(1)
  expect(listSystems({ id: person("employee@parat.test").id, role: "employee" }, db)).toEqual([])
})

test("a substantive module change and a change of risk class make a completed requirement due again", () => {
  const { systemId, nurse } = registerAndPass()
  const after = new Date("2026-06-01T10:00:00Z")
  expect(markModuleChanged(admin(), "use-foundation", db, after)).toEqual({ ok: true })
  expect(requiredForPerson(nurse.id, db, new Date("2026-06-02"))).toMatchObject([
    { state: "due", cause: "content", dueAt: new Date("2026-07-01T10:00:00Z") },
  ])
  expect(requiredForPerson(nurse.id, db, new Date("2026-07-02"))).toMatchObject([{ state: "overdue" }])

  // Re-certified after the change, then the register entry changes its risk class.
  const learner = { id: nurse.id, jobFamily: nurse.jobFamily }
  submitQuiz(learner, "use-foundation", passingAnswers(learner), 1, db, new Date("2026-06-10T10:00:00Z"))
  expect(requiredForPerson(nurse.id, db, new Date("2026-06-11"))).toMatchObject([{ state: "done" }])
  const records = db.select().from(trainingRecords).where(eq(trainingRecords.personId, nurse.id)).all()
  expect(records.map((r) => r.contentVersion.split(".")[0])).toEqual(["1", "2"])
  expect(
    updateSystem(admin(), systemId, system({ riskClass: "limited" }), db, new Date("2026-06-20T10:00:00Z")),
  ).toEqual({ ok: true, id: systemId })
  expect(requiredForPerson(nurse.id, db, new Date("2026-06-21"))).toMatchObject([
    { state: "due", cause: "risk_class" },
  ])
})

test("the evidence CSV holds the same rows and figures as the evidence page, in the manager's scope only", async () => {
  const { loader: pageLoader } = await import("~/routes/register.evidence")
  const { loader: csvLoader } = await import("~/routes/register.evidence[.]csv")
  const { loginCookie, makeRequest } = await import("./db")
  registerAndPass()
  const cookie = await loginCookie("manager.nor@parat.test")
  const request = (path: string) => makeRequest(path, { cookie: `${cookie}; parat_lang=en` })
  const page = await pageLoader({ request: request("/register/evidence"), params: {}, context: {} })
  const bytes = new Uint8Array(
    await (
      await csvLoader({ request: request("/register/evidence.csv"), params: {}, context: {} })
    ).arrayBuffer(),
  )
  // Danish Excel's CSV from the shared writer: a BOM, semicolons and CRLF line ends.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = new TextDecoder().decode(bytes).trim().split("\r\n")
  expect(lines[0]).toBe(
    "System;Unit;Person;Job family;Module;Status;Due date;Completed;Content version;Verification code",
  )
  expect(lines).toHaveLength(page.data.rows.length + 1)
  const cells = lines.slice(1).map((l) => l.split(";"))
  // The same words as the page: the job family, the module's title and the state in the reader's language.
  const label = { Completed: "done", Due: "due", Overdue: "overdue" } as const
  const counted = { done: 0, due: 0, overdue: 0 }
  for (const c of cells) counted[label[c[5] as keyof typeof label]]++
  expect({ required: cells.length, ...counted }).toEqual(page.data.totals)
  expect(cells.map((c) => c[4])).toEqual(page.data.rows.map((r) => r.title.en))
  expect(new Set(cells.map((c) => c[3]))).toContain("Nurse")
  expect(page.data.totals.done).toBe(1)
  // Another hospital's manager may not ask for NOR's unit.
  const sko = await loginCookie("manager.sko@parat.test")
  const refused = await csvLoader({
    request: makeRequest(`/register/evidence.csv?unit=${unitId("NOR-AKM")}`, { cookie: sko }),
    params: {},
    context: {},
  }).catch((r: Response) => r)
  expect((refused as Response).status).toBe(403)
})

/** All right answers to the questions drawn for the learner's next attempt at use-foundation. */
function passingAnswers(learner: Parameters<typeof getQuizPage>[0]) {
  const drawn = getQuizPage(learner, "use-foundation", "en", null, db)!.questions.map((q) => q.id)
  return fixtureAnswers(drawn, true)
}

test("erasing a person keeps their signed record verifiable and takes them off the manager's list", async () => {
  const { erasePerson } = await import("~/services/erasure.server")
  const { nurse } = registerAndPass()
  const code = db.select().from(trainingRecords).where(eq(trainingRecords.personId, nurse.id)).get()!.code
  expect(erasePerson(admin().id, nurse.id, "erase", db)).toMatchObject({ ok: true })
  expect(verifyRecord(code, db)).toMatchObject({ ok: true, record: { personName: nurse.name } })
  const rows = coverage(managerOf("nor"), {}, db)!.rows
  expect(rows.map((r) => r.personName)).not.toContain(nurse.name)
  // The manager's rows hold training facts only: no survey answer, score or level.
  expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
    [
      "contentKey",
      "dueAt",
      "jobFamily",
      "personName",
      "record",
      "refreshMonths",
      "state",
      "systemId",
      "systemName",
      "title",
      "unitName",
    ].sort(),
  )
})
