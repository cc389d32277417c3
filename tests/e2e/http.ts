import http from "node:http"
import https from "node:https"
import { createSession } from "../../app/services/auth.server"
import { baseURL } from "./env"
import { e2eDb } from "./fixtures"

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

/** A session cookie ("name=value") for a person, from the app's own session service. */
export function sessionCookieOf(personId: number) {
  return createSession(personId, new Request(baseURL), e2eDb()).split(";")[0]!
}
