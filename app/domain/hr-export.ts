// How a typical Danish HR export maps onto Parat's people: first and last name columns, the unit by its name
// (Afdeling) and the job title (Stilling) turned into a job family through a table the admin can edit. Pure.
import type { JobFamily } from "./vocabulary"

/** The template an admin downloads: Danish headers in the order HR systems tend to write them. */
export const TEMPLATE_HEADER = [
  "Medarbejdernummer",
  "Fornavn",
  "Efternavn",
  "E-mail",
  "Afdeling",
  "Stilling",
  "Rolle",
  "Sprog",
  "Leder for",
] as const
export const TEMPLATE_EXAMPLE = [
  "100234",
  "Mette",
  "Kjær",
  "mette.kjaer@hospital.example",
  "Akutmodtagelsen",
  "Sygeplejerske",
  "",
  "",
  "",
] as const

/** Header names of HR exports, beside the import's own (see admin-people-import). */
export const HR_HEADER_ALIASES = {
  fornavn: "first_name",
  first_name: "first_name",
  firstname: "first_name",
  efternavn: "last_name",
  last_name: "last_name",
  lastname: "last_name",
  afdeling: "unit",
  department: "unit",
  stilling: "job_title",
  stillingsbetegnelse: "job_title",
  titel: "job_title",
  job_title: "job_title",
} as const

/** A job title as the table keys it: lower case, single spaces. */
export function titleKey(title: string) {
  return title.trim().toLocaleLowerCase("da").replace(/\s+/g, " ")
}

/** The titles Parat knows before an admin adds their own (the admin's table wins over these). */
export const DEFAULT_JOB_TITLES: Readonly<Record<string, JobFamily>> = {
  læge: "doctor",
  overlæge: "doctor",
  afdelingslæge: "doctor",
  reservelæge: "doctor",
  "1. reservelæge": "doctor",
  speciallæge: "doctor",
  "klinisk assistent": "doctor",
  sygeplejerske: "nurse",
  "klinisk sygeplejespecialist": "nurse",
  udviklingssygeplejerske: "nurse",
  jordemoder: "nurse",
  radiograf: "other_clinical",
  bioanalytiker: "other_clinical",
  fysioterapeut: "other_clinical",
  ergoterapeut: "other_clinical",
  "social- og sundhedsassistent": "other_clinical",
  portør: "other_clinical",
  psykolog: "other_clinical",
  diætist: "other_clinical",
  lægesekretær: "administrative",
  sekretær: "administrative",
  "administrativ medarbejder": "administrative",
  kontorfuldmægtig: "administrative",
  "hr-konsulent": "administrative",
  økonomikonsulent: "administrative",
  "it-konsulent": "it_data",
  "it-medarbejder": "it_data",
  udvikler: "it_data",
  dataanalytiker: "it_data",
  "data scientist": "it_data",
  systemadministrator: "it_data",
  ledende: "management",
  afdelingsleder: "management",
  oversygeplejerske: "management",
  "ledende overlæge": "management",
  "ledende oversygeplejerske": "management",
  centerchef: "management",
  direktør: "management",
  hospitalsdirektør: "management",
}

/**
 * The job family of a title: the exact title, else the longest known title inside it ("Overlæge, anæstesi" is an
 * overlæge; "Ledende overlæge" is management, not a doctor). Null when nothing fits.
 */
export function jobFamilyForTitle(title: string, table: ReadonlyMap<string, JobFamily>): JobFamily | null {
  const key = titleKey(title)
  if (key === "") return null
  const exact = table.get(key)
  if (exact) return exact
  let best: { length: number; family: JobFamily } | null = null
  for (const [known, family] of table) {
    const isInside = new RegExp(
      `(^|[^\\p{L}])${known.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`,
      "u",
    )
    if (isInside.test(key) && (!best || known.length > best.length)) best = { length: known.length, family }
  }
  return best?.family ?? null
}

/** Parat's defaults overlaid by the admin's own titles. */
export function jobTitleTable(
  own: readonly { title: string; jobFamily: JobFamily }[],
): Map<string, JobFamily> {
  const table = new Map(Object.entries(DEFAULT_JOB_TITLES))
  for (const row of own) table.set(titleKey(row.title), row.jobFamily)
  return table
}

/** "Mette" + "Kjær" -> "Mette Kjær"; a full-name column wins when the file has one. */
export function fullName(name: string, firstName: string, lastName: string) {
  return name || [firstName, lastName].filter(Boolean).join(" ")
}
