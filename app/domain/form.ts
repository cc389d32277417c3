// A person's survey form: the pages they answer, drawn from the instrument. Pure: no I/O.
//
// Version 1 has fixed items, so every form is the instrument itself. Version 2 has a bank per dimension and a
// blueprint: every anchor item, `familyItems` variants for the person's job-family group and `draw` items from
// the common pool, with the options of each knowledge item shuffled. The draw and the shuffle are seeded by the
// cycle and the person, so the same person sees the same form and option order on every visit (stable on
// resume), and different people get different forms. docs/scoring.md explains why.
import {
  type AnyInstrument,
  type Bilingual,
  type FamilyGroup,
  familyGroupOf,
  type InstrumentItem,
  type InstrumentV2,
  isV2,
  type JobFamily,
} from "./content-schema"

export type ToolItem = { id: string; kind: "tool"; text: Bilingual }
export type FormItem = InstrumentItem | ToolItem
export type PageKind = "dimension" | "attitudes" | "tools"
export type FormPage = {
  key: string
  kind: PageKind
  name: Bilingual
  description: Bilingual
  items: FormItem[]
}
export type SurveyForm = { pages: FormPage[] }
export type FormPerson = { personId: number; cycleId: number; jobFamily: JobFamily }

// ---------------------------------------------------------------- seeded randomness

/** FNV-1a: a string to 32 bits, so a seed can be written as "cycle:person:item". */
function hashString(text: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: a small, well-spread generator; the same seed gives the same sequence on every machine. */
export function seededRandom(seed: string): () => number {
  let a = hashString(seed)
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher-Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

// ---------------------------------------------------------------- the blueprint

type Dimension2 = InstrumentV2["dimensions"][number]
type BankItem = Dimension2["knowledge"][number]

/** The parts of a dimension's bank that the blueprint draws from for one job-family group. */
export function bankParts(dimension: Pick<Dimension2, "knowledge">, group: FamilyGroup) {
  return {
    anchors: dimension.knowledge.filter((k) => k.anchor),
    variants: dimension.knowledge.filter((k) => !k.anchor && k.families?.includes(group)),
    pool: dimension.knowledge.filter((k) => !k.anchor && !k.families),
  }
}

/** Why a form cannot be drawn for a group from a dimension's bank, or an empty list. */
export function formProblems(
  dimension: Pick<Dimension2, "knowledge">,
  blueprint: InstrumentV2["blueprint"],
  group: FamilyGroup,
): string[] {
  const { anchors, variants, pool } = bankParts(dimension, group)
  const problems: string[] = []
  if (anchors.length !== blueprint.anchors)
    problems.push(`has ${anchors.length} anchor items, the blueprint asks for ${blueprint.anchors}`)
  if (variants.length < blueprint.familyItems)
    problems.push(
      `has ${variants.length} variants for ${group}, the blueprint asks for ${blueprint.familyItems}`,
    )
  if (pool.length < blueprint.draw)
    problems.push(`has ${pool.length} common items, the blueprint draws ${blueprint.draw}`)
  return problems
}

/** The knowledge items one person answers in one dimension, in the order they see them. */
export function drawKnowledge(
  dimension: Dimension2,
  blueprint: InstrumentV2["blueprint"],
  person: FormPerson,
): BankItem[] {
  const seed = `${person.cycleId}:${person.personId}:${dimension.key}`
  const random = seededRandom(seed)
  const { anchors, variants, pool } = bankParts(dimension, familyGroupOf(person.jobFamily))
  const chosen = [
    ...anchors,
    ...shuffled(variants, random).slice(0, blueprint.familyItems),
    ...shuffled(pool, random).slice(0, blueprint.draw),
  ]
  return shuffled(chosen, random)
}

function asFormItem(item: BankItem, person: FormPerson): InstrumentItem {
  const random = seededRandom(`${person.cycleId}:${person.personId}:${item.id}`)
  return {
    id: item.id,
    kind: "knowledge",
    text: item.text,
    options: shuffled(item.options, random),
    correct: item.correct,
  }
}

/** The form a person answers in a cycle: every page, with the items in the order they see them. */
export function formFor(
  instrument: AnyInstrument,
  person: FormPerson,
  register: { id: string; name: Bilingual }[] | null = null,
): SurveyForm {
  if (!isV2(instrument)) {
    return {
      pages: instrument.dimensions.map((d) => ({
        key: d.key,
        kind: "dimension",
        name: d.name,
        description: d.description,
        items: d.items,
      })),
    }
  }
  const dimensions: FormPage[] = instrument.dimensions.map((d) => ({
    key: d.key,
    kind: "dimension",
    name: d.name,
    description: d.description,
    items: [
      ...drawKnowledge(d, instrument.blueprint, person).map((item) => asFormItem(item, person)),
      ...d.selfRatings.map((s) => ({ id: s.id, kind: "likert" as const, reverse: false, text: s.text })),
    ],
  }))
  const { attitudes, tools } = instrument
  return {
    pages: [
      ...dimensions,
      {
        key: "attitudes",
        kind: "attitudes",
        name: attitudes.name,
        description: attitudes.description,
        items: attitudes.items.map((a) => ({
          id: a.id,
          kind: "likert" as const,
          reverse: false,
          text: a.text,
        })),
      },
      {
        key: "tools",
        kind: "tools",
        name: tools.name,
        description: tools.description,
        items: toolChoices(instrument, register).map((t) => ({
          id: t.id,
          kind: "tool" as const,
          text: t.text,
        })),
      },
    ],
  }
}

/**
 * The hospital's register of AI systems (issue 19): the tools page lists the register's systems for the person's
 * unit where there are any (the survey service passes them), and the instrument's short list otherwise.
 */
export function toolChoices(
  instrument: Pick<InstrumentV2, "tools">,
  register: { id: string; name: Bilingual }[] | null = null,
): { id: string; text: Bilingual }[] {
  if (register && register.length > 0) return register.map((s) => ({ id: `tools.${s.id}`, text: s.name }))
  return instrument.tools.items
}

/** The scored pages of a form (one per dimension), without attitudes and tools. */
export function dimensionPages(form: SurveyForm) {
  return form.pages.filter((p) => p.kind === "dimension")
}
