// The production server checks its configuration when it starts: a bad value stops it with a message naming the
// setting, and it never listens.
import { spawnSync } from "node:child_process"
import { expect, test } from "@playwright/test"
import { port } from "./env"

test("npm start with a k below 3 exits at once with a message naming PARAT_MIN_GROUP_SIZE", () => {
  const run = spawnSync(process.execPath, ["scripts/start.js"], {
    env: {
      ...process.env,
      PORT: String(port + 60),
      DATABASE_URL: `.cache/e2e/config-${port}.db`,
      PARAT_MIN_GROUP_SIZE: "2",
    },
    encoding: "utf8",
    timeout: 60_000,
  })
  expect(run.status).toBe(1)
  expect(run.stderr).toContain("Parat cannot start: the configuration is invalid.")
  expect(run.stderr).toMatch(/PARAT_MIN_GROUP_SIZE: .*\(it is "2"\)/)
  expect(run.stdout).not.toContain("Parat is serving")
})
