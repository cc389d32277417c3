import type { ParseKeys } from "i18next"
import { z } from "zod"
import { plainTextField } from "~/domain/plain-text"

/** The namespaces a form's error keys come from: common (validation.*), and admin:... or toolkit:... prefixed. */
export const ERROR_NAMESPACES = ["common", "admin", "toolkit"] as const

/**
 * A translation key a form answers with. Field errors are zod messages, and every message in our schemas is such
 * a key (validation.*, admin:...), so a component translates them without a cast.
 */
export type ErrorKey = ParseKeys<typeof ERROR_NAMESPACES>

/** Field errors hold translation keys (e.g. "validation.required"); the component translates them. */
export type FieldErrors = Partial<Record<string, ErrorKey[]>>

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> }

/** The field errors of a failed parse, keyed by field name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  // zod types its messages as strings; ours are common-namespace keys (see ErrorKey).
  return z.flattenError(error).fieldErrors as FieldErrors
}

/** Fields whose value never goes back to the page (passwords): marked where the form's schema declares them. */
const secrets = z.registry()

/** Marks a field schema as secret: parseForm leaves it out of the values it echoes after a failed parse. */
export function secret<T extends z.ZodType>(schema: T): T {
  secrets.add(schema, {})
  return schema
}

/** The names of the secret fields of a form schema (objects, their intersections and pipes). */
export function secretFieldNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject)
    return Object.entries(schema.shape as Record<string, z.ZodType>)
      .filter(([, field]) => secrets.has(field))
      .map(([name]) => name)
  if (schema instanceof z.ZodIntersection)
    return [
      ...secretFieldNames(schema.def.left as z.ZodType),
      ...secretFieldNames(schema.def.right as z.ZodType),
    ]
  if (schema instanceof z.ZodPipe) return secretFieldNames(schema.def.in as z.ZodType)
  return []
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.output<S>> {
  const raw: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const values = { ...raw }
  for (const name of secretFieldNames(schema)) delete values[name]
  return { ok: false, errors: fieldErrors(result.error), values }
}

/** Parses URL search params with a schema; bad input is a 400, never a 500. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const result = schema.safeParse(params)
  if (!result.success) throw new Response("Bad request", { status: 400 })
  return result.data
}

export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw new Response(message, init)
}

/** A required one-line text (names of units, cycles): the one rule of app/domain/plain-text.ts. */
export const requiredText = (max: number) => plainTextField(max)

/** A password typed to prove who you are (sign-in, password change, turning two-factor off): secret, required. */
export const passwordInput = () =>
  secret(
    z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .max(1024, { error: "validation.tooLong" }),
  )

/** A new password typed twice: at least 12 characters, and the two must match (change and reset forms). */
export const NewPasswordFields = z
  .object({
    newPassword: secret(
      z
        .string({ error: "validation.required" })
        .min(12, { error: "validation.passwordTooShort" })
        .max(1024, { error: "validation.tooLong" }),
    ),
    confirmPassword: secret(z.string({ error: "validation.required" }).max(1024)),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "validation.passwordsDiffer",
  })

/** No field errors: what a form answers besides a form-wide error or success (typed, so pages can read any field). */
export const NO_ERRORS: FieldErrors = {}

/**
 * The reasons that have a message under a key prefix, e.g. ReasonKey<"admin", "person.errors."> is "not_found" |
 * "last_admin" | ...: a service's failure reason typed as this has a translation, checked by the compiler.
 */
export type ReasonKey<NS extends (typeof ERROR_NAMESPACES)[number], Prefix extends string> =
  ParseKeys<NS> extends infer K ? (K extends `${Prefix}${infer Reason}` ? Reason : never) : never
