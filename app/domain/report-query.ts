// The address of a report: /reports/units/<unitId>?cycle=<id>&jobFamily=<family>. An empty field means "all".
import { z } from "zod"
import { JOB_FAMILIES } from "./content-schema"

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value)
const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31)

export const ReportQuery = z.object({
  cycle: z.preprocess(emptyAsUndefined, id.optional()),
  jobFamily: z.preprocess(emptyAsUndefined, z.enum(JOB_FAMILIES).optional()),
})
