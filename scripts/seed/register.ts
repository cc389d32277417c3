// The demo's AI-system register: five systems across the three hospitals, training requirements for nurses,
// doctors and secretaries (administrative staff), two local instructions, and signed training records that put
// people in every state (completed, due, overdue because never done, overdue because the refresher is late).
// Written through the register's services, as an admin would; runs once (skipped when systems exist).
// Dates are relative to `now`, so the states hold whenever the demo is seeded.
import { and, asc, eq, like } from "drizzle-orm"
import type { JobFamily } from "../../app/domain/vocabulary"
import { addRequirement, createSystem, type SystemInput } from "../../app/services/ai-register.server"
import { saveInstruction } from "../../app/services/local-instructions.server"
import { appendRecord } from "../../app/services/training-records.server"
import type { Db } from "../../db/client"
import { aiSystems, people, units } from "../../db/schema"
import { DEMO_ADMIN_EMAIL } from "./demo"

const DAY = 86_400_000
const b = (da: string, en: string) => ({ da, en })

const SEPSIS_INSTRUCTION = {
  title: b("Sepsis-varsel på din afdeling", "The sepsis alert on your ward"),
  body: b(
    "# Sepsis-varsel\n\nSystemet beregner en risikoscore ud fra vitale værdier og blodprøver. Det **erstatter ikke** din kliniske vurdering.\n\n- Ved score 7 eller derover: vurder patienten inden 15 minutter, og kontakt lægen.\n- Giv altid besked, hvis varslet virker forkert: skriv en hændelse, så Klinisk IT kan se på det.\n- Varslet ser ikke patienter, der ikke har fået målt værdier de sidste 8 timer.",
    "# Sepsis alert\n\nThe system computes a risk score from vital signs and blood tests. It **does not replace** your clinical judgement.\n\n- At score 7 or above: assess the patient within 15 minutes and call the doctor.\n- Always report an alert that seems wrong: file an incident so Clinical IT can look at it.\n- The alert does not see patients without measurements in the last 8 hours.",
  ),
  quiz: {
    passMark: 1,
    questions: [
      {
        prompt: b("Hvad gør du ved en score på 8?", "What do you do at a score of 8?"),
        options: [
          b(
            "Vurderer patienten inden 15 minutter og kontakter lægen",
            "Assess within 15 minutes and call the doctor",
          ),
          b("Venter på næste måling", "Wait for the next measurement"),
          b("Starter antibiotika uden at kontakte lægen", "Start antibiotics without calling the doctor"),
        ],
        correct: 0,
      },
      {
        prompt: b(
          "Kan du stole på, at en patient uden varsel ikke har sepsis?",
          "Does no alert mean no sepsis?",
        ),
        options: [
          b("Ja, systemet ser alle patienter", "Yes, the system sees every patient"),
          b(
            "Nej, fx ikke uden målinger de sidste 8 timer",
            "No, e.g. not without measurements in the last 8 hours",
          ),
        ],
        correct: 1,
      },
    ],
  },
}

const LETTER_INSTRUCTION = {
  title: b("Brevassistenten: persondata og kontrol", "The letter assistant: personal data and checking"),
  body: b(
    "# Brevassistenten\n\nBrevassistenten skriver udkast til indkaldelser og svarbreve. Du er ansvarlig for det brev, der sendes.\n\n1. Brug kun assistenten i journalsystemet, aldrig en gratis tjeneste på nettet.\n2. Læs hele udkastet igennem: datoer, navne og tider kan være forkerte.\n3. Brevet må ikke indeholde oplysninger, patienten ikke selv har givet eller fået.",
    "# The letter assistant\n\nThe letter assistant drafts appointment and reply letters. You are responsible for the letter that is sent.\n\n1. Use the assistant only inside the patient record system, never a free web service.\n2. Read the whole draft: dates, names and times can be wrong.\n3. The letter must not hold information the patient has not given or received.",
  ),
  quiz: {
    passMark: 1,
    questions: [
      {
        prompt: b(
          "Hvem er ansvarlig for brevet, der sendes?",
          "Who is responsible for the letter that is sent?",
        ),
        options: [b("Leverandøren", "The supplier"), b("Dig", "You")],
        correct: 1,
      },
    ],
  },
}

type Need = {
  content: { moduleSlug: string } | { instruction: "sepsis" | "letter" }
  jobFamily: JobFamily
  refreshMonths: number | null
  graceDays: number
  /** days before now that the requirement was set */
  setDaysAgo: number
}

type Plan = { system: Omit<SystemInput, "unitIds">; unitCodes: string[]; setDaysAgo: number; needs: Need[] }

const PLANS: Plan[] = [
  {
    system: {
      name: "Sepsis-varsel",
      supplier: "Nordisk Klinisk Software A/S",
      intendedPurpose:
        "Varsler sygeplejersker om patienter med høj risiko for sepsis ud fra vitale værdier og blodprøver.",
      status: "in_operation",
      riskClass: "high",
      mdrClass: "IIa",
      isGenerative: false,
      contactName: "Klinisk IT, Nordhavn Hospital",
      handbookPhase: "operation",
    },
    unitCodes: ["NOR-AKM", "SKO-INT"],
    setDaysAgo: 500,
    needs: [
      {
        content: { moduleSlug: "use-foundation" },
        jobFamily: "nurse",
        refreshMonths: 12,
        graceDays: 30,
        setDaysAgo: 500,
      },
      {
        content: { instruction: "sepsis" },
        jobFamily: "nurse",
        refreshMonths: null,
        graceDays: 30,
        setDaysAgo: 10,
      },
      {
        content: { moduleSlug: "evaluation-foundation" },
        jobFamily: "doctor",
        refreshMonths: null,
        graceDays: 60,
        setDaysAgo: 200,
      },
    ],
  },
  {
    system: {
      name: "Røntgen-triage af knoglebrud",
      supplier: "RadiAI ApS",
      intendedPurpose: "Sorterer røntgenbilleder af knogler, så mulige brud beskrives først.",
      status: "in_operation",
      riskClass: "high",
      mdrClass: "IIb",
      isGenerative: false,
      contactName: "Radiologisk Afdeling, Nordhavn Hospital",
      handbookPhase: "operation",
    },
    unitCodes: ["NOR-RAD", "SKO-ORT"],
    setDaysAgo: 300,
    needs: [
      {
        content: { moduleSlug: "evaluation-foundation" },
        jobFamily: "doctor",
        refreshMonths: 24,
        graceDays: 45,
        setDaysAgo: 300,
      },
    ],
  },
  {
    system: {
      name: "Tale til tekst i journalen",
      supplier: "Dikteringsværket A/S",
      intendedPurpose:
        "Omsætter diktat til journaltekst, som lægen eller sygeplejersken retter og godkender.",
      status: "in_operation",
      riskClass: "limited",
      mdrClass: "none",
      isGenerative: false,
      contactName: "IT-afdelingen, Vestkysten Hospital",
      handbookPhase: "operation",
    },
    unitCodes: ["VES"],
    setDaysAgo: 150,
    needs: [
      {
        content: { moduleSlug: "use-foundation" },
        jobFamily: "doctor",
        refreshMonths: null,
        graceDays: 60,
        setDaysAgo: 150,
      },
      {
        content: { moduleSlug: "use-foundation" },
        jobFamily: "nurse",
        refreshMonths: null,
        graceDays: 60,
        setDaysAgo: 20,
      },
    ],
  },
  {
    system: {
      name: "Brevassistent (generativ AI)",
      supplier: "Sprogmodel Danmark ApS",
      intendedPurpose:
        "Skriver udkast til indkaldelser og svarbreve til patienter; en sekretær læser og retter hvert brev.",
      status: "solution",
      riskClass: "limited",
      mdrClass: "none",
      isGenerative: true,
      contactName: "Sekretariatet, Skovbrynet Hospital",
      handbookPhase: null,
    },
    unitCodes: ["SKO"],
    setDaysAgo: 90,
    needs: [
      {
        content: { instruction: "letter" },
        jobFamily: "administrative",
        refreshMonths: 12,
        graceDays: 30,
        setDaysAgo: 90,
      },
      {
        content: { moduleSlug: "ethics-law-foundation" },
        jobFamily: "administrative",
        refreshMonths: null,
        graceDays: 120,
        setDaysAgo: 90,
      },
    ],
  },
  {
    system: {
      name: "Prioritering af henvisninger",
      supplier: "Henvisningsdata A/S",
      intendedPurpose: "Foreslår en rækkefølge for nye henvisninger efter hastegrad; afprøves som demo.",
      status: "demo",
      riskClass: "high",
      mdrClass: "I",
      isGenerative: false,
      contactName: "Neurologisk Afdeling, Vestkysten Hospital",
      handbookPhase: "procurement",
    },
    unitCodes: ["VES-NEU"],
    setDaysAgo: 30,
    needs: [],
  },
]

/** Whose record to make, by the person's place in their group: done, never done, done long ago, done recently. */
const STATE_OF = ["done", "none", "old", "done"] as const

export function seedRegister(db: Db, now = new Date()) {
  if (db.select({ id: aiSystems.id }).from(aiSystems).limit(1).get()) return
  const admin = db.select().from(people).where(eq(people.email, DEMO_ADMIN_EMAIL)).get()
  if (!admin) throw new Error("Seed the demo organisation before the register")
  const actor = { id: admin.id, role: "admin" as const }
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const unitOf = (code: string) => {
    const unit = db.select().from(units).where(eq(units.code, code)).get()
    if (!unit) throw new Error(`no demo unit ${code}`)
    return unit
  }
  const instructions = {
    sepsis: saveInstruction(actor, null, SEPSIS_INSTRUCTION, false, db, ago(12)),
    letter: saveInstruction(actor, null, LETTER_INSTRUCTION, false, db, ago(95)),
  }
  for (const plan of PLANS) {
    const scope = plan.unitCodes.map(unitOf)
    const created = createSystem(
      actor,
      { ...plan.system, unitIds: scope.map((u) => u.id) },
      db,
      ago(plan.setDaysAgo),
    )
    if (!created.ok) throw new Error(`register seed: ${created.reason}`)
    for (const need of plan.needs) {
      const instruction = "instruction" in need.content ? instructions[need.content.instruction] : null
      if (instruction && !instruction.ok) throw new Error("register seed: instruction")
      const target =
        "moduleSlug" in need.content
          ? { moduleSlug: need.content.moduleSlug, instructionId: null }
          : { moduleSlug: null, instructionId: instruction?.ok ? instruction.id : null }
      const added = addRequirement(
        actor,
        created.id,
        {
          ...target,
          jobFamily: need.jobFamily,
          refreshMonths: need.refreshMonths,
          graceDays: need.graceDays,
        },
        db,
        ago(need.setDaysAgo),
      )
      if (!added.ok && added.reason !== "duplicate") throw new Error(`register seed: ${added.reason}`)
      // The group's people, in a fixed order; the demo employee stays untouched (their path shows what is due).
      const group = scope.flatMap((unit) =>
        db
          .select({ id: people.id, email: people.email })
          .from(people)
          .innerJoin(units, eq(units.id, people.unitId))
          .where(
            and(
              eq(people.jobFamily, need.jobFamily),
              like(units.path, `${unit.path}%`),
              eq(people.isActive, true),
            ),
          )
          .orderBy(asc(people.id))
          .all(),
      )
      group.forEach((person, i) => {
        if (person.email === "employee@parat.test") return
        const state = STATE_OF[i % STATE_OF.length]!
        if (state === "none") return
        // "old": completed well before the refresh period ended (overdue for a refresher where one is set)
        const days =
          state === "old" ? 420 + (i % 30) : Math.max(1, Math.min(need.setDaysAgo - 1, 5 + (i % 40)))
        if (state === "old" && need.refreshMonths === null) return
        appendRecord(
          {
            personId: person.id,
            ...(instruction?.ok
              ? { instruction: { id: instruction.id, version: 1 } }
              : { moduleSlug: "moduleSlug" in need.content ? need.content.moduleSlug : null }),
            score: 1,
            completedAt: ago(days),
          },
          db,
        )
      })
    }
  }
}
