// The house's layering, checked on the source: routes reach data only through app/services, and app/domain is pure
// (no service, database or route, and no Node I/O); db/ imports no service.
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { expect, test } from "vitest"

const ROOT = process.cwd()

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) ? [path] : []
  })
}

/** Every module a file imports (static, dynamic and re-exports), resolved to a path from the project root. */
function importsOf(file: string, text = readFileSync(file, "utf8")) {
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!)
  return specifiers.map((specifier) => {
    if (specifier.startsWith("~/")) return join("app", specifier.slice(2))
    if (specifier === "#db" || specifier.startsWith("#db/")) return join("db", specifier.slice(4))
    if (specifier.startsWith(".")) return relative(ROOT, resolve(dirname(file), specifier))
    return specifier // a package
  })
}

function violations(dir: string, forbidden: (target: string) => boolean) {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${relative(ROOT, file)} -> ${target}`),
  )
}

const isDb = (target: string) => target === "db" || target.startsWith("db/")
const isService = (target: string) => target.startsWith("app/services")
const isRoute = (target: string) => target.startsWith("app/routes")
const isNodeIo = (target: string) =>
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|sqlite)$/.test(target) ||
  target === "better-sqlite3"

test("no route imports the database: routes go through app/services", () => {
  expect(violations("app/routes", isDb)).toEqual([])
})

test("app/domain is pure: it imports no service, database, route or Node I/O", () => {
  expect(violations("app/domain", (t) => isDb(t) || isService(t) || isRoute(t) || isNodeIo(t))).toEqual([])
})

test("db/ is the lowest layer: it imports no service or route (seeds that use services live in scripts/seed/)", () => {
  expect(violations("db", (t) => isService(t) || isRoute(t))).toEqual([])
})

test("the check sees every kind of import it is meant to catch", () => {
  const file = join(ROOT, "app/routes/example.tsx")
  const text = [
    'import { getDb } from "#db/client"',
    'import type { Db } from "../../db/client"',
    'import { people } from "../../db/schema"',
    'export { x } from "~/services/auth.server"',
    'const lazy = await import("../routes/other")',
    'import "../../db/side-effect"',
  ].join("\n")
  expect(importsOf(file, text)).toEqual([
    "db/client",
    "db/client",
    "db/schema",
    "app/services/auth.server",
    "db/side-effect",
    "app/routes/other",
  ])
})
