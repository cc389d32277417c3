// The demo organisation: one region, three hospitals, fifteen departments (some with sections), about 300
// people. Deterministic: the same data on every run, and a second run adds nothing.
import { count, eq } from "drizzle-orm"
import type { Db } from "../../db/client"
import { type JobFamily, people } from "../../db/schema"
import { ensureManagerScope, ensurePerson, ensureUnit, seededRandom } from "./factories"

export const DEMO_PASSWORD = "parat-demo"
/**
 * The demo admin's two-factor secret (base32, 20 bytes), published in the README so anyone can try the demo: add
 * it to an authenticator app, or print the current code with `npm run demo:code`. Demo databases only.
 */
export const DEMO_TOTP_SECRET = "PARATDEMOADMINTOTPSECRETKEY23456"
export const DEMO_ADMIN_EMAIL = "admin@parat.test"

type DepartmentPlan = { code: string; name: string; size: number; mix: JobFamily[]; sections?: string[] }

const HOSPITALS: { code: string; name: string; departments: DepartmentPlan[] }[] = [
  {
    code: "NOR",
    name: "Nordhavn Hospital",
    departments: [
      { code: "AKM", name: "Akutmodtagelsen", size: 26, mix: ["nurse", "nurse", "doctor", "other_clinical"] },
      {
        code: "RAD",
        name: "Radiologisk Afdeling",
        size: 24,
        mix: ["doctor", "other_clinical", "other_clinical", "nurse"],
        sections: ["CT og MR", "Røntgen"],
      },
      {
        code: "KAR",
        name: "Kardiologisk Afdeling",
        size: 22,
        mix: ["nurse", "doctor", "nurse", "other_clinical"],
      },
      { code: "ITD", name: "IT og Data", size: 16, mix: ["it_data", "it_data", "administrative"] },
      { code: "ETK", name: "Klinisk Etisk Enhed", size: 3, mix: ["doctor", "administrative"] },
    ],
  },
  {
    code: "SKO",
    name: "Skovbrynet Hospital",
    departments: [
      { code: "INT", name: "Intensiv Afdeling", size: 24, mix: ["nurse", "nurse", "doctor"] },
      {
        code: "ORT",
        name: "Ortopædkirurgisk Afdeling",
        size: 25,
        mix: ["doctor", "nurse", "other_clinical"],
        sections: ["Sengeafsnit", "Ambulatorium"],
      },
      { code: "PAE", name: "Børne- og Ungeafdelingen", size: 20, mix: ["nurse", "doctor", "other_clinical"] },
      {
        code: "ADM",
        name: "Administration og HR",
        size: 18,
        mix: ["administrative", "administrative", "management"],
      },
      {
        code: "BIO",
        name: "Klinisk Biokemisk Afdeling",
        size: 15,
        mix: ["other_clinical", "other_clinical", "doctor"],
      },
    ],
  },
  {
    code: "VES",
    name: "Vestkysten Hospital",
    departments: [
      {
        code: "ONK",
        name: "Onkologisk Afdeling",
        size: 24,
        mix: ["doctor", "nurse", "nurse", "other_clinical"],
        sections: ["Stråleterapi", "Kemoterapi"],
      },
      { code: "NEU", name: "Neurologisk Afdeling", size: 20, mix: ["nurse", "doctor", "other_clinical"] },
      { code: "MED", name: "Medicinsk Afdeling", size: 24, mix: ["nurse", "doctor", "nurse"] },
      {
        code: "IND",
        name: "Indkøb og Økonomi",
        size: 12,
        mix: ["administrative", "management", "administrative"],
      },
      { code: "PAT", name: "Patologisk Afdeling", size: 14, mix: ["doctor", "other_clinical"] },
    ],
  },
]

const FIRST_NAMES = [
  "Anne",
  "Mette",
  "Lars",
  "Søren",
  "Camilla",
  "Jens",
  "Louise",
  "Mads",
  "Sofie",
  "Rasmus",
  "Ida",
  "Mikkel",
  "Julie",
  "Frederik",
  "Emma",
  "Anders",
  "Maria",
  "Christian",
  "Line",
  "Henrik",
  "Signe",
  "Peter",
  "Helle",
  "Thomas",
  "Nanna",
  "Jakob",
  "Birgitte",
  "Kasper",
  "Pernille",
  "Martin",
  "Åse",
  "Bjørn",
  "Zainab",
  "Ali",
]
const LAST_NAMES = [
  "Jensen",
  "Nielsen",
  "Hansen",
  "Pedersen",
  "Andersen",
  "Christensen",
  "Larsen",
  "Sørensen",
  "Rasmussen",
  "Jørgensen",
  "Petersen",
  "Madsen",
  "Kristensen",
  "Olsen",
  "Thomsen",
  "Poulsen",
  "Johansen",
  "Møller",
  "Mortensen",
  "Østergaard",
  "Holm",
  "Kaya",
  "Ahmadi",
  "Lund",
]

/** ASCII e-mail local part from a Danish name. */
function emailPart(value: string) {
  return value
    .toLowerCase()
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("å", "aa")
    .replace(/[^a-z]/g, "")
}

export function hasRealPeople(db: Db) {
  return (db.select({ n: count() }).from(people).where(eq(people.isDemo, false)).get()?.n ?? 0) > 0
}

/** Seeds the demo organisation. Every demo person gets the same (salted) hash of the demo password. */
export function seedDemoOrganisation(db: Db, passwordHash: string) {
  if (hasRealPeople(db)) {
    throw new Error("This database holds real (non-demo) people: the demo seed will not run against it.")
  }
  const random = seededRandom(20261123)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const demo = { passwordHash, isDemo: true }

  db.transaction((t) => {
    const regionId = ensureUnit(t, { code: "RDEMO", name: "Region Demo", kind: "region" })
    ensurePerson(t, {
      ...demo,
      email: DEMO_ADMIN_EMAIL,
      name: "Ada Administrator",
      jobFamily: "it_data",
      unitId: regionId,
      role: "admin",
    })
    const regional = ensurePerson(t, {
      ...demo,
      email: "manager@parat.test",
      name: "Regitze Regionsleder",
      jobFamily: "management",
      unitId: regionId,
      role: "manager",
    })
    ensureManagerScope(t, regional, regionId)

    let serial = 0
    for (const hospital of HOSPITALS) {
      const hospitalId = ensureUnit(t, {
        code: hospital.code,
        name: hospital.name,
        kind: "hospital",
        parentId: regionId,
      })
      const manager = ensurePerson(t, {
        ...demo,
        email: `manager.${emailPart(hospital.code)}@parat.test`,
        name: `${hospital.name.split(" ")[0]} Hospitalsleder`,
        jobFamily: "management",
        unitId: hospitalId,
        role: "manager",
      })
      ensureManagerScope(t, manager, hospitalId)

      for (const department of hospital.departments) {
        const departmentId = ensureUnit(t, {
          code: `${hospital.code}-${department.code}`,
          name: department.name,
          kind: "department",
          parentId: hospitalId,
        })
        const sectionIds = (department.sections ?? []).map((name, i) =>
          ensureUnit(t, {
            code: `${hospital.code}-${department.code}-${i + 1}`,
            name,
            kind: "section",
            parentId: departmentId,
          }),
        )
        const homes = sectionIds.length > 0 ? sectionIds : [departmentId]
        for (let i = 0; i < department.size; i++) {
          serial++
          const first = pick(FIRST_NAMES)
          const last = pick(LAST_NAMES)
          ensurePerson(t, {
            ...demo,
            email: `${emailPart(first)}.${emailPart(last)}.${serial}@parat.test`,
            name: `${first} ${last}`,
            jobFamily: department.mix[i % department.mix.length]!,
            unitId: homes[i % homes.length]!,
            employeeId: `D${String(serial).padStart(5, "0")}`,
            language: random() < 0.15 ? "en" : "da",
          })
        }
      }
    }
    const emergency = ensureUnit(t, { code: "NOR-AKM", name: "Akutmodtagelsen", kind: "department" })
    ensurePerson(t, {
      ...demo,
      email: "employee@parat.test",
      name: "Emil Eksempel",
      jobFamily: "nurse",
      unitId: emergency,
    })
  })
}
