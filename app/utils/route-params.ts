import { z } from "zod"

/** Route params with a schema: an id that is no id is a page that does not exist (404), never a 500. */
export function parseParams<S extends z.ZodType>(params: Record<string, string | undefined>, schema: S) {
  const result = schema.safeParse(params)
  if (!result.success) throw new Response("Not found", { status: 404 })
  return result.data as z.output<S>
}

const id = z.coerce.number().int().positive().max(2_147_483_647)
export const CycleParams = z.object({ cycleId: id })
export const SurveyPageParams = z.object({ cycleId: id, n: z.coerce.number().int().min(1).max(99) })
