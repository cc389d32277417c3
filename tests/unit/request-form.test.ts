import { expect, test } from "vitest"
import { FORM_MAX_BYTES, readForm, requireSameOrigin } from "~/utils/request.server"

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("https://parat.example/survey", {
    method: "POST",
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit)

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise
    return 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" }

test("readForm returns the fields of an urlencoded or multipart form", async () => {
  expect((await readForm(post("a=1&b=2", FORM))).get("b")).toBe("2")
  const multipart = new FormData()
  multipart.set("intent", "next")
  expect(
    (await readForm(new Request("https://parat.example/", { method: "POST", body: multipart }))).get(
      "intent",
    ),
  ).toBe("next")
})

test("readForm refuses a missing, plain-text or JSON Content-Type with 415", async () => {
  expect(await statusOf(readForm(post(new Uint8Array([97, 61, 49]))))).toBe(415)
  expect(await statusOf(readForm(post("a=1", { "Content-Type": "text/plain" })))).toBe(415)
  expect(await statusOf(readForm(post("{}", { "Content-Type": "application/json" })))).toBe(415)
})

test("readForm refuses a body over the limit with 413, by its declared length and while reading a stream", async () => {
  const big = `a=${"x".repeat(FORM_MAX_BYTES)}`
  expect(await statusOf(readForm(post(big, FORM)))).toBe(413)
  const chunks = [new TextEncoder().encode("a="), new Uint8Array(FORM_MAX_BYTES).fill(120)]
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift()
      if (next) controller.enqueue(next)
      else controller.close()
    },
  })
  expect(await statusOf(readForm(post(stream, FORM)))).toBe(413)
  expect(await statusOf(readForm(post(big, FORM), { maxBytes: 2 * FORM_MAX_BYTES }))).toBe(200)
})

test("readForm refuses prototype field names and an unreadable multipart body with 400", async () => {
  for (const name of ["__proto__", "q.__proto__", "q.constructor", "a[prototype]"]) {
    expect(await statusOf(readForm(post(`${encodeURIComponent(name)}=1`, FORM))), name).toBe(400)
  }
  expect(await statusOf(readForm(post("q.constructorial=1&proto=2", FORM)))).toBe(200)
  const broken = post("garbage", { "Content-Type": "multipart/form-data; boundary=x" })
  expect(await statusOf(readForm(broken))).toBe(400)
})

test("requireSameOrigin accepts the app's own origin and refuses others, null and cross-site fetches", () => {
  const check = (headers: Record<string, string>) => {
    try {
      requireSameOrigin(post("a=1", headers))
      return 200
    } catch (thrown) {
      return (thrown as Response).status
    }
  }
  expect(check({ Origin: "https://parat.example" })).toBe(200)
  expect(check({})).toBe(200) // not a browser: no Origin and no Sec-Fetch-Site
  expect(check({ "Sec-Fetch-Site": "same-origin" })).toBe(200)
  expect(check({ Origin: "null" })).toBe(403)
  expect(check({ Origin: "http://parat.example" })).toBe(403)
  expect(check({ Origin: "https://evil.example" })).toBe(403)
  expect(check({ "Sec-Fetch-Site": "cross-site" })).toBe(403)
  expect(check({ "Sec-Fetch-Site": "same-site" })).toBe(403)
})
