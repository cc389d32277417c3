import { z } from "zod"

const id = z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).optional()
export const EvidenceQuery = z.object({ unit: id, system: id })
export const CoverageQuery = z.object({ unit: id, cycle: id })
