// The one place that knows how mail leaves Parat: SMTP through nodemailer, or the log-only transport of the demo.

import nodemailer, { type Transporter } from "nodemailer"
import { env, publicOrigin } from "~/env.server"
import { cachedForProcess } from "./cache.server"

export type MailTransport = { kind: "log" | "smtp"; host: string | null; transporter: Transporter }

export function createMailTransport(smtpUrl: string): MailTransport {
  return { kind: "smtp", host: new URL(smtpUrl).host, transporter: nodemailer.createTransport(smtpUrl) }
}

/** Builds the message like an SMTP send would, and only logs that it did (the text stays in the outbox). */
export function createLogTransport(): MailTransport {
  return {
    kind: "log",
    host: null,
    transporter: nodemailer.createTransport({ streamTransport: true, buffer: true }),
  }
}

/** The transport the environment asks for; PARAT_MAIL_TRANSPORT=smtp without PARAT_SMTP_URL stops the boot. */
export function getMailTransport(): MailTransport {
  return cachedForProcess("mail-transport", () => {
    if (env.PARAT_MAIL_TRANSPORT === "smtp" && env.PARAT_SMTP_URL)
      return createMailTransport(env.PARAT_SMTP_URL)
    console.log(`E-mail is log-only (demo): read the mails at ${publicOrigin}/admin/mail`)
    return createLogTransport()
  })
}
