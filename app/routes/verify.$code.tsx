// Public: a third party confirms a training record by its code, without signing in.
import type { LoaderFunctionArgs } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { verifyRecord } from "~/services/training-records.server"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["register"] }

export async function loader({ params }: LoaderFunctionArgs) {
  const result = verifyRecord(params.code ?? "")
  if (!result.ok) return Response.json({ ok: false as const }, { status: 404 })
  return { ok: true as const, record: result.record }
}

export default function VerifyPage() {
  const data = useLoaderData<typeof loader>() as
    | { ok: false }
    | { ok: true; record: Extract<ReturnType<typeof verifyRecord>, { ok: true }>["record"] }
  const { t, i18n } = useTranslation("register")
  const lang = i18n.language === "en" ? "en" : "da"
  return (
    <section className="page">
      <h1>{t("verify.title")}</h1>
      {data.ok ? (
        <>
          <p
            className={data.record.isVoid || data.record.correctedBy ? "alert" : "alert alert--success"}
            role="status"
          >
            {t("verify.valid")}
            {data.record.isVoid ? ` ${t("verify.void")}` : ""}
            {data.record.correctedBy ? ` ${t("verify.corrected", { code: data.record.correctedBy })}` : ""}
          </p>
          <dl>
            <dt>{t("verify.person")}</dt>
            <dd>{data.record.personName}</dd>
            <dt>{t("verify.module")}</dt>
            <dd>{data.record.moduleTitle[lang]}</dd>
            <dt>{t("verify.version")}</dt>
            <dd>{data.record.contentVersion}</dd>
            <dt>{t("verify.date")}</dt>
            <dd>{new Date(data.record.completedAt).toISOString().slice(0, 10)}</dd>
            <dt>{t("verify.score")}</dt>
            <dd>{Math.round(data.record.score * 100)} %</dd>
            <dt>{t("verify.key")}</dt>
            <dd>
              <code>{data.record.keyId}</code>
            </dd>
          </dl>
          {data.record.correctsCode ? (
            <p>{t("verify.corrects", { code: data.record.correctsCode })}</p>
          ) : null}
        </>
      ) : (
        <p className="alert alert--error" role="alert">
          {t("verify.invalid")}
        </p>
      )}
      <p>
        <Link to="/verify/key">{t("verify.keyLink")}</Link>
      </p>
    </section>
  )
}

export const meta = pageMeta<typeof loader>("register:verify.title")
