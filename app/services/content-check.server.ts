// Whole-catalogue checks on top of the schema validation: the content check of `npm run content:check`.
import { type ContentError, coursesDir, loadAllContent } from "./content-loader.server"

export function checkContent(root = coursesDir()) {
  const { content, errors } = loadAllContent(root)
  const all: ContentError[] = [...errors]
  if (!content) return { errors: all, summary: "" }
  const summary = `instrument ${content.instrument.key} v${content.instrument.version} (${content.instrument.hash}), ${content.modules.length} modules, ${content.wiki.length} wiki terms, handbook ${content.handbook ? "present" : "absent"}`
  return { errors: all, summary }
}
