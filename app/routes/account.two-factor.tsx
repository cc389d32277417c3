import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { Field, FormError } from "~/components/field"
import { requireUser } from "~/services/auth.server"
import {
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  renewRecoveryCodes,
} from "~/services/two-factor.server"
import {
  type ErrorKey,
  type FieldErrors,
  NO_ERRORS,
  parseForm,
  passwordInput,
  requiredText,
} from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"

export const handle = { i18n: ["auth"] }

const CodeSchema = z.object({ code: requiredText(64) })
const DisableSchema = z.object({
  password: passwordInput(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const status = await getTwoFactorStatus(user.id)
  // Admins must have it; so must someone whose old authenticator a recovery link removed.
  const requiredBecause = status.isEnabled
    ? null
    : user.mustEnrolTwoFactor
      ? ("twoFactor.requiredAfterRecovery" as const)
      : user.role === "admin"
        ? ("twoFactor.required" as const)
        : null
  return { status, requiredBecause, next: user.role === "admin" ? "/admin" : "/" }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const formData = await request.formData()
  const intent = String(formData.get("intent") ?? "")
  const fail = (errors: FieldErrors, formError: "twoFactor.unknownIntent" | null = null) =>
    data({ intent, errors, formError, recoveryCodes: null, isDisabled: false }, { status: 400 })
  if (intent === "confirm" || intent === "renew") {
    const form = parseForm(formData, CodeSchema)
    if (!form.ok) return fail(form.errors)
    const outcome =
      intent === "confirm"
        ? confirmTwoFactor(user.id, form.data.code)
        : renewRecoveryCodes(user.id, form.data.code)
    if (!outcome.ok) return fail({ code: ["validation.codeInvalid"] })
    return {
      intent,
      errors: NO_ERRORS,
      formError: null,
      recoveryCodes: outcome.recoveryCodes,
      isDisabled: false,
    }
  }
  if (intent === "disable") {
    const form = parseForm(formData, DisableSchema)
    if (!form.ok) return fail(form.errors)
    if (!(await disableTwoFactor(user.id, form.data.password)))
      return fail({ password: ["validation.passwordWrong"] })
    return { intent, errors: NO_ERRORS, formError: null, recoveryCodes: null, isDisabled: true }
  }
  return fail({}, "twoFactor.unknownIntent")
}

/** The authenticator-code form: confirming a new authenticator and renewing the recovery codes ask the same. */
function CodeForm(props: { intent: "confirm" | "renew"; submit: string; errors?: ErrorKey[] }) {
  const { t } = useTranslation("auth")
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value={props.intent} />
      <Field
        label={t("twoFactor.code")}
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        errors={props.errors}
      />
      <button type="submit" className="button">
        {props.submit}
      </button>
    </Form>
  )
}

export default function TwoFactorPage() {
  const { status, requiredBecause, next } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation("auth")
  if (data?.recoveryCodes) {
    return (
      <section className="page narrow">
        <h1>{t("twoFactor.codesTitle")}</h1>
        <p role="status" className="alert alert--success">
          {data.intent === "confirm" ? t("twoFactor.enabled") : t("twoFactor.codesRenewed")}
        </p>
        <p>{t("twoFactor.codesIntro")}</p>
        <ul className="recovery-codes" aria-label={t("twoFactor.codesTitle")}>
          {data.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button" to={next}>
            {t("twoFactor.continue")}
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section className="page narrow">
      <h1>{t("twoFactor.title")}</h1>
      {data?.isDisabled ? (
        <p role="status" className="alert alert--success">
          {t("twoFactor.disabled")}
        </p>
      ) : null}
      <FormError message={data?.formError ? t(data.formError) : null} />
      {status.isEnabled ? (
        <>
          <p>{t("twoFactor.isOn")}</p>
          <p>{t("twoFactor.codesLeft", { count: status.recoveryCodesLeft })}</p>
          <h2>{t("twoFactor.renewTitle")}</h2>
          <CodeForm
            intent="renew"
            submit={t("twoFactor.renewSubmit")}
            errors={data?.intent === "renew" ? data.errors.code : undefined}
          />
          <h2>{t("twoFactor.disableTitle")}</h2>
          <p>{t("twoFactor.disableIntro")}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="disable" />
            <Field
              label={t("login.password")}
              name="password"
              type="password"
              autoComplete="current-password"
              errors={data?.intent === "disable" ? data.errors.password : undefined}
            />
            <button type="submit" className="button button--danger">
              {t("twoFactor.disableSubmit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          {requiredBecause ? (
            <p role="status" className="alert alert--info">
              {t(requiredBecause)}
            </p>
          ) : null}
          <p>{t("twoFactor.intro")}</p>
          <ol className="stack">
            <li>
              <p>{t("twoFactor.stepScan")}</p>
              {/* The QR code is made on the server from the otpauth:// address; the secret below says the same. */}
              <div
                className="qr-code"
                role="img"
                aria-label={t("twoFactor.qrLabel")}
                // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG generated on the server by the qrcode package
                dangerouslySetInnerHTML={{ __html: status.qrSvg }}
              />
            </li>
            <li>
              <p>{t("twoFactor.stepType")}</p>
              <p>
                {t("twoFactor.secretLabel")}:{" "}
                <code className="totp-secret">{status.secret.match(/.{1,4}/g)?.join(" ")}</code>
              </p>
            </li>
            <li>
              <p>{t("twoFactor.stepConfirm")}</p>
              <CodeForm
                intent="confirm"
                submit={t("twoFactor.confirmSubmit")}
                errors={data?.intent === "confirm" ? data.errors.code : undefined}
              />
            </li>
          </ol>
        </>
      )}
      <p>
        <Link to="/account/password">{t("twoFactor.backToAccount")}</Link>
      </p>
    </section>
  )
}

export const meta = pageMeta("auth:twoFactor.title")
