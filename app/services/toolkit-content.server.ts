// Loads the handbook's toolkit from courses/ (scenario routes, templates, workshop kits, procurement kit, career
// paths, citizen pages) with the same YAML reader as the rest of the content, and caches it once per process.
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import type { z } from "zod"
import {
  CareerFile,
  CitizenPage,
  ClauseLibrary,
  GuidePage,
  Roadmap,
  ScenarioFile,
  Template,
  type Toolkit,
  Workshop,
} from "~/domain/toolkit-schema"
import { cachedFromContent } from "./cache.server"
import { type ContentError, coursesDir, readYaml } from "./content-loader.server"

function readOptional<S extends z.ZodType>(root: string, file: string, schema: S, errors: ContentError[]) {
  const path = join(root, file)
  return existsSync(path) ? readYaml(root, path, schema, errors) : null
}

/** Every YAML file of a folder, parsed; a file whose slug differs from its name is an error. */
function readFolder<S extends z.ZodType<{ slug: string }>>(
  root: string,
  folder: string,
  schema: S,
  errors: ContentError[],
): z.output<S>[] {
  const dir = join(root, folder)
  if (!existsSync(dir)) return []
  const out: z.output<S>[] = []
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    const item = readYaml(root, join(dir, name), schema, errors)
    if (!item) continue
    if (`${item.slug}.yaml` !== name)
      errors.push({
        file: `${folder}/${name}`,
        path: "slug",
        message: `slug "${item.slug}" must match the file name`,
      })
    out.push(item)
  }
  return out
}

export function loadToolkit(root: string, errors: ContentError[]): Toolkit {
  return {
    scenarios: readOptional(root, "handbook/scenarios.yaml", ScenarioFile, errors)?.scenarios ?? [],
    templates: readFolder(root, "handbook/templates", Template, errors),
    workshops: readFolder(root, "workshops", Workshop, errors),
    clauses: readOptional(root, "procurement/clauses.yaml", ClauseLibrary, errors),
    roadmap: readOptional(root, "procurement/roadmap.yaml", Roadmap, errors),
    guides: readFolder(root, "procurement/guides", GuidePage, errors),
    careers: readOptional(root, "careers/careers.yaml", CareerFile, errors),
    citizen: readFolder(root, "citizen", CitizenPage, errors).sort((a, b) => a.order - b.order),
  }
}

/** The toolkit, loaded once per content read (cache.server.ts); the content check reports its problems. */
export function getToolkit(): Toolkit {
  return cachedFromContent("toolkit", () => {
    const errors: ContentError[] = []
    const toolkit = loadToolkit(coursesDir(), errors)
    if (errors.length > 0)
      throw new Error(
        `Toolkit content is invalid:\n${errors.map((e) => `${e.file}: ${e.message}`).join("\n")}`,
      )
    return toolkit
  })
}
