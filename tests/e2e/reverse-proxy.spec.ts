import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ensureNginx, NGINX } from "../../scripts/ensure-nginx.js"
import { expect, login, test } from "./fixtures"
import { send } from "./http"

// A real deployment: Debian's nginx terminates TLS (a self-signed certificate made by openssl) on loopback and
// proxies to the app, which runs with PARAT_TRUST_PROXY=1 and PARAT_PUBLIC_ORIGIN, on its own seeded database.
test.describe.configure({ mode: "serial" })

let dir = ""
let app: ChildProcess | undefined
let nginx: ChildProcess | undefined
let proxyOrigin = ""

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })
}

async function waitFor(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`)
    try {
      if ((await send(url)).status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${what} did not answer ${url}`)
}

function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return Promise.resolve()
  return new Promise<void>((resolve) => {
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })
}

const nginxConf = (appPort: number, proxyPort: number) => `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${proxyServerBlock(`127.0.0.1:${proxyPort}`, `127.0.0.1:${appPort}`, dir)}
}
`

/** The server block of docs/deployment.md, with this test's addresses and certificate. */
const proxyServerBlock = (listen: string, upstream: string, certDir: string) => `
  server {
    listen ${listen} ssl;
    server_name localhost;
    ssl_certificate ${certDir}/cert.pem;
    ssl_certificate_key ${certDir}/key.pem;
    client_max_body_size 32m;
    location / {
      proxy_pass http://${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }`

test.beforeAll(async () => {
  test.setTimeout(240_000)
  ensureNginx()
  dir = mkdtempSync(join(tmpdir(), "parat-proxy-"))
  const [appPort, proxyPort] = [await freePort(), await freePort()]
  proxyOrigin = `https://localhost:${proxyPort}`
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
      ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ...["-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`],
    ],
    { stdio: "ignore" },
  )

  app = spawn(process.execPath, ["scripts/e2e-server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(appPort),
      HOST: "127.0.0.1",
      DATABASE_URL: `${dir}/parat.db`,
      PARAT_BUILD_DIR: process.env.PARAT_BUILD_DIR ?? "build",
      NODE_ENV: "production",
      PARAT_TRUST_PROXY: "1",
      PARAT_PUBLIC_ORIGIN: proxyOrigin,
    },
  })
  await waitFor(`http://127.0.0.1:${appPort}/healthz`, app, "the app")

  writeFileSync(`${dir}/nginx.conf`, nginxConf(appPort, proxyPort))
  nginx = spawn(NGINX, ["-p", dir, "-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`], {
    stdio: ["ignore", "ignore", "inherit"],
  })
  await waitFor(`${proxyOrigin}/healthz`, nginx, "nginx")
})

test.afterAll(async () => {
  await Promise.all([stop(nginx), stop(app)])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test("through nginx with TLS, a person logs in, answers a survey page and logs out", async ({ browser }) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: proxyOrigin, locale: "da-DK" })
  const page = await context.newPage()
  const problems: string[] = []
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text())
  })
  page.on("pageerror", (error) => problems.push(error.message))

  const first = await page.goto("/login")
  const headers = first?.headers() ?? {}
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d{6,}/)
  expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests")
  expect(headers["cache-control"]).toBe("no-store")

  await login(page, "journey.one@parat.test", undefined, { navigate: false })
  await expect(page.getByRole("heading", { level: 1, name: "Hej, Jonna Rejse" })).toBeVisible()
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Måling" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "AI-parathed på hospitalet" })).toBeVisible()
  await page.getByRole("link", { name: "Start målingen" }).click()
  await expect(page.getByText(/^Side 1 af \d+$/)).toBeVisible()
  const groups = page.locator("fieldset.survey-item")
  const n = await groups.count()
  expect(n).toBeGreaterThanOrEqual(5)
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole("radio").last().check()
  await page.getByRole("button", { name: "Gem og gå videre" }).click()
  await expect(page.getByText(/^Side 2 af \d+$/)).toBeVisible()
  expect(new URL(page.url()).origin).toBe(proxyOrigin)

  // The answers were saved: back on page 1 they are still checked.
  await page.getByRole("button", { name: "Gem og gå tilbage" }).click()
  await expect(page.getByText(/^Side 1 af \d+$/)).toBeVisible()
  await expect(groups.first().getByRole("radio").last()).toBeChecked()

  await page.getByRole("button", { name: "Log ud" }).click()
  await expect(page.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible()
  await page.goto("/survey")
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsurvey/)
  expect(problems).toEqual([])
  await context.close()
})

test("through nginx, a cross-site post is refused with 403", async () => {
  const crossSite = await send(`${proxyOrigin}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
    body: "email=a%40b.dk&password=x",
  })
  expect(crossSite.status).toBe(403)
})

test("a client-chosen X-Forwarded-For does not give a new address: the address throttle still applies", async () => {
  // Each attempt is for a different unknown account from a different claimed address; the app must see nginx's
  // view of the client (127.0.0.1), so the per-address limit of failed logins is reached.
  let status = 0
  for (let attempt = 0; attempt < 60 && status !== 429; attempt++) {
    const response = await send(`${proxyOrigin}/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: proxyOrigin,
        "X-Forwarded-For": `203.0.113.${attempt}`,
      },
      body: new URLSearchParams({ email: `nobody.${attempt}@example.dk`, password: "wrong" }).toString(),
    })
    status = response.status
  }
  expect(status).toBe(429)
})
