import { defineConfig } from "@playwright/test"
import { baseURL, database, port } from "./tests/e2e/env"

// Each run gets its own port, database and build folder, so several runs can share one machine.
const buildDir = process.env.PARAT_BUILD_DIR ?? "build"

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    locale: "da-DK",
    trace: "off",
    launchOptions: {
      executablePath: process.env.PARAT_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/e2e-server.js`,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), DATABASE_URL: database, PARAT_BUILD_DIR: buildDir, NODE_ENV: "production" },
  },
})
