// A real SMTP server on a free loopback port that keeps what arrives, and can refuse mail for a while.
import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

export type ReceivedMail = { to: string[]; raw: string; text: string }

export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  const state = { isFailing: false }
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        if (state.isFailing) {
          const error = new Error("Mailbox unavailable, try again later") as Error & { responseCode: number }
          error.responseCode = 451
          return callback(error)
        }
        const raw = Buffer.concat(chunks).toString("utf8")
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    received,
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Enough of RFC 2045 to read the text parts: soft line breaks and =XX bytes. */
export function decodeQuotedPrintable(raw: string) {
  const joined = raw.replace(/=\r?\n/g, "")
  const bytes: number[] = []
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3)
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(joined[i] ?? ""))
  }
  return Buffer.from(bytes).toString("utf8")
}
