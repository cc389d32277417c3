// Installs Debian's nginx for the reverse-proxy test when it is missing (the test runs it on loopback only).
import { execSync } from "node:child_process"
import { existsSync } from "node:fs"

export const NGINX = process.env.PARAT_NGINX ?? "/usr/sbin/nginx"

export function ensureNginx() {
  if (existsSync(NGINX)) return
  console.log("nginx is missing: installing Debian's nginx package (needs root and apt)...")
  const sudo = process.getuid?.() === 0 ? "" : "sudo "
  // The test starts its own nginx on loopback with its own configuration; the package's service is not used.
  execSync(
    `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx`,
    { stdio: "inherit" },
  )
  if (!existsSync(NGINX)) throw new Error(`nginx is still missing at ${NGINX}.`)
}

if (import.meta.url === `file://${process.argv[1]}`) ensureNginx()
