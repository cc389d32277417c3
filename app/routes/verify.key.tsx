// Public: the hospital's public signing keys, so anyone can check a training record's signature.
import { useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { publishedKeys } from "~/services/training-records.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["register"] }

export async function loader() {
  return { keys: publishedKeys().map((k) => ({ ...k, createdAt: k.createdAt.toISOString().slice(0, 10) })) }
}

export default function KeysPage() {
  const { keys } = useLoaderData<typeof loader>()
  const { t } = useTranslation("register")
  return (
    <section className="page">
      <h1>{t("verify.keysTitle")}</h1>
      <p className="lead">{t("verify.keysLead")}</p>
      {keys.map((k) => (
        <article key={k.keyId}>
          <h2>
            <code>{k.keyId}</code>
          </h2>
          <p>{t("verify.created", { date: k.createdAt })}</p>
          <pre>{k.publicKeyPem}</pre>
        </article>
      ))}
    </section>
  )
}

export const meta = pageMeta<typeof loader>("register:verify.keysTitle")
