import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { optOutOfReminders, readUnsubscribeToken } from "~/services/mail.server"
import { parseQuery } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { readForm } from "~/utils/request.server"

export const handle = { i18n: ["mail"] }

const QuerySchema = z.object({ done: z.literal("1").optional() })

function readToken(params: { token?: string }) {
  return readUnsubscribeToken(String(params.token ?? "").slice(0, 100))
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { done } = parseQuery(request, QuerySchema)
  const target = readToken(params)
  if (!target) return data({ cycle: null, isDone: false }, { status: 404 })
  return { cycle: target.cycleName, isDone: done === "1" }
}

// No sign-in and no Origin check: the signed link is the permission, and mail programs POST here directly for
// their own unsubscribe button (RFC 8058, List-Unsubscribe-Post).
export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request) // a form post (RFC 8058 sends "List-Unsubscribe=One-Click"); its fields are not needed
  const target = readToken(params)
  if (!target) throw new Response("Not found", { status: 404 })
  optOutOfReminders(target.cycleId, target.personId)
  return redirect(`/unsubscribe/${params.token}?done=1`, { status: 303 })
}

export default function UnsubscribePage() {
  const { cycle, isDone } = useLoaderData<typeof loader>()
  const { t } = useTranslation("mail")
  return (
    <section className="page narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {cycle === null ? (
        <p role="alert">{t("unsubscribe.invalid")}</p>
      ) : isDone ? (
        <p role="status" className="alert alert--success">
          {t("unsubscribe.done", { cycle })}
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>{t("unsubscribe.intro", { cycle })}</p>
          <div>
            <button type="submit" className="button">
              {t("unsubscribe.submit")}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("mail:unsubscribe.title")
