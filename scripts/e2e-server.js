// Starts the built app on a fresh, seeded database for the browser tests.
import { execFileSync } from "node:child_process"
import { rmSync } from "node:fs"

const database = process.env.DATABASE_URL
if (!database) throw new Error("DATABASE_URL must be set for the end-to-end server")
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true })
execFileSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], { stdio: "inherit", env: process.env })
await import("./start.js")
