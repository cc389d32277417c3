// Starts the built app as a child process on loopback, for the benchmark. The process id is the server's own,
// so the crash test can SIGKILL it.
import { type ChildProcess, spawn } from "node:child_process"
import { generateSync } from "otplib"
import { DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET } from "../seed/demo"

export type RunningServer = { url: string; process: ChildProcess; stop: () => Promise<void> }

export async function startServer(options: { port: number; database: string; env?: Record<string, string> }) {
  const started = performance.now()
  const child = spawn(process.execPath, ["scripts/start.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.database,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout?.on("data", (chunk) => {
    output += chunk
  })
  child.stderr?.on("data", (chunk) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${options.port}`
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    if (i === 299) throw new Error(`server did not start: ${output}`)
  }
  const startupMs = performance.now() - started
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
  return { url, process: child, stop, startupMs }
}

/**
 * Logs in through the real form and returns the session cookie; the demo admin also passes the two-factor step
 * with a code from the published demo secret.
 */
export async function loginCookie(url: string, email: string, password = "parat-demo") {
  const post = (path: string, body: Record<string, string>, cookie?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: url,
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(body),
    })
  const cookiesOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ")
  let response = await post("/login", { email, password, redirectTo: "/" })
  if (response.headers.get("Location") === "/login/two-factor" && email === DEMO_ADMIN_EMAIL) {
    response = await post(
      "/login/two-factor",
      { code: generateSync({ secret: DEMO_TOTP_SECRET }) },
      cookiesOf(response),
    )
  }
  const cookie = cookiesOf(response)
  if (!cookie.includes("parat_session=")) throw new Error(`login failed for ${email}: ${response.status}`)
  return cookie
}
