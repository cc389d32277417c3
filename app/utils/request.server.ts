// Reading what a browser posts, safely: only form encodings, a size limit enforced before and while the body is
// read, and field names that cannot reach an object's prototype. Failures are thrown responses (400/403/413/415)
// that the shared error page shows in the reader's language, never a 500.

/** Forms: about 1 MB is far more than any of Parat's forms holds. */
export const FORM_MAX_BYTES = 1024 * 1024
/** The people import (a CSV file of up to 20 MB plus the multipart wrapping). */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"])
// q.__proto__, a[constructor], prototype: names that would reach Object.prototype if used as object keys.
const PROTOTYPE_KEY = /(?:^|[.[\]])(?:__proto__|constructor|prototype)(?:[.[\]]|$)/

const refuse = (status: number, message: string) => new Response(message, { status })

/** An unsafe request must come from the app's own origin (behind a proxy, request.url carries the public one). */
export function requireSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return
  const origin = request.headers.get("Origin")
  const site = request.headers.get("Sec-Fetch-Site")
  // "null" (sandboxed frames, some cross-site redirects) is never our origin.
  const isSameOrigin =
    origin !== null
      ? origin === new URL(request.url).origin
      : site === null || site === "same-origin" || site === "none"
  if (!isSameOrigin) throw refuse(403, "Cross-site request refused")
}

/** A form encoding and a declared length within the limit, checked before a byte of the body is read. */
export function requireFormBody(request: Request, maxBytes = FORM_MAX_BYTES) {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase()
  if (!type || !FORM_TYPES.has(type)) throw refuse(415, "Send the form as a form")
  const declared = request.headers.get("Content-Length")
  if (declared !== null && !(Number(declared) <= maxBytes)) throw refuse(413, "The form is too large")
}

async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0))
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size <= maxBytes) chunks.push(value)
    // Over the limit, the rest is read and dropped (as Express's body-parser does), so the connection stays
    // open for the 413 to reach the browser, and memory holds no more than the limit.
  }
  if (size > maxBytes) throw refuse(413, "The form is too large")
  const body = new Uint8Array(new ArrayBuffer(size))
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return body
}

/** The posted form, read within maxBytes; use this instead of request.formData() in every action. */
export async function readForm(request: Request, { maxBytes = FORM_MAX_BYTES } = {}): Promise<FormData> {
  requireFormBody(request, maxBytes)
  const body = await readAtMost(request, maxBytes)
  let form: FormData
  try {
    form = await new Response(body, {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData()
  } catch {
    throw refuse(400, "The form could not be read")
  }
  for (const key of form.keys()) {
    if (PROTOTYPE_KEY.test(key)) throw refuse(400, "The form holds a field name that is not allowed")
  }
  return form
}
