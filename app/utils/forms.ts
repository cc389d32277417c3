import { z } from "zod"
import { plainTextField } from "~/domain/plain-text"

/** Field errors hold translation keys (e.g. "validation.required"); the component translates them. */
export type FieldErrors = Partial<Record<string, string[]>>

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> }

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.output<S>> {
  const raw: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const { password: _p, currentPassword: _c, newPassword: _n, confirmPassword: _cp, ...values } = raw
  return { ok: false, errors: z.flattenError(result.error).fieldErrors as FieldErrors, values }
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

/** A new password typed twice: at least 12 characters, and the two must match (change and reset forms). */
export const NewPasswordFields = z
  .object({
    newPassword: z
      .string({ error: "validation.required" })
      .min(12, { error: "validation.passwordTooShort" })
      .max(1024, { error: "validation.tooLong" }),
    confirmPassword: z.string({ error: "validation.required" }).max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "validation.passwordsDiffer",
  })
