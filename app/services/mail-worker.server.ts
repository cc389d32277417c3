// The background worker that turns the outbox into sent mail: started once with the server (entry.server.tsx).
import { env } from "~/env.server"
import { processOutbox, scheduleReminders } from "./mail.server"
import { getMailTransport } from "./mail-transport.server"

const globalForWorker = globalThis as unknown as { __paratMailWorker?: NodeJS.Timeout }

/** One tick: queue the reminders due now, then send what is due. Ticks never overlap. */
export async function runMailWorkerOnce() {
  scheduleReminders()
  return processOutbox(getMailTransport())
}

export function startMailWorker() {
  if (globalForWorker.__paratMailWorker) return
  let isRunning = false
  const tick = async () => {
    if (isRunning) return
    isRunning = true
    try {
      await runMailWorkerOnce()
    } catch (error) {
      console.error("Mail worker tick failed", error)
    } finally {
      isRunning = false
    }
  }
  globalForWorker.__paratMailWorker = setInterval(tick, env.PARAT_MAIL_INTERVAL_SECONDS * 1000)
  globalForWorker.__paratMailWorker.unref()
  setTimeout(tick, 1000).unref()
}
