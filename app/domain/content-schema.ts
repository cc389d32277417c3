// The shape of everything under courses/ (docs/content-format.md), as zod schemas. Pure: no file access here.
import { z } from "zod"

import { MIN_PASS_MARK } from "./quiz"
import { DIMENSIONS, type Dimension, JOB_FAMILIES, type JobFamily } from "./vocabulary"

export { DIMENSIONS, type Dimension, JOB_FAMILIES, type JobFamily, LEVELS, type Level } from "./vocabulary"

const nonEmpty = z.string().trim().min(1, "must not be empty")
export const Bilingual = z.strictObject({ da: nonEmpty, en: nonEmpty })
export type Bilingual = z.infer<typeof Bilingual>
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug (a-z, 0-9, -)")

// ---------------------------------------------------------------- instrument

const LikertItem = z.strictObject({
  id: z.string().regex(/^[a-z_]+\.s\d+$/, "a likert item id looks like <dimension>.s<n>"),
  kind: z.literal("likert"),
  reverse: z.boolean().default(false),
  text: Bilingual,
})
const KnowledgeItem = z
  .strictObject({
    id: z.string().regex(/^[a-z_]+\.k\d+$/, "a knowledge item id looks like <dimension>.k<n>"),
    kind: z.literal("knowledge"),
    text: Bilingual,
    options: z
      .array(z.strictObject({ id: z.enum(["a", "b", "c", "d"]), text: Bilingual }))
      .min(3)
      .max(4),
    correct: z.enum(["a", "b", "c", "d"]),
  })
  .refine((item) => item.options.some((o) => o.id === item.correct), {
    message: "correct must be one of the option ids",
    path: ["correct"],
  })
  .refine((item) => new Set(item.options.map((o) => o.id)).size === item.options.length, {
    message: "option ids must be unique",
    path: ["options"],
  })
export const InstrumentItem = z.discriminatedUnion("kind", [LikertItem, KnowledgeItem])
export type InstrumentItem = z.infer<typeof InstrumentItem>

export const Instrument = z
  .strictObject({
    key: slug,
    version: z.number().int().positive(),
    title: Bilingual,
    intro: Bilingual,
    minutes: z.number().int().positive(),
    scale: z.array(Bilingual).length(5, "the agreement scale has exactly 5 labels"),
    dontKnow: Bilingual,
    levels: z
      .array(
        z.strictObject({
          level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
          min: z.number().min(0).max(100),
        }),
      )
      .length(4)
      .refine(
        (levels) => levels.every((l, i) => l.level === i + 1 && (i === 0 || l.min > levels[i - 1]!.min)),
        {
          message: "levels must be 1, 2, 3, 4 in order with rising minimum scores",
        },
      ),
    minAnsweredShare: z.number().gt(0).max(1),
    dimensions: z
      .array(
        z.strictObject({
          key: z.enum(DIMENSIONS),
          name: Bilingual,
          description: Bilingual,
          items: z
            .array(InstrumentItem)
            .min(5, "5 to 7 items per dimension")
            .max(7, "5 to 7 items per dimension"),
        }),
      )
      .length(DIMENSIONS.length, "the instrument has the six dimensions"),
  })
  .superRefine((instrument, ctx) => {
    const seenDimensions = new Set<string>()
    const seenItems = new Set<string>()
    instrument.dimensions.forEach((dimension, d) => {
      if (seenDimensions.has(dimension.key)) {
        ctx.addIssue({
          code: "custom",
          message: `dimension ${dimension.key} appears twice`,
          path: ["dimensions", d, "key"],
        })
      }
      seenDimensions.add(dimension.key)
      dimension.items.forEach((item, i) => {
        const path = ["dimensions", d, "items", i, "id"]
        if (seenItems.has(item.id))
          ctx.addIssue({ code: "custom", message: `item id ${item.id} appears twice`, path })
        if (!item.id.startsWith(`${dimension.key}.`)) {
          ctx.addIssue({ code: "custom", message: `item id must start with "${dimension.key}."`, path })
        }
        seenItems.add(item.id)
      })
    })
  })
export type Instrument = z.infer<typeof Instrument>

// ---------------------------------------------------------------- instrument v2: an item bank and a blueprint

/** Job families grouped by how their work differs: a knowledge item may be a variant for some groups only. */
export const FAMILY_GROUPS = ["clinical", "administrative", "it_data", "management"] as const
export type FamilyGroup = (typeof FAMILY_GROUPS)[number]
export function familyGroupOf(family: JobFamily): FamilyGroup {
  if (family === "doctor" || family === "nurse" || family === "other_clinical") return "clinical"
  return family
}

const LEVEL = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
const BankItem = z
  .strictObject({
    id: z.string().regex(/^[a-z_]+\.k\d+$/, "a knowledge item id looks like <dimension>.k<n>"),
    /** the lowest level whose borderline person is expected to know it (the standard-setting judgement) */
    level: LEVEL,
    /** on every form of every cycle: links cycles to one scale */
    anchor: z.boolean().default(false),
    /** a variant for these job-family groups only; absent = for everyone */
    families: z.array(z.enum(FAMILY_GROUPS)).min(1).optional(),
    source: nonEmpty,
    text: Bilingual,
    options: z.array(z.strictObject({ id: z.enum(["a", "b", "c", "d"]), text: Bilingual })).length(4),
    correct: z.enum(["a", "b", "c", "d"]),
  })
  .refine((item) => new Set(item.options.map((o) => o.id)).size === item.options.length, {
    message: "option ids must be unique",
    path: ["options"],
  })
  .refine((item) => !(item.anchor && item.families), {
    message: "an anchor item is common to every form, so it cannot be a job-family variant",
    path: ["families"],
  })
export type BankItem = z.infer<typeof BankItem>

const SelfRating = z.strictObject({
  id: z.string().regex(/^[a-z_]+\.s\d+$/, "a self-rating id looks like <dimension>.s<n>"),
  text: Bilingual,
})

export const InstrumentV2 = z
  .strictObject({
    key: slug,
    version: z.literal(2),
    title: Bilingual,
    intro: Bilingual,
    minutes: z.number().int().positive(),
    scale: z.array(Bilingual).length(5, "the agreement scale has exactly 5 labels"),
    dontKnow: Bilingual,
    levels: z
      .array(z.strictObject({ level: LEVEL, min: z.number().min(0).max(100) }))
      .length(4)
      .refine((l) => l.every((x, i) => x.level === i + 1 && (i === 0 || x.min > l[i - 1]!.min)), {
        message: "levels must be 1, 2, 3, 4 in order with rising minimum scores",
      }),
    minAnsweredShare: z.number().gt(0).max(1),
    standardSetting: z.strictObject({
      method: z.literal("modified-angoff"),
      record: nonEmpty,
      /** P(a borderline person at level L knows an item of level d), by d relative to L */
      knowProbability: z.strictObject({
        below: z.number().min(0).max(1),
        at: z.number().min(0).max(1),
        oneAbove: z.number().min(0).max(1),
        further: z.number().min(0).max(1),
      }),
    }),
    blueprint: z.strictObject({
      /** anchor items per dimension, on every form */
      anchors: z.number().int().min(1),
      /** job-family variant items per dimension on each form */
      familyItems: z.number().int().min(0),
      /** items drawn from the common pool per dimension */
      draw: z.number().int().min(1),
      /** points between confidence and knowledge above which the result page names the gap */
      confidenceGap: z.number().min(0).max(100),
    }),
    dimensions: z
      .array(
        z.strictObject({
          key: z.enum(DIMENSIONS),
          name: Bilingual,
          description: Bilingual,
          selfRatings: z.array(SelfRating).min(4, "4 to 6 self-ratings").max(6, "4 to 6 self-ratings"),
          knowledge: z.array(BankItem).min(10, "a bank of at least 10 knowledge items"),
        }),
      )
      .length(DIMENSIONS.length, "the instrument has the six dimensions"),
    attitudes: z.strictObject({
      name: Bilingual,
      description: Bilingual,
      items: z
        .array(
          z.strictObject({
            id: z.string().regex(/^attitudes\.[a-z]\d+$/, "an attitude id looks like attitudes.<letter><n>"),
            tone: z.enum(["hope", "worry"]),
            text: Bilingual,
          }),
        )
        .min(2),
    }),
    tools: z.strictObject({
      name: Bilingual,
      description: Bilingual,
      items: z
        .array(
          z.strictObject({
            id: z.string().regex(/^tools\.[a-z_]+$/, "a tool id looks like tools.<name>"),
            text: Bilingual,
          }),
        )
        .min(2),
    }),
  })
  .superRefine((instrument, ctx) => {
    const seen = new Set<string>()
    instrument.dimensions.forEach((dimension, d) => {
      const check = (id: string, path: (string | number)[]) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", message: `item id ${id} appears twice`, path })
        if (!id.startsWith(`${dimension.key}.`))
          ctx.addIssue({ code: "custom", message: `item id must start with "${dimension.key}."`, path })
        seen.add(id)
      }
      dimension.selfRatings.forEach((s, i) => {
        check(s.id, ["dimensions", d, "selfRatings", i, "id"])
      })
      dimension.knowledge.forEach((k, i) => {
        check(k.id, ["dimensions", d, "knowledge", i, "id"])
        if (!k.options.some((o) => o.id === k.correct))
          ctx.addIssue({
            code: "custom",
            message: "correct must be one of the option ids",
            path: ["dimensions", d, "knowledge", i, "correct"],
          })
      })
    })
  })
export type InstrumentV2 = z.infer<typeof InstrumentV2>

/** Any stored instrument version: v1 (fixed items) or v2 (bank and blueprint). */
export type AnyInstrument = Instrument | InstrumentV2
export const isV2 = (instrument: { version: number }): instrument is InstrumentV2 => instrument.version === 2

// ---------------------------------------------------------------- modules

const QuizQuestion = z
  .strictObject({
    id: slug,
    kind: z.enum(["single", "multiple"]),
    text: Bilingual,
    options: z
      .array(z.strictObject({ id: slug, text: Bilingual }))
      .min(2)
      .max(6),
    correct: z.array(slug).min(1),
    explanation: Bilingual,
    /** the lesson (and optionally its section heading) to reread after a wrong answer */
    lesson: slug,
    section: Bilingual.optional(),
  })
  .superRefine((q, ctx) => {
    const ids = new Set(q.options.map((o) => o.id))
    if (ids.size !== q.options.length)
      ctx.addIssue({ code: "custom", message: "option ids must be unique", path: ["options"] })
    for (const c of q.correct) {
      if (!ids.has(c))
        ctx.addIssue({ code: "custom", message: `correct option "${c}" is not an option`, path: ["correct"] })
    }
    if (q.kind === "single" && q.correct.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "a single-choice question has exactly one correct option",
        path: ["correct"],
      })
    }
  })
export type QuizQuestion = z.infer<typeof QuizQuestion>

const Lesson = z.strictObject({
  slug,
  title: Bilingual,
  /** what the learner can do after the lesson: 2-4, "Du kan …" / "You can …" (content:check asks for them) */
  objectives: z
    .array(Bilingual)
    .min(2, "2 to 4 objectives per lesson")
    .max(4, "2 to 4 objectives per lesson")
    .optional(),
})

/** A decision case: a short hospital situation, a question and 3-4 choices of which exactly one is best. */
const DecisionCase = z
  .strictObject({
    id: slug,
    /** shown after this lesson's text */
    lesson: slug,
    title: Bilingual,
    situation: Bilingual,
    question: Bilingual,
    choices: z
      .array(
        z.strictObject({
          id: slug,
          text: Bilingual,
          feedback: Bilingual,
          best: z.boolean().default(false),
        }),
      )
      .min(3, "a case has 3 or 4 choices")
      .max(4, "a case has 3 or 4 choices"),
  })
  .superRefine((c, ctx) => {
    const best = c.choices.filter((choice) => choice.best).length
    if (best !== 1)
      ctx.addIssue({
        code: "custom",
        message: `a case has exactly one choice with best: true (has ${best})`,
        path: ["choices"],
      })
    if (new Set(c.choices.map((choice) => choice.id)).size !== c.choices.length)
      ctx.addIssue({ code: "custom", message: "choice ids must be unique", path: ["choices"] })
  })
export type DecisionCase = z.infer<typeof DecisionCase>

/** An exercise to do in one's own work or with colleagues; the guidance says what a good answer contains. */
const Exercise = z.strictObject({
  id: slug,
  lesson: slug,
  title: Bilingual,
  task: Bilingual,
  minutes: z
    .number()
    .int()
    .min(5, "an exercise takes 5 to 20 minutes")
    .max(20, "an exercise takes 5 to 20 minutes"),
  guidance: Bilingual,
})
export type Exercise = z.infer<typeof Exercise>

const figureFile = z
  .string()
  .regex(/^figures\/[a-z0-9]+(-[a-z0-9]+)*\.(da|en)\.svg$/, "a figure file is figures/<name>.<da|en>.svg")
/** A hand-written SVG figure per language (only the labels differ), with a caption and a full text alternative. */
const Figure = z.strictObject({
  id: slug,
  lesson: slug,
  file: z.strictObject({ da: figureFile, en: figureFile }),
  caption: Bilingual,
  alt: Bilingual,
})
export type Figure = z.infer<typeof Figure>

export const ModuleMeta = z
  .strictObject({
    slug,
    dimension: z.enum(DIMENSIONS),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    title: Bilingual,
    summary: Bilingual,
    audiences: z.array(z.union([z.literal("all"), z.enum(JOB_FAMILIES)])).min(1),
    citizen: z.boolean().default(false),
    prerequisites: z.array(slug).default([]),
    sources: z
      // lang: the source's language when the title does not show it (app/domain/source-language.ts)
      .array(
        z.strictObject({ title: nonEmpty, url: z.url().optional(), lang: z.enum(["da", "en"]).optional() }),
      )
      .min(1, "name at least one source"),
    lessons: z.array(Lesson).min(1),
    /** the date on which the law and facts this module teaches were last checked (content:check asks for it) */
    lawAsOf: z.iso.date().optional(),
    cases: z.array(DecisionCase).default([]),
    exercises: z.array(Exercise).default([]),
    figures: z.array(Figure).default([]),
    quiz: z.strictObject({
      passMark: z.number().gt(0).max(1),
      /** questions drawn for one attempt; the pool holds at least twice as many */
      draw: z.number().int().positive(),
      questions: z.array(QuizQuestion).min(1),
    }),
  })
  .superRefine((m, ctx) => {
    const lessons = new Set<string>()
    m.lessons.forEach((l, i) => {
      if (lessons.has(l.slug))
        ctx.addIssue({
          code: "custom",
          message: `lesson ${l.slug} appears twice`,
          path: ["lessons", i, "slug"],
        })
      lessons.add(l.slug)
    })
    const questions = new Set<string>()
    m.quiz.questions.forEach((q, i) => {
      if (questions.has(q.id))
        ctx.addIssue({
          code: "custom",
          message: `question ${q.id} appears twice`,
          path: ["quiz", "questions", i, "id"],
        })
      questions.add(q.id)
    })
    if (m.quiz.passMark < MIN_PASS_MARK[m.level])
      ctx.addIssue({
        code: "custom",
        message: `the pass mark at level ${m.level} is at least ${MIN_PASS_MARK[m.level]}`,
        path: ["quiz", "passMark"],
      })
    m.quiz.questions.forEach((q, i) => {
      if (!lessons.has(q.lesson))
        ctx.addIssue({
          code: "custom",
          message: `question ${q.id} points to lesson "${q.lesson}", which the module does not have`,
          path: ["quiz", "questions", i, "lesson"],
        })
    })
    for (const key of ["cases", "exercises", "figures"] as const) {
      const ids = new Set<string>()
      m[key].forEach((item, i) => {
        if (ids.has(item.id))
          ctx.addIssue({
            code: "custom",
            message: `${key} id ${item.id} appears twice`,
            path: [key, i, "id"],
          })
        ids.add(item.id)
        if (!lessons.has(item.lesson))
          ctx.addIssue({
            code: "custom",
            message: `${item.id} points to lesson "${item.lesson}", which the module does not have`,
            path: [key, i, "lesson"],
          })
      })
    }
    if (m.prerequisites.includes(m.slug)) {
      ctx.addIssue({
        code: "custom",
        message: "a module cannot be its own prerequisite",
        path: ["prerequisites"],
      })
    }
  })
export type ModuleMeta = z.infer<typeof ModuleMeta>

/**
 * A module as loaded from disk: its lesson texts (Markdown), its figures' SVG text per language, and its minutes
 * computed from the words and activities (module.yaml has no minutes of its own).
 */
export type CourseModule = ModuleMeta & {
  minutes: number
  lessonBodies: Record<string, Bilingual>
  figureSvgs: Record<string, Bilingual>
  contentHash: string
}

// ---------------------------------------------------------------- paths, wiki, handbook

export const RoleProfiles = z.strictObject({
  profiles: z.strictObject(
    Object.fromEntries(
      JOB_FAMILIES.map((family) => [
        family,
        z.strictObject(
          Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().int().min(1).max(4)])) as Record<
            Dimension,
            z.ZodNumber
          >,
        ),
      ]),
    ) as Record<JobFamily, z.ZodObject<Record<Dimension, z.ZodNumber>>>,
  ),
})
export type RoleProfiles = { profiles: Record<JobFamily, Record<Dimension, number>> }

export const WikiTerm = z.strictObject({
  slug,
  term: Bilingual,
  short: Bilingual,
  body: Bilingual,
  /** Everyday words people search with ("persondata", "chatbot"): found, never shown. */
  synonyms: z
    .strictObject({ da: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) })
    .default({ da: [], en: [] }),
  related: z.array(slug).default([]),
  modules: z.array(slug).default([]),
})
export type WikiTerm = z.infer<typeof WikiTerm>

export const Handbook = z.strictObject({
  title: Bilingual,
  intro: Bilingual,
  phases: z
    .array(
      z.strictObject({
        key: slug,
        title: Bilingual,
        body: Bilingual,
        checklist: z.array(z.strictObject({ id: slug, text: Bilingual })).min(1),
      }),
    )
    .min(1),
})
export type Handbook = z.infer<typeof Handbook>

// ---------------------------------------------------------------- cross-file rules

/** The first prerequisite cycle among modules, as a list of slugs (a -> b -> a), or null. */
export function findPrerequisiteCycle(modules: { slug: string; prerequisites: string[] }[]): string[] | null {
  const bySlug = new Map(modules.map((m) => [m.slug, m.prerequisites]))
  const state = new Map<string, "visiting" | "done">()
  const stack: string[] = []
  const visit = (slug: string): string[] | null => {
    if (state.get(slug) === "done") return null
    if (state.get(slug) === "visiting") return [...stack.slice(stack.indexOf(slug)), slug]
    state.set(slug, "visiting")
    stack.push(slug)
    for (const next of bySlug.get(slug) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(slug, "done")
    return null
  }
  for (const m of modules) {
    const cycle = visit(m.slug)
    if (cycle) return cycle
  }
  return null
}
