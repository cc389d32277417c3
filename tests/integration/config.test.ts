// The configuration is parsed and checked once, at start-up (app/env.server.ts): a bad value stops the process
// with a message naming the setting, before anything is opened or written.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expect, onTestFinished, test } from "vitest"
import { ConfigError, parseEnv } from "~/env.server"

test("a bad value names the setting, what it must be and what it was", () => {
  expect(() => parseEnv({ PARAT_MIN_GROUP_SIZE: "2" })).toThrow(ConfigError)
  expect(() => parseEnv({ PARAT_MIN_GROUP_SIZE: "2" })).toThrow(
    /Parat cannot start: the configuration is invalid\.\n {2}PARAT_MIN_GROUP_SIZE: .*>=3.* \(it is "2"\)/,
  )
  expect(() => parseEnv({ PARAT_TRUST_PROXY: "all of them" })).toThrow(
    /PARAT_TRUST_PROXY: false, true, a number/,
  )
  expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: .*\(it is "eighty"\)/)
})

test("every bad setting is listed at once, and settings that need each other are checked together", () => {
  const error = (() => {
    try {
      parseEnv({ PARAT_MIN_GROUP_SIZE: "1", PARAT_SESSION_IDLE_MINUTES: "0", PARAT_MAIL_TRANSPORT: "smtp" })
    } catch (thrown) {
      return thrown as Error
    }
  })()
  expect(error?.message).toMatch(/PARAT_MIN_GROUP_SIZE/)
  expect(error?.message).toMatch(/PARAT_SESSION_IDLE_MINUTES/)
  expect(error?.message).toMatch(/PARAT_SMTP_URL: needed when PARAT_MAIL_TRANSPORT=smtp/)
  expect(() => parseEnv({ PARAT_OIDC_ISSUER: "https://login.region.dk" })).toThrow(/PARAT_OIDC_CLIENT_ID/)
})

test("defaults fill what is unset, and an empty variable counts as unset", () => {
  const env = parseEnv({ PARAT_MIN_GROUP_SIZE: "", DATABASE_URL: "file:data/other.db" })
  expect(env).toMatchObject({
    PARAT_MIN_GROUP_SIZE: 5,
    DATABASE_URL: "data/other.db",
    PARAT_COURSES_DIR: "courses",
    PARAT_TRUST_PROXY: false,
    HOST: "127.0.0.1",
    PORT: 3000,
  })
})

test("npm run db:migrate with a k below 3 stops with the message and creates no database", () => {
  const dir = mkdtempSync(join(tmpdir(), "parat-config-"))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  const database = join(dir, "parat.db")
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: database, PARAT_MIN_GROUP_SIZE: "2" },
    encoding: "utf8",
  })
  expect(run.status).not.toBe(0)
  expect(run.stderr).toContain("Parat cannot start: the configuration is invalid.")
  expect(run.stderr).toMatch(/PARAT_MIN_GROUP_SIZE: .*\(it is "2"\)/)
  expect(existsSync(database)).toBe(false)
})
