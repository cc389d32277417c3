import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node"
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react"
import { useTranslation } from "react-i18next"
import { z } from "zod"
import { SelectField, StatusMessage } from "~/components/admin-ui"
import { Field, FormError } from "~/components/field"
import { CSV_ENCODINGS, type CsvEncoding, type RowError } from "~/domain/admin-people-import"
import { JOB_FAMILIES } from "~/domain/vocabulary"
import {
  checkImport,
  discardStagedImport,
  type FileError,
  type ImportCounts,
  type ImportSample,
  importPeople,
  MAX_IMPORT_BYTES,
  readStagedImport,
  stageImport,
} from "~/services/admin-import.server"
import { requireRole } from "~/services/auth.server"
import { listOwnJobTitles, removeJobTitle, saveJobTitle } from "~/services/job-titles.server"
import { parseForm, parseQuery, requiredText } from "~/utils/forms"
import { pageMeta } from "~/utils/page-title"
import { IMPORT_MAX_BYTES, readForm, requireFormBody } from "~/utils/request.server"

export const handle = { i18n: ["admin"] }

const count = z.coerce.number().int().min(0)
const DoneSchema = z.object({
  created: count.optional(),
  updated: count.optional(),
  unchanged: count.optional(),
  deactivated: count.optional(),
})
const CommitSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  fileName: z.string().max(255).default(""),
  deactivateMissing: z.literal("on").optional(),
  encoding: z.enum(CSV_ENCODINGS).default("utf-8"),
})
const EncodingSchema = z.enum(CSV_ENCODINGS).catch("utf-8")

const JobTitleSchema = z.object({
  title: requiredText(120),
  jobFamily: z.enum(JOB_FAMILIES, { error: "admin:import.titles.jobFamily" }),
})
const RemoveJobTitleSchema = z.object({ title: requiredText(120) })
const TitleNotice = z.object({ titles: z.enum(["saved", "removed"]).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  const done = parseQuery(request, DoneSchema)
  const { titles } = parseQuery(request, TitleNotice)
  return {
    done: done.created === undefined ? null : done,
    jobTitles: listOwnJobTitles(),
    titlesNotice: titles ?? null,
  }
}

export type ImportActionData =
  | { step: "fileError"; fileError: FileError }
  | { step: "rowErrors"; fileName: string; counts: ImportCounts; errors: RowError[]; errorCount: number }
  | {
      step: "confirm"
      fileName: string
      counts: ImportCounts
      token: string
      encoding: CsvEncoding
      sample: ImportSample[]
    }
  | { step: "jobTitle"; errors: Record<string, string[] | undefined> }

const fileError = (error: FileError) =>
  Response.json({ step: "fileError", fileError: error } satisfies ImportActionData, { status: 400 })

/** The upload (multipart): checked and, when clean, staged for the confirm step. Nothing is written yet. */
async function preview(request: Request, actorId: number) {
  requireFormBody(request, IMPORT_MAX_BYTES)
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fileError({ reason: "too_large" })
    throw new Response("Bad upload", { status: 400 })
  }
  const file = formData.get("file")
  if (!(file instanceof Blob) || file.size === 0) {
    return fileError({ reason: file instanceof Blob ? "empty" : "no_file" })
  }
  const fileName = ("name" in file && typeof file.name === "string" ? file.name : "").slice(0, 255)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const encoding = EncodingSchema.parse(formData.get("encoding"))
  const check = checkImport(bytes, actorId, undefined, encoding)
  if (!check.ok) return fileError(check.fileError)
  if (check.errorCount > 0) {
    return Response.json(
      {
        step: "rowErrors",
        fileName,
        counts: check.counts,
        errors: check.errors,
        errorCount: check.errorCount,
      } satisfies ImportActionData,
      { status: 400 },
    )
  }
  return {
    step: "confirm",
    fileName,
    counts: check.counts,
    token: stageImport(bytes),
    encoding,
    sample: check.sample,
  } satisfies ImportActionData
}

/** The confirm step: the staged file is checked again against the database as it is now and written at once. */
async function commit(formData: FormData, actorId: number) {
  const form = parseForm(formData, CommitSchema)
  if (!form.ok) throw new Response("Bad request", { status: 400 })
  const bytes = readStagedImport(form.data.token)
  if (!bytes) return fileError({ reason: "expired" })
  const outcome = importPeople(bytes, actorId, {
    deactivateMissing: form.data.deactivateMissing === "on",
    fileName: form.data.fileName || undefined,
    encoding: form.data.encoding,
  })
  if (!outcome.ok) {
    if ("fileError" in outcome) return fileError(outcome.fileError)
    // Someone changed the database between preview and confirm: show the new errors, keep the staged file.
    const check = checkImport(bytes, actorId, undefined, form.data.encoding)
    return Response.json(
      {
        step: "rowErrors",
        fileName: form.data.fileName,
        counts: check.ok ? check.counts : { rows: 0, creates: 0, updates: 0, unchanged: 0, missing: 0 },
        errors: outcome.errors,
        errorCount: outcome.errorCount,
      } satisfies ImportActionData,
      { status: 400 },
    )
  }
  discardStagedImport(form.data.token)
  const params = new URLSearchParams({
    created: String(outcome.created),
    updated: String(outcome.updated),
    unchanged: String(outcome.unchanged),
    deactivated: String(outcome.deactivated),
  })
  return redirect(`/admin/import?${params}`)
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "admin")
  const contentType = request.headers.get("Content-Type") ?? ""
  if (contentType.startsWith("multipart/form-data")) return preview(request, user.id)
  const formData = await readForm(request)
  const intent = formData.get("intent")
  if (intent === "saveJobTitle") {
    const form = JobTitleSchema.safeParse(Object.fromEntries(formData))
    if (!form.success) {
      return Response.json(
        { step: "jobTitle", errors: z.flattenError(form.error).fieldErrors } satisfies ImportActionData,
        { status: 400 },
      )
    }
    saveJobTitle(user.id, form.data.title, form.data.jobFamily)
    return redirect("/admin/import?titles=saved#job-titles")
  }
  if (intent === "removeJobTitle") {
    const form = RemoveJobTitleSchema.safeParse(Object.fromEntries(formData))
    if (!form.success) throw new Response("Bad request", { status: 400 })
    removeJobTitle(user.id, form.data.title)
    return redirect("/admin/import?titles=removed#job-titles")
  }
  if (intent !== null && intent !== "commit") throw new Response("Unknown intent", { status: 400 })
  return commit(formData, user.id)
}

function FileErrorMessage({ error }: { error: FileError }) {
  const { t } = useTranslation("admin")
  let message: string
  if (error.reason === "malformed") {
    message =
      error.line === null
        ? t("import.fileErrors.malformed")
        : t("import.fileErrors.malformedAt", { line: error.line })
  } else if (error.reason === "invalid_utf8" || error.reason === "mixed_encoding") {
    message = t(`import.fileErrors.${error.reason}`, { line: error.line })
  } else if ("columns" in error) {
    message = t(`import.fileErrors.${error.reason}`, { columns: error.columns.join(", ") })
  } else {
    message = t(`import.fileErrors.${error.reason}`)
  }
  return <FormError message={message} />
}

function UploadForm() {
  const { t } = useTranslation("admin")
  return (
    <Form method="post" encType="multipart/form-data" className="stack admin-section">
      <div className="field">
        <label htmlFor="import-file">{t("import.file")}</label>
        <p id="import-file-hint" className="field__hint">
          {t("import.fileHint")}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv"
          aria-describedby="import-file-hint"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="import-encoding">{t("import.encoding")}</label>
        <p id="import-encoding-hint" className="field__hint">
          {t("import.encodingHint")}
        </p>
        <select
          id="import-encoding"
          name="encoding"
          defaultValue="utf-8"
          aria-describedby="import-encoding-hint"
        >
          <option value="utf-8">{t("import.encodingUtf8")}</option>
          <option value="windows-1252">{t("import.encodingWindows1252")}</option>
        </select>
      </div>
      <button type="submit" className="button">
        {t("import.preview")}
      </button>
    </Form>
  )
}

export default function ImportPage() {
  const { done, jobTitles, titlesNotice } = useLoaderData<typeof loader>()
  const data = useActionData<ImportActionData>()
  const { t } = useTranslation("admin")
  return (
    <section className="page">
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <p className="field__hint">{t("import.formatLink")}</p>
      <p>
        <a href="/admin/import/template.csv" download>
          {t("import.template")}
        </a>
      </p>
      <StatusMessage
        message={
          done
            ? t("import.done", {
                created: done.created ?? 0,
                updated: done.updated ?? 0,
                unchanged: done.unchanged ?? 0,
                deactivated: done.deactivated ?? 0,
              })
            : null
        }
      />
      {data?.step === "fileError" ? <FileErrorMessage error={data.fileError} /> : null}
      {data?.step === "rowErrors" ? (
        <section className="admin-section" aria-labelledby="import-errors">
          <h2 id="import-errors">{t("import.previewTitle", { file: data.fileName })}</h2>
          <div role="alert" className="alert alert--error">
            <p>{t("import.errorsTitle", { count: data.errorCount })}</p>
            <p>{t("import.errorsIntro")}</p>
          </div>
          <div className="table-wrap">
            <table>
              <caption>{t("import.errorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {data.errors.map((error) => (
                  <tr key={`${error.line}-${error.column ?? ""}-${error.reason}`}>
                    <th scope="row">{error.line}</th>
                    <td>{error.column ? t(`import.columns.${error.column}`) : ""}</td>
                    <td>
                      {t(`import.reasons.${error.reason}`, {
                        value: error.value ?? "",
                        otherLine: error.otherLine ?? "",
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.errorCount > data.errors.length ? (
            <p>{t("import.errorsMore", { shown: data.errors.length })}</p>
          ) : null}
        </section>
      ) : null}
      {data?.step === "confirm" ? (
        <section className="admin-section card" aria-labelledby="import-confirm">
          <h2 id="import-confirm">{t("import.previewTitle", { file: data.fileName })}</h2>
          <p role="status">{t("import.counts", data.counts)}</p>
          <ImportSampleTable sample={data.sample} />
          <Form method="post" className="stack">
            <input type="hidden" name="token" value={data.token} />
            <input type="hidden" name="fileName" value={data.fileName} />
            <input type="hidden" name="encoding" value={data.encoding} />
            {data.counts.missing > 0 ? (
              <div>
                <p>{t("import.missing", { count: data.counts.missing })}</p>
                <label>
                  <input type="checkbox" name="deactivateMissing" aria-describedby="deactivate-hint" />{" "}
                  {t("import.deactivateMissing", { count: data.counts.missing })}
                </label>
                <p id="deactivate-hint" className="field__hint">
                  {t("import.deactivateHint")}
                </p>
              </div>
            ) : null}
            <div className="button-row">
              <button type="submit" className="button">
                {t("import.commit")}
              </button>
              <Link to="/admin/import">{t("import.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : (
        <UploadForm />
      )}
      <JobTitles
        own={jobTitles}
        notice={titlesNotice}
        errors={data?.step === "jobTitle" ? data.errors : undefined}
      />
    </section>
  )
}

function ImportSampleTable({ sample }: { sample: ImportSample[] }) {
  const { t } = useTranslation("admin")
  const { t: tc } = useTranslation()
  if (sample.length === 0) return null
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("import.previewRowsCaption", { count: sample.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.line")}</th>
            <th scope="col">{t("import.previewName")}</th>
            <th scope="col">{t("import.previewEmail")}</th>
            <th scope="col">{t("import.previewUnit")}</th>
            <th scope="col">{t("import.previewJobFamily")}</th>
          </tr>
        </thead>
        <tbody>
          {sample.map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              <th scope="row">{row.name}</th>
              <td>{row.email}</td>
              <td>{row.unit}</td>
              <td>{tc(`jobFamilies.${row.jobFamily}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function JobTitles({
  own,
  notice,
  errors,
}: {
  own: { title: string; jobFamily: (typeof JOB_FAMILIES)[number] }[]
  notice: "saved" | "removed" | null
  errors?: Record<string, string[] | undefined>
}) {
  const { t } = useTranslation("admin")
  const { t: tc } = useTranslation()
  return (
    <section className="admin-section" aria-labelledby="job-titles-heading" id="job-titles">
      <h2 id="job-titles-heading">{t("import.titles.title")}</h2>
      <p>{t("import.titles.intro")}</p>
      <StatusMessage message={notice ? t(`import.titles.${notice}`) : null} />
      {own.length === 0 ? (
        <p>{t("import.titles.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("import.titles.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.titles.title_label")}</th>
                <th scope="col">{t("import.titles.jobFamily")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("import.titles.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {own.map((row) => (
                <tr key={row.title}>
                  <th scope="row">{row.title}</th>
                  <td>{tc(`jobFamilies.${row.jobFamily}`)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="removeJobTitle" />
                      <input type="hidden" name="title" value={row.title} />
                      <button type="submit" className="button button--quiet">
                        {t("import.titles.remove")} <span className="visually-hidden">{row.title}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form method="post" className="admin-grid">
        <input type="hidden" name="intent" value="saveJobTitle" />
        <Field
          label={t("import.titles.title_label")}
          name="title"
          errors={errors?.title}
          required
          maxLength={120}
        />
        <SelectField
          label={t("import.titles.jobFamily")}
          name="jobFamily"
          options={JOB_FAMILIES.map((family) => ({ value: family, label: tc(`jobFamilies.${family}`) }))}
          errors={errors?.jobFamily}
        />
        <div>
          <button type="submit" className="button">
            {t("import.titles.add")}
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta = pageMeta("admin:import.title")
