import { z } from "zod"

// Route parameters of the learner pages: anything that is not a content slug cannot name a module or lesson.
const contentSlug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)

export const ModuleParams = z.object({ slug: contentSlug })
export const LessonParams = z.object({ slug: contentSlug, lesson: contentSlug })
