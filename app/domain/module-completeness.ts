// What every module must carry to teach (issue 14, COURSE-SCHEMA.md): the date its law was checked, objectives
// on every lesson, at least one decision case and one exercise, and a link for every source. The schema accepts
// a module without them (so content can be written in steps); content:check reports what is missing. Pure.
import type { ModuleMeta } from "./content-schema"

/** `near` is a text on the line the problem belongs to, for finding its line in the file. */
export type CompletenessProblem = { path: string; message: string; near?: string }

type Checked = Pick<ModuleMeta, "lawAsOf" | "lessons" | "cases" | "exercises" | "sources">

export function completenessProblems(m: Checked): CompletenessProblem[] {
  const problems: CompletenessProblem[] = []
  if (!m.lawAsOf)
    problems.push({
      path: "lawAsOf",
      message: "lawAsOf is missing: the date the law and facts were last checked",
    })
  m.lessons.forEach((lesson, i) => {
    if (!lesson.objectives || lesson.objectives.length === 0)
      problems.push({
        path: `lessons.${i}.objectives`,
        message: `lesson "${lesson.slug}" has no objectives`,
        near: `slug: ${lesson.slug}`,
      })
  })
  if (m.cases.length === 0)
    problems.push({ path: "cases", message: "a module needs at least one decision case" })
  if (m.exercises.length === 0)
    problems.push({ path: "exercises", message: "a module needs at least one exercise" })
  m.sources.forEach((source, i) => {
    if (!source.url)
      problems.push({
        path: `sources.${i}.url`,
        message: `source "${source.title}" has no url: link the published text`,
        near: source.title,
      })
  })
  return problems
}
