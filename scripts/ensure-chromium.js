// Installs Debian's Chromium for the browser tests when it is missing (no browser download of Playwright's own).
import { execSync } from "node:child_process"
import { existsSync } from "node:fs"

const CHROMIUM = process.env.PARAT_CHROMIUM ?? "/usr/bin/chromium"
if (existsSync(CHROMIUM)) process.exit(0)
console.log("Chromium is missing: installing Debian's chromium package (needs root and apt)...")
const sudo = process.getuid?.() === 0 ? "" : "sudo "
execSync(
  `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`,
  {
    stdio: "inherit",
  },
)
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is still missing at ${CHROMIUM}.`)
  process.exit(1)
}
