import { connect } from "node:net"
import type { BrowserContext, Page } from "@playwright/test"
import { createPerson, DEMO_PASSWORD, e2eDb, expect, test } from "./fixtures"
import { type RawResponse, send, sessionCookieOf } from "./http"

// The HTTP layer as an attacker meets it (issue 12): malformed posts to every action get 400/403/413/415, never a
// 500, and change nothing; every response carries the security headers. Runs against the built server.
const origin = `http://localhost:${process.env.PARAT_E2E_PORT ?? 3100}`
const FORM = "application/x-www-form-urlencoded"

/** What the demo data holds that these tests read but never change. */
function readDemo() {
  const db = e2eDb().$client
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number | undefined) ?? 0
  return {
    cycleId: one("select id from cycles where status = 'open' order by id desc limit 1"),
    // The demo manager's unit (a region with reports); a fresh manager of this test gets the same scope.
    ...(db
      .prepare(
        "select units.id as managerUnitId, units.code as managerUnitCode from manager_scopes join people on people.id = person_id join units on units.id = manager_scopes.unit_id where email = 'manager@parat.test'",
      )
      .get() as { managerUnitId: number; managerUnitCode: string }),
    // Someone of the generated demo staff with a submitted response, whose result and exports are only read.
    ...(db
      .prepare(
        "select person_id as submitterId, cycle_id as submittedCycleId from responses join people on people.id = person_id where responses.status = 'submitted' and email like '%.%.%@parat.test' order by email limit 1",
      )
      .get() as { submitterId: number; submittedCycleId: number }),
  }
}

/** A fresh employee (the probe) and admin of this test, with their session cookies. */
async function setUp() {
  const probe = await createPerson({ unit: "SKO-PAE" })
  const admin = await createPerson({ role: "admin" })
  return {
    ...readDemo(),
    probeId: probe.id,
    cookies: { probe: sessionCookieOf(probe.id), admin: sessionCookieOf(admin.id), none: undefined },
  }
}
type SetUp = Awaited<ReturnType<typeof setUp>>

/** Everything stored about one person, so a test can show that a refused request wrote nothing. */
function personalData(personId: number) {
  const db = e2eDb().$client
  const rows = (table: string) => db.prepare(`select * from ${table} where person_id = ?`).all(personId)
  return JSON.stringify({
    person: db.prepare("select * from people where id = ?").get(personId),
    responses: rows("responses"),
    results: rows("results"),
    enrolments: rows("enrolments"),
    lessons: rows("lesson_progress"),
    quiz: rows("quiz_attempts"),
    handbook: rows("handbook_checks"),
    sessions: db.prepare("select count(*) from sessions where person_id = ?").pluck().get(personId),
  })
}

/** Every action of the app, with the session it needs (admin actions as the admin, the rest as the probe). */
function actions({ cycleId, probeId, cookies }: SetUp) {
  const slug = "data-foundation"
  const { probe, admin } = cookies
  return [
    { path: "/login", cookie: undefined },
    { path: "/login.data", cookie: undefined },
    { path: "/language", cookie: undefined },
    { path: "/reset-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", cookie: undefined },
    { path: "/account/password", cookie: probe },
    { path: "/handbook", cookie: probe },
    { path: "/survey?index", cookie: probe },
    { path: `/survey/${cycleId}/page/1`, cookie: probe },
    { path: `/survey/${cycleId}/page/1.data`, cookie: probe },
    { path: `/survey/${cycleId}/review`, cookie: probe },
    { path: "/learn/catalogue", cookie: probe },
    { path: `/learn/modules/${slug}`, cookie: probe },
    { path: `/learn/modules/${slug}/lessons/data-is-what-ai-is-made-of`, cookie: probe },
    { path: `/learn/modules/${slug}/quiz`, cookie: probe },
    { path: "/admin/cycles?index", cookie: admin },
    { path: `/admin/cycles/${cycleId}`, cookie: admin },
    { path: "/admin/units", cookie: admin },
    { path: "/admin/import", cookie: admin },
    { path: `/admin/people/${probeId}`, cookie: admin },
    { path: "/admin/sign-in", cookie: admin },
  ]
}

function post(
  path: string,
  cookie: string | undefined,
  headers: Record<string, string>,
  body: string | Buffer,
) {
  return send(`${origin}${path}`, {
    method: "POST",
    headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body,
  })
}

const statusOf = (response: RawResponse) => response.status

test("every action answers a post without a form Content-Type with 415, and writes nothing", async () => {
  const ids = await setUp()
  const before = personalData(ids.probeId)
  const body = "intent=next&email=a%40b.dk&password=x&lang=en"
  for (const { path, cookie } of actions(ids)) {
    for (const type of [undefined, "text/plain", "application/json"]) {
      const response = await post(path, cookie, type ? { "Content-Type": type } : {}, body)
      expect(statusOf(response), `${path} with Content-Type ${type ?? "(none)"}`).toBe(415)
    }
  }
  expect(personalData(ids.probeId)).toBe(before)
})

test("the refusal is a translated page for a person", async () => {
  const response = await post(
    "/login",
    undefined,
    { "Content-Type": "text/plain", "Accept-Language": "en" },
    "x",
  )
  expect(response.status).toBe(415)
  expect(response.body).toContain("The form could not be read")
  const danish = await post(
    "/login",
    undefined,
    { "Content-Type": "text/plain", "Accept-Language": "da" },
    "x",
  )
  expect(danish.body).toContain("Formularen kunne ikke læses")
})

test("prototype keys in the quiz and in every form are a 400, and nothing is stored", async () => {
  const ids = await setUp()
  const before = personalData(ids.probeId)
  const quiz = await post(
    "/learn/modules/data-foundation/quiz",
    ids.cookies.probe,
    { "Content-Type": FORM },
    "intent=submit&attemptNumber=1&q.__proto__=a&q.constructor=b",
  )
  expect(quiz.status).toBe(400)
  for (const { path, cookie } of actions(ids)) {
    for (const name of ["__proto__", "q.__proto__", "a[constructor][prototype]"]) {
      const response = await post(
        path,
        cookie,
        { "Content-Type": FORM },
        `intent=next&${encodeURIComponent(name)}=1&email=a%40b.dk&password=x`,
      )
      expect(response.status, `${path} with the field ${name}`).toBe(400)
    }
  }
  expect(personalData(ids.probeId)).toBe(before)
})

test("a malformed multipart body is a 400", async () => {
  const ids = await setUp()
  for (const { path, cookie } of actions(ids)) {
    const response = await post(
      path,
      cookie,
      { "Content-Type": "multipart/form-data; boundary=xyz" },
      "not multipart",
    )
    expect(response.status, path).toBe(400)
  }
})

test("bodies over the limit are refused with 413 before they are read: 1 MB for forms, 25 MB for the import", async () => {
  const ids = await setUp()
  const before = personalData(ids.probeId)
  const twoMegabytes = `email=${"a".repeat(2 * 1024 * 1024)}`
  expect((await post("/login", undefined, { "Content-Type": FORM }, twoMegabytes)).status).toBe(413)
  // Without a Content-Length (chunked), the limit holds while reading.
  const chunked = await post(
    `/survey/${ids.cycleId}/page/1`,
    ids.cookies.probe,
    { "Content-Type": FORM, "Transfer-Encoding": "chunked" },
    `intent=next&${twoMegabytes}`,
  )
  expect(chunked.status).toBe(413)
  expect(chunked.body).toContain("Formularen er for stor")

  // The import takes a 2 MB file (a clear row error, not a size refusal) and refuses 26 MB.
  const boundary = "----parat"
  const multipart = (size: number) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.alloc(size, "x"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
  const headers = { "Content-Type": `multipart/form-data; boundary=${boundary}` }
  expect((await post("/admin/import", ids.cookies.admin, headers, multipart(2 * 1024 * 1024))).status).toBe(
    400,
  )
  const huge = await post("/admin/import", ids.cookies.admin, headers, multipart(26 * 1024 * 1024))
  expect(huge.status).toBe(413)
  expect(huge.body).toContain("Formularen er for stor")
  // Beyond any route's limit, the server refuses before Remix.
  expect((await post("/admin/import", ids.cookies.admin, headers, multipart(40 * 1024 * 1024))).status).toBe(
    413,
  )
  expect(personalData(ids.probeId)).toBe(before)
})

test("a line break in redirectTo is no 500: the login and the language switch go home instead", async () => {
  const person = await createPerson({ password: DEMO_PASSWORD })
  for (const [path, body] of [
    [
      "/login",
      `email=${encodeURIComponent(person.email)}&password=${DEMO_PASSWORD}&redirectTo=%2Fa%0D%0ASet-Cookie%3Ax%3D1`,
    ],
    ["/language", "lang=en&redirectTo=%2Fa%0AX"],
  ] as const) {
    const response = await post(path, undefined, { "Content-Type": FORM }, body)
    expect(response.status, path).toBe(302)
    expect(response.headers.location, path).toBe("/")
  }
})

/** The status line's code for a request line sent as it is (fetch and http.request would correct it). */
function statusOfRawRequest(requestLine: string) {
  return new Promise<number>((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), "127.0.0.1", () =>
      socket.write(`${requestLine}\r\nHost: ${new URL(origin).host}\r\nConnection: close\r\n\r\n`),
    )
    let head = ""
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1")
    })
    socket.on("end", () => resolve(Number(head.split(" ")[1])))
    socket.on("error", reject)
  })
}

test("a malformed Host header or request target is a 400, and a //host path stays ours", async () => {
  for (const host of ["exa mple", "[::1", "evil.example/path", "a@b"]) {
    const response = await send(`${origin}/login`, { headers: { Host: host } })
    expect(response.status, host).toBe(400)
  }
  expect(await statusOfRawRequest("GET http://evil.example/login HTTP/1.1")).toBe(400)
  expect(await statusOfRawRequest("OPTIONS * HTTP/1.1")).toBe(400)
  expect(await statusOfRawRequest("GET //evil.example/login HTTP/1.1")).toBe(404)
  expect(await statusOfRawRequest("GET /login HTTP/1.1")).toBe(200)
})

test("cross-site posts are refused with 403, also Origin: null, a forged X-Forwarded-Host and Sec-Fetch-Site", async () => {
  const ids = await setUp()
  const before = personalData(ids.probeId)
  const path = `/survey/${ids.cycleId}/page/1`
  const cookie = ids.cookies.probe
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    { Origin: "null" },
    { Origin: "not a url" },
    { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
    { "Sec-Fetch-Site": "cross-site" },
  ]
  for (const headers of attempts) {
    const response = await send(`${origin}${path}`, {
      method: "POST",
      headers: { "Content-Type": FORM, Cookie: cookie ?? "", ...headers },
      body: "intent=next",
    })
    expect(response.status, JSON.stringify(headers)).toBe(403)
  }
  expect(personalData(ids.probeId)).toBe(before)
})

test("every response carries the security headers; personal pages, exports and data are not stored", async () => {
  const ids = readDemo()
  const page = await send(`${origin}/login`)
  const csp = String(page.headers["content-security-policy"])
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
  expect(nonce, csp).toBeTruthy()
  const directives = new Map(csp.split(";").map((d) => [d.trim().split(" ")[0], d.trim()]))
  expect(directives.get("script-src")).toBe(`script-src 'self' 'nonce-${nonce}'`) // no unsafe-inline or eval
  expect(directives.get("default-src")).toBe("default-src 'self'")
  expect(csp).toContain("script-src-attr 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  const scripts = page.body.match(/<script[^>]*>/g) ?? []
  expect(scripts.length).toBeGreaterThan(0)
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  expect(page.headers["x-content-type-options"]).toBe("nosniff")
  expect(page.headers["referrer-policy"]).toBe("same-origin")
  expect(page.headers["x-frame-options"]).toBe("DENY")
  expect(page.headers["strict-transport-security"]).toBeUndefined() // plain http: HSTS only over https
  // A fresh nonce for every response.
  expect(String((await send(`${origin}/login`)).headers["content-security-policy"])).not.toContain(nonce)

  const employee = sessionCookieOf(ids.submitterId)
  const manager = sessionCookieOf(
    (await createPerson({ role: "manager", manages: [ids.managerUnitCode] })).id,
  )
  const personal: [string, string | undefined][] = [
    ["/", employee],
    ["/survey", employee],
    ["/learn", employee],
    ["/learn.data", employee],
    ["/_root.data", employee],
    [`/survey/${ids.submittedCycleId}/result`, employee],
    [`/survey/${ids.submittedCycleId}/export.csv`, employee],
    [`/survey/${ids.submittedCycleId}/export.json`, employee],
    ["/account/data", employee],
    ["/account/data.json", employee],
    [`/reports/units/${ids.managerUnitId}`, manager],
    [`/reports/units/${ids.managerUnitId}/export.csv`, manager],
    ["/healthz", undefined],
  ]
  for (const [path, cookie] of personal) {
    const response = await send(`${origin}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
    expect(response.status, path).toBe(200)
    expect(response.headers["cache-control"], path).toContain("no-store")
    expect(response.headers["x-content-type-options"], path).toBe("nosniff")
    expect(response.headers["content-security-policy"], path).toContain("frame-ancestors 'none'")
  }
})

/** Puts a session cookie ("name=value") into a browser context. */
function signInWith(context: BrowserContext, cookie: string) {
  const [name = "", value = ""] = cookie.split("=")
  return context.addCookies([{ name, value, url: origin }])
}

/** Visits each path and waits for hydration; returns what the browser said about the CSP. */
async function visitUnderCsp(page: Page, paths: string[]) {
  const violations: string[] = []
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  for (const path of paths) {
    await page.goto(path)
    // The app hydrated: Remix's inline and module scripts ran under the policy.
    await page.waitForFunction(() => "__remixRouter" in window)
  }
  return violations
}

test("the Content-Security-Policy blocks nothing of the app in Chromium", async ({
  page,
  errors,
  signIn,
}) => {
  const ids = readDemo()
  await signIn({ unit: "SKO-PAE" })
  await page.goto("/")
  await expect(page.getByRole("heading", { level: 1, name: /^Hej, / })).toBeVisible()
  const violations = await visitUnderCsp(page, [
    "/",
    "/survey",
    `/survey/${ids.cycleId}/page/1`,
    "/learn",
    "/learn/catalogue",
    "/learn/modules/data-foundation",
    "/learn/modules/data-foundation/lessons/data-is-what-ai-is-made-of",
    "/wiki",
    "/handbook",
    "/citizen",
  ])
  // A client-side navigation (a .data request) works too.
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Min læring" }).click()
  await expect(page).toHaveURL(/\/learn$/)
  expect(violations).toEqual([])
  expect(errors).toEqual([])
})

test("the Content-Security-Policy blocks nothing on the report charts and the admin pages", async ({
  browser,
}) => {
  const ids = await setUp()
  const manager = await createPerson({ role: "manager", manages: [ids.managerUnitCode] })
  for (const [cookie, paths] of [
    [sessionCookieOf(manager.id), ["/reports", `/reports/units/${ids.managerUnitId}`]],
    [ids.cookies.admin, ["/admin", "/admin/people", "/admin/cycles", "/admin/units", "/admin/import"]],
    [sessionCookieOf(ids.submitterId), [`/survey/${ids.submittedCycleId}/result`]],
  ] as const) {
    const context = await browser.newContext()
    await signInWith(context, cookie)
    const page = await context.newPage()
    expect(await visitUnderCsp(page, [...paths]), paths[0]).toEqual([])
    await context.close()
  }
})
