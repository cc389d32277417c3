import http from "node:http"
import https from "node:https"
import Database from "better-sqlite3"

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * One HTTP request exactly as given: no header is added or corrected (a missing Content-Type stays missing, a
 * malformed Host is sent as it is), unlike a browser or fetch. Self-signed certificates are accepted for https.
 */
export function send(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(url)
  // A body is sent with its length unless the test asks for chunked transfer.
  if (body !== undefined && !("Transfer-Encoding" in headers))
    headers = { ...headers, "Content-Length": String(Buffer.byteLength(body)) }
  const client = target.protocol === "https:" ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method, headers, rejectUnauthorized: false, setHost: !("Host" in headers) },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        )
      },
    )
    request.on("error", reject)
    if (body !== undefined) request.write(body)
    request.end()
  })
}

/** Logs in through the login form's action and returns the session cookie ("name=value"). */
export async function sessionCookie(origin: string, email: string, password = "parat-demo") {
  const response = await send(`${origin}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password }).toString(),
  })
  const cookie = [response.headers["set-cookie"] ?? []]
    .flat()
    .find((c) => c.startsWith("parat_session="))
    ?.split(";")[0]
  if (response.status !== 302 || !cookie) throw new Error(`login as ${email} failed: ${response.status}`)
  return cookie
}

/** Read-only access to the database the end-to-end server uses, to check that nothing was written. */
export function openE2eDatabase() {
  const port = Number(process.env.PARAT_E2E_PORT ?? 3100)
  return new Database(`.cache/e2e/parat-${port}.db`, { readonly: true, fileMustExist: true })
}
