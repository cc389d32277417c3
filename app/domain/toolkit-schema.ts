// The shape of the handbook's toolkit under courses/ (docs/content-format.md): scenario routes, templates,
// workshop kits, the procurement kit, career paths and the citizen pages. Pure: no file access here.
import { z } from "zod"
import { Bilingual } from "./content-schema"
import { JOB_FAMILIES } from "./vocabulary"

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug (a-z, 0-9, -)")
const Source = z.strictObject({ title: z.string().trim().min(1), url: z.url().optional() })
const Sources = z.array(Source).min(1, "name at least one source")
const LEVEL = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])

/** The four procurement scenarios of the innovative-procurement source, in the order a solution matures. */
export const SCENARIOS = ["need", "prototype", "demo", "solution"] as const
export type Scenario = (typeof SCENARIOS)[number]
/** The four frames every scenario is worked through in. */
export const FRAMES = ["organisational", "legal", "economic", "technological"] as const
export type Frame = (typeof FRAMES)[number]

// ---------------------------------------------------------------- handbook: scenario routes and gates

export const Gate = z.strictObject({
  id: slug,
  /** the handbook phase the gate closes */
  after: slug,
  title: Bilingual,
  question: Bilingual,
  owner: Bilingual,
  evidence: z.array(Bilingual).default([]),
  duration: Bilingual,
})
export type Gate = z.infer<typeof Gate>

export const ScenarioRoute = z.strictObject({
  key: z.enum(SCENARIOS),
  title: Bilingual,
  summary: Bilingual,
  /** frames are optional in the schema so that the check can name the missing one */
  frames: z.strictObject({
    organisational: Bilingual.optional(),
    legal: Bilingual.optional(),
    economic: Bilingual.optional(),
    technological: Bilingual.optional(),
  }),
  route: z.array(z.strictObject({ phase: slug, note: Bilingual })).default([]),
  gates: z.array(Gate).default([]),
  templates: z.array(slug).default([]),
})
export type ScenarioRoute = z.infer<typeof ScenarioRoute>

export const ScenarioFile = z.strictObject({ scenarios: z.array(ScenarioRoute).min(1) })

// ---------------------------------------------------------------- templates

export const TemplateField = z
  .strictObject({
    id: slug,
    kind: z.enum(["text", "textarea", "choice"]),
    label: Bilingual,
    help: Bilingual,
    options: z.array(z.strictObject({ id: slug, label: Bilingual })).optional(),
  })
  .refine((f) => (f.kind === "choice") === (f.options !== undefined && f.options.length >= 2), {
    message: "a choice field has at least two options, and only a choice field has options",
    path: ["options"],
  })
export type TemplateField = z.infer<typeof TemplateField>

export const Template = z.strictObject({
  slug,
  title: Bilingual,
  purpose: Bilingual,
  sources: Sources,
  sections: z
    .array(
      z.strictObject({
        title: Bilingual,
        help: Bilingual.optional(),
        fields: z.array(TemplateField).default([]),
      }),
    )
    .default([]),
})
export type Template = z.infer<typeof Template>

// ---------------------------------------------------------------- workshop kits

export const Workshop = z.strictObject({
  slug,
  title: Bilingual,
  goal: Bilingual,
  audience: Bilingual,
  minutes: z.number().int().positive().max(480),
  /** the modules the kit deepens: their pages link here */
  modules: z.array(slug).default([]),
  agenda: z
    .array(z.strictObject({ minutes: z.number().int().positive(), title: Bilingual, activity: Bilingual }))
    .default([]),
  materials: z.array(Bilingual).default([]),
  cases: z.array(z.strictObject({ title: Bilingual, body: Bilingual })).default([]),
  debrief: z.array(Bilingual).default([]),
  sources: Sources,
})
export type Workshop = z.infer<typeof Workshop>

// ---------------------------------------------------------------- procurement kit

export const CLAUSE_TOPICS = ["data", "ip", "liability", "model-updates", "monitoring", "exit"] as const
export type ClauseTopic = (typeof CLAUSE_TOPICS)[number]

export const ClauseLibrary = z.strictObject({
  intro: Bilingual,
  /** the contract texts a clause can be mapped to: K01-K04, D17, MCC-AI ... */
  contracts: z
    .array(z.strictObject({ key: slug, name: Bilingual, use: Bilingual, url: z.url().optional() }))
    .min(1),
  clauses: z
    .array(
      z.strictObject({
        scenario: z.enum(SCENARIOS),
        topic: z.enum(CLAUSE_TOPICS),
        demand: Bilingual,
        why: Bilingual,
        contracts: z.array(z.strictObject({ key: slug, where: Bilingual })).min(1),
      }),
    )
    .min(1),
  sources: Sources,
})
export type ClauseLibrary = z.infer<typeof ClauseLibrary>

export const Roadmap = z.strictObject({
  intro: Bilingual,
  stages: z
    .array(
      z.strictObject({
        scenario: z.enum(SCENARIOS),
        hospital: z.array(Bilingual).min(1),
        supplier: z.array(Bilingual).min(1),
        nextStep: Bilingual,
      }),
    )
    .min(1),
  sources: Sources,
})
export type Roadmap = z.infer<typeof Roadmap>

/** A prose page of the procurement kit (the market-dialogue procedure, the guide for suppliers). */
export const GuidePage = z.strictObject({
  slug,
  title: Bilingual,
  summary: Bilingual,
  body: Bilingual,
  sources: Sources,
})
export type GuidePage = z.infer<typeof GuidePage>

// ---------------------------------------------------------------- career paths

export const CareerRole = z.strictObject({
  slug,
  title: Bilingual,
  summary: Bilingual,
  /** the job families whose learning path shows the role */
  families: z.array(z.enum(JOB_FAMILIES)).min(1),
  /** the jobs people start from, in words (medical secretary, IT operator ...) */
  startingPoints: Bilingual,
  steps: z
    .array(
      z.strictObject({
        level: LEVEL,
        title: Bilingual,
        description: Bilingual,
        modules: z.array(slug).min(1),
      }),
    )
    .min(1),
})
export type CareerRole = z.infer<typeof CareerRole>
export const CareerFile = z.strictObject({ intro: Bilingual, roles: z.array(CareerRole).min(1) })

// ---------------------------------------------------------------- citizen pages

export const CitizenPage = z.strictObject({
  slug,
  order: z.number().int().positive(),
  title: Bilingual,
  /** a few short sentences that say the page's message in easy-read form */
  easyRead: Bilingual,
  body: Bilingual,
  sources: Sources,
})
export type CitizenPage = z.infer<typeof CitizenPage>

export type Toolkit = {
  scenarios: ScenarioRoute[]
  templates: Template[]
  workshops: Workshop[]
  clauses: ClauseLibrary | null
  roadmap: Roadmap | null
  guides: GuidePage[]
  careers: z.infer<typeof CareerFile> | null
  citizen: CitizenPage[]
}
