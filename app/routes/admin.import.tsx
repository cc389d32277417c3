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
import {
  type AmbiguousUnit,
  CSV_ENCODINGS,
  type CsvEncoding,
  MAX_TEXT_LENGTH,
  type RowError,
} from "~/domain/admin-people-import"
import { unitNameKey } from "~/domain/unit-names"
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
import { type FieldErrors, fieldErrors, parseQuery, requiredText } from "~/utils/forms"
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
// The staged file and the admin's choices for ambiguous unit names travel together from step to step, so each
// step works without JavaScript and the server re-checks everything each time.
const StagedSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  fileName: z.string().max(255).default(""),
  encoding: z.enum(CSV_ENCODINGS).default("utf-8"),
  choiceName: z.array(z.string().trim().min(1).max(MAX_TEXT_LENGTH)).max(500).default([]),
  // "" is a name the admin has not chosen for yet
  choiceUnit: z
    .array(z.union([z.literal(""), z.coerce.number().int().positive()]))
    .max(500)
    .default([]),
})
const CommitSchema = StagedSchema.extend({ deactivateMissing: z.literal("on").optional() })

/** The form's fields with the repeated choice fields as lists. */
function stagedFields(formData: FormData) {
  return {
    ...Object.fromEntries(formData),
    choiceName: formData.getAll("choiceName"),
    choiceUnit: formData.getAll("choiceUnit"),
  }
}

type ChosenUnit = { name: string; unitId: number }

/** The chosen units (unchosen names left out) and the map the import reads them from. */
function choicesOf(data: z.output<typeof StagedSchema>) {
  const chosen: ChosenUnit[] = []
  data.choiceName.forEach((name, i) => {
    const unitId = data.choiceUnit[i]
    if (typeof unitId === "number") chosen.push({ name, unitId })
  })
  return { chosen, map: new Map(chosen.map((c) => [unitNameKey(c.name), c.unitId])) }
}
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
      chosen: ChosenUnit[]
    }
  | {
      step: "chooseUnits"
      fileName: string
      token: string
      encoding: CsvEncoding
      ambiguous: AmbiguousUnit[]
      chosen: ChosenUnit[]
      /** the admin sent the list with a name still unchosen */
      isIncomplete: boolean
    }
  | { step: "jobTitle"; errors: FieldErrors }

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
  return nextStep(bytes, actorId, { fileName, encoding, token: null, chosen: [], isChoosing: false })
}

/**
 * The step after a check: the row errors; the pick-list when the only errors are unit names several units share;
 * or the confirmation. The file is staged (once) for the steps that come back to it.
 */
function nextStep(
  bytes: Uint8Array,
  actorId: number,
  state: {
    fileName: string
    encoding: CsvEncoding
    token: string | null
    chosen: ChosenUnit[]
    isChoosing: boolean
  },
) {
  const { fileName, encoding, chosen } = state
  const choices = new Map(chosen.map((c) => [unitNameKey(c.name), c.unitId]))
  const check = checkImport(bytes, actorId, undefined, encoding, choices)
  if (!check.ok) return fileError(check.fileError)
  const onlyAmbiguous = check.errorCount > 0 && check.errors.every((e) => e.reason === "unit_ambiguous")
  if (check.errorCount > 0 && !onlyAmbiguous) {
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
  const token = state.token ?? stageImport(bytes)
  if (onlyAmbiguous) {
    return Response.json(
      {
        step: "chooseUnits",
        fileName,
        token,
        encoding,
        ambiguous: check.ambiguous,
        chosen,
        isIncomplete: state.isChoosing,
      } satisfies ImportActionData,
      { status: state.isChoosing ? 400 : 200 },
    )
  }
  return {
    step: "confirm",
    fileName,
    counts: check.counts,
    token,
    encoding,
    sample: check.sample,
    chosen,
  } satisfies ImportActionData
}

/** The pick-list sent back: the staged file checked again with the admin's choices. */
function chooseUnits(formData: FormData, actorId: number) {
  const form = StagedSchema.safeParse(stagedFields(formData))
  if (!form.success || form.data.choiceName.length !== form.data.choiceUnit.length)
    throw new Response("Bad request", { status: 400 })
  const bytes = readStagedImport(form.data.token)
  if (!bytes) return fileError({ reason: "expired" })
  return nextStep(bytes, actorId, {
    fileName: form.data.fileName,
    encoding: form.data.encoding,
    token: form.data.token,
    chosen: choicesOf(form.data).chosen,
    isChoosing: true,
  })
}

/** The confirm step: the staged file is checked again against the database as it is now and written at once. */
async function commit(formData: FormData, actorId: number) {
  const form = CommitSchema.safeParse(stagedFields(formData))
  if (!form.success || form.data.choiceName.length !== form.data.choiceUnit.length)
    throw new Response("Bad request", { status: 400 })
  const bytes = readStagedImport(form.data.token)
  if (!bytes) return fileError({ reason: "expired" })
  const choices = choicesOf(form.data).map
  const outcome = importPeople(bytes, actorId, {
    deactivateMissing: form.data.deactivateMissing === "on",
    fileName: form.data.fileName || undefined,
    encoding: form.data.encoding,
    unitChoices: choices,
  })
  if (!outcome.ok) {
    if ("fileError" in outcome) return fileError(outcome.fileError)
    // Someone changed the database between preview and confirm: show the new errors, keep the staged file.
    const check = checkImport(bytes, actorId, undefined, form.data.encoding, choices)
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
      return Response.json({ step: "jobTitle", errors: fieldErrors(form.error) } satisfies ImportActionData, {
        status: 400,
      })
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
  if (intent === "chooseUnits") return chooseUnits(formData, user.id)
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
      {data?.step === "chooseUnits" ? <ChooseUnits data={data} /> : null}
      {data?.step === "confirm" ? (
        <section className="admin-section card" aria-labelledby="import-confirm">
          <h2 id="import-confirm">{t("import.previewTitle", { file: data.fileName })}</h2>
          <p role="status">{t("import.counts", data.counts)}</p>
          <ImportSampleTable sample={data.sample} />
          <Form method="post" className="stack">
            <input type="hidden" name="token" value={data.token} />
            <input type="hidden" name="fileName" value={data.fileName} />
            <input type="hidden" name="encoding" value={data.encoding} />
            <ChosenFields chosen={data.chosen} />
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
      ) : data?.step === "chooseUnits" ? null : (
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

/** The admin's earlier choices, carried to the next step as hidden fields. */
function ChosenFields({ chosen }: { chosen: ChosenUnit[] }) {
  return chosen.flatMap((c) => [
    <input key={`${c.name}-name`} type="hidden" name="choiceName" value={c.name} />,
    <input key={`${c.name}-unit`} type="hidden" name="choiceUnit" value={c.unitId} />,
  ])
}

/** One select per unit name that several units share: the admin picks the unit the file means. */
function ChooseUnits({ data }: { data: Extract<ImportActionData, { step: "chooseUnits" }> }) {
  const { t } = useTranslation("admin")
  const chosenFor = new Map(data.chosen.map((c) => [unitNameKey(c.name), c.unitId]))
  return (
    <section className="admin-section card" aria-labelledby="import-choose">
      <h2 id="import-choose">{t("import.choose.title", { file: data.fileName })}</h2>
      <p>{t("import.choose.intro", { count: data.ambiguous.length })}</p>
      {data.isIncomplete ? <FormError message={t("import.choose.incomplete")} /> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="chooseUnits" />
        <input type="hidden" name="token" value={data.token} />
        <input type="hidden" name="fileName" value={data.fileName} />
        <input type="hidden" name="encoding" value={data.encoding} />
        {/* names chosen before stay chosen; only the open ones are asked for */}
        <ChosenFields
          chosen={data.chosen.filter((c) => !data.ambiguous.some((a) => a.key === unitNameKey(c.name)))}
        />
        {data.ambiguous.map((name, i) => (
          <div className="field" key={name.key}>
            <input type="hidden" name="choiceName" value={name.name} />
            <label htmlFor={`choice-${i}`}>{t("import.choose.label", { name: name.name })}</label>
            <p id={`choice-${i}-hint`} className="field__hint">
              {t("import.choose.hint", { count: name.lines })}
            </p>
            <select
              id={`choice-${i}`}
              name="choiceUnit"
              aria-describedby={`choice-${i}-hint`}
              aria-invalid={data.isIncomplete || undefined}
              defaultValue={String(chosenFor.get(name.key) ?? "")}
              required
            >
              <option value="">{t("import.choose.placeholder")}</option>
              {name.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.path}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="button-row">
          <button type="submit" className="button">
            {t("import.choose.submit")}
          </button>
          <Link to="/admin/import">{t("import.cancel")}</Link>
        </div>
      </Form>
    </section>
  )
}

function ImportSampleTable({ sample }: { sample: ImportSample[] }) {
  const { t } = useTranslation("admin")
  const { t: tc } = useTranslation()
  if (sample.length === 0) return null
  const hasArea = sample.some((row) => row.area.length > 0)
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
            {hasArea ? <th scope="col">{t("import.previewArea")}</th> : null}
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
              {hasArea ? <td>{row.area.join(", ")}</td> : null}
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
  errors?: FieldErrors
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
