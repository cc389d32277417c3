import { z } from "zod"
import { MDR_CLASSES, RISK_CLASSES, SYSTEM_STATUSES } from "~/domain/ai-register"
import { JOB_FAMILIES } from "~/domain/vocabulary"
import { requiredText } from "./forms"

export const SystemSchema = z.object({
  name: requiredText(120),
  supplier: requiredText(120),
  intendedPurpose: requiredText(1000),
  status: z.enum(SYSTEM_STATUSES),
  riskClass: z.enum(RISK_CLASSES),
  mdrClass: z.enum(MDR_CLASSES),
  isGenerative: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
  contactName: requiredText(120),
  handbookPhase: z
    .string()
    .max(60)
    .transform((v) => v || null),
  unitIds: z.array(z.coerce.number().int().positive()).min(1, { error: "errors.units" }).max(500),
})

/** "module:<slug>" or "instruction:<id>", as the requirement form's one select sends it. */
const RequiredContent = z.union([
  z
    .string()
    .regex(/^module:[a-z0-9-]{1,80}$/)
    .transform((v) => ({ moduleSlug: v.slice("module:".length), instructionId: null })),
  z
    .string()
    .regex(/^instruction:[1-9][0-9]{0,9}$/)
    .transform((v) => ({ moduleSlug: null, instructionId: Number(v.slice("instruction:".length)) })),
])

export const RequirementSchema = z.object({
  content: RequiredContent,
  jobFamily: z.enum(JOB_FAMILIES),
  refreshMonths: z.union([z.literal("").transform(() => null), z.coerce.number().int().min(1).max(120)]),
  graceDays: z.coerce.number().int().min(0).max(365),
})

/** The system form's fields, with the repeated unitIds as a list. */
export function systemFields(form: FormData) {
  const raw: Record<string, unknown> = {}
  for (const [key, value] of form) if (typeof value === "string" && key !== "unitIds") raw[key] = value
  raw.unitIds = form.getAll("unitIds").filter((v) => typeof v === "string")
  return SystemSchema.safeParse(raw)
}
