import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field } from "~/components/field"
import { getFixedT } from "~/i18n/i18n.server"
import { requireUser } from "~/services/auth.server"
import { listShares, shareProject, unshareProject } from "~/services/handbook-templates.server"
import contentStyles from "~/styles/content.css?url"
import toolkitStyles from "~/styles/toolkit.css?url"
import { invariantResponse, parseQuery } from "~/utils/forms"
import { readForm, requireSameOrigin } from "~/utils/request.server"

export const handle = { i18n: ["toolkit"] }

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: toolkitStyles },
]

const ShareForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("share"), email: z.email({ error: "validation.email" }).max(320) }),
  z.object({ intent: z.literal("remove"), viewer: z.coerce.number().int().positive() }),
])
const SharingQuery = z.object({ done: z.enum(["shared", "already", "removed"]).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { done } = parseQuery(request, SharingQuery)
  const t = await getFixedT(request)
  return { ...listShares(user.id), done: done ?? null, pageTitle: `${t("toolkit:sharing.title")} – Parat` }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  requireSameOrigin(request)
  const form = await readForm(request)
  const parsed = ShareForm.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === "string")))
  if (!parsed.success) {
    invariantResponse(form.get("intent") === "share", "Bad request", { status: 400 })
    return data(
      { error: "common:validation.email" as const, email: String(form.get("email") ?? "") },
      { status: 400 },
    )
  }
  if (parsed.data.intent === "remove") {
    unshareProject(user.id, parsed.data.viewer)
    return redirect("/handbook/sharing?done=removed")
  }
  const outcome = shareProject(user.id, parsed.data.email)
  if (outcome === "unknown" || outcome === "self")
    return data(
      { error: `toolkit:sharing.errors.${outcome}` as const, email: parsed.data.email },
      { status: 400 },
    )
  return redirect(`/handbook/sharing?done=${outcome}`)
}

export default function SharingPage() {
  const { sharedWith, sharedWithMe, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation("toolkit")
  return (
    <section className="page narrow">
      <p>
        <Link to="/handbook">{t("template.backToHandbook")}</Link>
      </p>
      <h1>{t("sharing.title")}</h1>
      <p>{t("sharing.intro")}</p>
      {done ? (
        <p role="status" className="alert alert--success">
          {t(`sharing.outcome.${done}`)}
        </p>
      ) : null}
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="share" />
        <Field
          label={t("sharing.emailLabel")}
          hint={t("sharing.emailHelp")}
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={actionData?.email}
          errors={actionData ? [actionData.error] : undefined}
        />
        <button type="submit" className="button">
          {t("sharing.share")}
        </button>
      </Form>
      <h2>{t("sharing.sharedWithHeading")}</h2>
      {sharedWith.length === 0 ? (
        <p className="muted">{t("sharing.nobody")}</p>
      ) : (
        <ul>
          {sharedWith.map((p) => (
            <li key={p.id}>
              {p.name} ({p.email}){" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="viewer" value={p.id} />
                <button
                  type="submit"
                  className="button button--quiet"
                  aria-label={t("sharing.removeFor", { name: p.name })}
                >
                  {t("sharing.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("sharing.sharedWithMeHeading")}</h2>
      {sharedWithMe.length === 0 ? (
        <p className="muted">{t("sharing.noneWithMe")}</p>
      ) : (
        <ul>
          {sharedWithMe.map((p) => (
            <li key={p.id}>
              <Link to={`/handbook/shared/${p.id}`}>{t("sharing.viewTitle", { name: p.name })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Parat" }]
