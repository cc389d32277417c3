import { z } from "zod"

// The one way a route reads its path: each parameter has a schema, and a path that cannot name anything (a
// malformed id, slug or token) is a page that does not exist, 404, the same answer as a well-formed id that names
// nothing. Never a 400 and never a 500.

/** A database id: a positive integer that fits SQLite's and JavaScript's safe range. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647)
/** A content slug (modules, lessons): lower-case words joined by hyphens. */
export const contentSlugParam = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
/** A name looked up as it is (wiki terms, templates, guides, tokens, codes): any non-empty text of sane length. */
export const textParam = z.string().min(1).max(200)

/** Parses route params with a schema (or a shape of param schemas); a mismatch throws a 404 response. */
export function parseParams<S extends z.ZodRawShape>(
  params: Record<string, string | undefined>,
  shape: S | z.ZodObject<S>,
): z.output<z.ZodObject<S>> {
  const schema = shape instanceof z.ZodObject ? shape : z.object(shape)
  const result = schema.safeParse(params)
  if (!result.success) throw new Response("Not found", { status: 404 })
  return result.data as z.output<z.ZodObject<S>>
}

export const IdParams = z.object({ id: idParam })
export const CycleParams = z.object({ cycleId: idParam })
export const SurveyPageParams = z.object({ cycleId: idParam, n: z.coerce.number().int().min(1).max(99) })
export const ModuleParams = z.object({ slug: contentSlugParam })
export const LessonParams = z.object({ slug: contentSlugParam, lesson: contentSlugParam })
export const SlugParams = z.object({ slug: textParam })
export const TokenParams = z.object({ token: textParam })
