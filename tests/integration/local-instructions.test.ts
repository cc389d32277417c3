import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import { addRequirement, createSystem, requiredForPerson } from "~/services/ai-register.server"
import { completeInstruction, saveInstruction } from "~/services/local-instructions.server"
import { verifyRecord } from "~/services/training-records.server"
import type { Db } from "../../db/client"
import { people, trainingRecords, units } from "../../db/schema"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
beforeEach(() => {
  db = testDb()
})

const person = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!
const admin = () => ({ id: person("admin@parat.test").id, role: "admin" as const })
const b = (s: string) => ({ da: `${s} (da)`, en: s })
const content = (body = "Set the **alert** to 7.") => ({
  title: b("Sepsis alert here"),
  body: { da: body, en: body },
  quiz: {
    passMark: 1,
    questions: [{ prompt: b("Who answers?"), options: [b("The nurse"), b("Nobody")], correct: 0 }],
  },
})

/** The admin form as the browser posts it. */
const form = (over: Record<string, string> = {}) => ({
  title_da: "Sepsisalarm her",
  title_en: "Sepsis alert here",
  body_da: "# Sådan\n\n<script>alert(1)</script> Ring til **vagten**.",
  body_en: "# How\n\nCall the **on-call** doctor.",
  passMark: "100",
  q0_da: "Hvem svarer?",
  q0_en: "Who answers?",
  q0_o0_da: "Sygeplejersken",
  q0_o0_en: "The nurse",
  q0_o1_da: "Ingen",
  q0_o1_en: "Nobody",
  q0_correct: "0",
  ...over,
})

test("an admin writes an instruction in the form; it is sanitised Markdown in the learner's language", async () => {
  const { action } = await import("~/routes/admin.instructions.$id")
  const { loader } = await import("~/routes/learn.instructions.$id")
  const cookie = await loginCookie("admin@parat.test")
  const saved = asResponse(
    await action({
      request: makeRequest("/admin/instructions/new", { cookie, form: form() }),
      params: { id: "new" },
      context: {},
    }),
  )
  expect(saved.status).toBe(302)
  const id = Number(saved.headers.get("Location")!.match(/\/admin\/instructions\/(\d+)/)![1])
  const nurse = await loginCookie("employee@parat.test")
  const page = await loader({
    request: makeRequest(`/learn/instructions/${id}`, { cookie: `${nurse}; parat_lang=da` }),
    params: { id: String(id) },
    context: {},
  })
  expect(page.instruction.title).toBe("Sepsisalarm her")
  expect(page.instruction.html).toContain("<strong>vagten</strong>")
  expect(page.instruction.html).not.toContain("<script>")
  expect(JSON.stringify(page.instruction.questions)).not.toContain("correct")
})

test("an instruction without English or without a right answer is refused with 400 and the field named", async () => {
  const { action } = await import("~/routes/admin.instructions.$id")
  const cookie = await loginCookie("admin@parat.test")
  const post = (over: Record<string, string>) =>
    action({
      request: makeRequest("/admin/instructions/new", { cookie, form: form(over) }),
      params: { id: "new" },
      context: {},
    })
  const noEnglish = asResponse(await post({ title_en: "" }))
  expect(noEnglish.status).toBe(400)
  expect((await noEnglish.json()).errors).toHaveProperty("title_en")
  const badKey = asResponse(await post({ q0_correct: "3" }))
  expect(badKey.status).toBe(400)
  expect((await badKey.json()).errors).toHaveProperty("q0_correct")
  // An employee may not write one.
  const employee = await loginCookie("employee@parat.test")
  const refused = await action({
    request: makeRequest("/admin/instructions/new", { cookie: employee, form: form() }),
    params: { id: "new" },
    context: {},
  }).catch((r: Response) => r)
  expect((refused as Response).status).toBe(403)
})

test("passing the check writes a signed record with the instruction's version; failing writes none", () => {
  const saved = saveInstruction(admin(), null, content(), false, db)
  if (!saved.ok) throw new Error("not saved")
  const nurse = person("employee@parat.test")
  expect(completeInstruction(nurse.id, saved.id, 1, new Map([[0, 1]]), db)).toMatchObject({
    ok: true,
    isPassed: false,
    missed: [0],
  })
  expect(db.select().from(trainingRecords).all()).toHaveLength(0)
  const passed = completeInstruction(nurse.id, saved.id, 1, new Map([[0, 0]]), db)
  if (!passed.ok || !passed.isPassed) throw new Error("not passed")
  expect(verifyRecord(passed.code, db)).toMatchObject({
    ok: true,
    record: { contentKey: `instruction:${saved.id}`, contentVersion: "i1", score: 1, personName: nurse.name },
  })
  // A learner who read version 1 after version 2 was saved records nothing and is asked to read it again.
  saveInstruction(admin(), saved.id, content("New text"), false, db)
  expect(completeInstruction(nurse.id, saved.id, 1, new Map([[0, 0]]), db)).toEqual({
    ok: false,
    reason: "stale",
  })
})

test("a required instruction is due, done when passed, and due again only after a change marked substantial", () => {
  const unitId = db.select().from(units).where(eq(units.code, "NOR-AKM")).get()!.id
  const at = (iso: string) => new Date(`${iso}T10:00:00Z`)
  const saved = saveInstruction(admin(), null, content(), false, db, at("2026-04-01"))
  if (!saved.ok) throw new Error("not saved")
  const system = createSystem(
    admin(),
    {
      name: "Sepsis early warning",
      supplier: "Acme Health",
      intendedPurpose: "Warn nurses of likely sepsis",
      status: "in_operation",
      riskClass: "high",
      mdrClass: "IIa",
      isGenerative: false,
      contactName: "Klinisk IT",
      handbookPhase: null,
      unitIds: [unitId],
    },
    db,
    at("2026-04-01"),
  )
  if (!system.ok) throw new Error("no system")
  const req = {
    moduleSlug: null,
    instructionId: saved.id,
    jobFamily: "nurse" as const,
    refreshMonths: null,
    graceDays: 14,
  }
  expect(addRequirement(admin(), system.id, req, db, at("2026-04-01")).ok).toBe(true)
  expect(addRequirement(admin(), system.id, req, db, at("2026-04-01"))).toEqual({
    ok: false,
    reason: "duplicate",
  })
  const nurse = person("employee@parat.test")
  expect(requiredForPerson(nurse.id, db, at("2026-04-02"))).toMatchObject([
    { state: "due", href: `/learn/instructions/${saved.id}`, title: { en: "Sepsis alert here" } },
  ])
  completeInstruction(nurse.id, saved.id, 1, new Map([[0, 0]]), db, at("2026-04-03"))
  expect(requiredForPerson(nurse.id, db, at("2026-04-04"))).toMatchObject([{ state: "done" }])
  // A correction of a typo is a new version but not substantial: still done.
  saveInstruction(admin(), saved.id, content("Typo fixed"), false, db, at("2026-05-01"))
  expect(requiredForPerson(nurse.id, db, at("2026-05-02"))).toMatchObject([{ state: "done" }])
  saveInstruction(admin(), saved.id, content("New threshold 6"), true, db, at("2026-06-01"))
  expect(requiredForPerson(nurse.id, db, at("2026-06-02"))).toMatchObject([
    { state: "due", cause: "content", dueAt: at("2026-06-15") },
  ])
  expect(requiredForPerson(nurse.id, db, at("2026-06-16"))).toMatchObject([{ state: "overdue" }])
  completeInstruction(nurse.id, saved.id, 3, new Map([[0, 0]]), db, at("2026-06-20"))
  expect(requiredForPerson(nurse.id, db, at("2026-06-21"))).toMatchObject([{ state: "done" }])
})
