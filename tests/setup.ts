import { afterAll, afterEach, beforeEach, vi } from "vitest"
import { testDbHooks } from "./integration/db"

// An unexpected console.error fails the test.
beforeEach(() => {
  testDbHooks.beforeEach()
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`Unexpected console.error: ${args.map(String).join(" ")}`)
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  testDbHooks.afterEach()
})
afterAll(() => {
  testDbHooks.afterAll()
})
