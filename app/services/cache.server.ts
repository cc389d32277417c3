// The process's one cache, with one invalidation story for each of its three kinds of entry:
// - "config": built from the configuration (env.server.ts) or from packages (a mail translator, a password
//   checker's word lists, an identity provider's discovery). The configuration is read once at start-up, so these
//   live as long as the process.
// - "content": derived from the files in courses/ (the validated content, the current instrument). Content is
//   read and synced into the database at start-up; it changes only when the server restarts, or when a test
//   points the loader at other files (setCoursesDir drops every content entry).
// - per database: facts that never change once written (a stored instrument version is named by its hash, a
//   closed cycle's item analysis by its response count). Kept per connection, so they go with it; never
//   invalidated, because what they derive from cannot change under the same key.
// Nothing else is cached in memory: reports read the frozen publication, so no writer ever clears a cache.
import type { Db } from "./db.server"

type Kind = "config" | "content"

// Kept on globalThis so that Vite's hot reload in development does not drop what the process already built.
const store = globalThis as unknown as { __paratCache?: Record<Kind, Map<string, unknown>> }
const byDatabase = new WeakMap<object, Map<string, unknown>>()

function entries(kind: Kind) {
  store.__paratCache ??= { config: new Map(), content: new Map() }
  return store.__paratCache[kind]
}

function remember<T>(map: Map<string, unknown>, key: string, compute: () => T): T {
  if (map.has(key)) return map.get(key) as T
  const value = compute()
  map.set(key, value)
  return value
}

/** A value built once per process from the configuration (or a package), under its key. */
export function cachedForProcess<T>(key: string, compute: () => T): T {
  return remember(entries("config"), key, compute)
}

/** A value derived from the course content, kept until the content is read again. */
export function cachedFromContent<T>(key: string, compute: () => T): T {
  return remember(entries("content"), key, compute)
}

/** A value that never changes once its key exists in this database (see above), kept per connection. */
export function cachedForDatabase<T>(db: Db, key: string, compute: () => T): T {
  let map = byDatabase.get(db.$client)
  if (!map) {
    map = new Map()
    byDatabase.set(db.$client, map)
  }
  return remember(map, key, compute)
}

/** Forgets a value built for the process (a failed identity provider discovery is tried again). */
export function forgetForProcess(key: string) {
  entries("config").delete(key)
}

/** Drops everything derived from the content: the next read loads courses/ again. */
export function forgetContent() {
  entries("content").clear()
}
