import { beforeEach, expect, test } from "vitest"
import { loader as sharedLoader } from "~/routes/handbook_.shared.$ownerId"
import { action as sharingAction, loader as sharingLoader } from "~/routes/handbook_.sharing"
import { action, loader } from "~/routes/handbook_.templates.$slug"
import { loader as docxLoader } from "~/routes/handbook_.templates.$slug_.docx"
import { readZipEntry } from "../support/zip"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let owner: string
let colleague: string
beforeEach(async () => {
  testDb()
  owner = await loginCookie("employee@parat.test")
  colleague = await loginCookie("manager@parat.test")
})

const params = { slug: "need-description" }
const save = (form: Record<string, string>, cookie = owner) =>
  action({
    request: makeRequest("/handbook/templates/need-description", {
      cookie,
      form: { intent: "save", ...form },
    }),
    params,
    context: {},
  })
const share = (form: Record<string, string>, cookie = owner) =>
  sharingAction({ request: makeRequest("/handbook/sharing", { cookie, form }), params: {}, context: {} })
const fieldValue = (data: Awaited<ReturnType<typeof loader>>, id: string) =>
  data.template.sections.flatMap((s) => s.fields).find((f) => f.id === id)?.value

test("a filled template is saved per person and shown again; another person sees it empty", async () => {
  const response = asResponse(
    await save({
      "project-name": "Sepsisvarsel på M1",
      problem: "For sene opdagelser.\nOfte om natten.",
      scenario: "demo",
    }),
  )
  expect(response.status).toBe(302)
  const mine = await loader({
    request: makeRequest("/handbook/templates/need-description", { cookie: owner }),
    params,
    context: {},
  })
  expect(fieldValue(mine, "project-name")).toBe("Sepsisvarsel på M1")
  expect(fieldValue(mine, "problem")).toBe("For sene opdagelser.\nOfte om natten.")
  expect(fieldValue(mine, "scenario")).toBe("demo")
  const theirs = await loader({
    request: makeRequest("/handbook/templates/need-description", { cookie: colleague }),
    params,
    context: {},
  })
  expect(fieldValue(theirs, "project-name")).toBe("")
})

test("a choice that is not an option is refused with 400 and the typed values are kept", async () => {
  const response = asResponse(await save({ "project-name": "Røntgen", scenario: "someday" }))
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.errors).toEqual({ scenario: "template.errors.choice" })
  expect(body.template.sections[0].fields[0].value).toBe("Røntgen")
})

test("a visitor cannot save, and an unknown template is a 404", async () => {
  await expect(
    action({
      request: makeRequest("/handbook/templates/need-description", { form: { intent: "save" } }),
      params,
      context: {},
    }),
  ).rejects.toMatchObject({ status: 302 })
  await expect(
    loader({ request: makeRequest("/handbook/templates/nope"), params: { slug: "nope" }, context: {} }),
  ).rejects.toMatchObject({ status: 404 })
})

test("the DOCX download is a Word document whose body holds the filled values", async () => {
  await save({
    "project-name": "Triage af røntgen <thorax> & co",
    problem: "Linje et\nLinje to",
    scenario: "solution",
  })
  const response = await docxLoader({
    request: makeRequest("/handbook/templates/need-description/docx", { cookie: owner }),
    params,
    context: {},
  })
  expect(response.headers.get("Content-Type")).toBe(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  )
  expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="need-description.docx"')
  const docx = Buffer.from(await response.arrayBuffer())
  expect(readZipEntry(docx, "[Content_Types].xml")).toContain("wordprocessingml")
  const xml = readZipEntry(docx, "word/document.xml")!
  expect(xml).toContain("Triage af røntgen &lt;thorax&gt; &amp; co")
  expect(xml).toContain("Linje et")
  expect(xml).toContain("Linje to")
  // a choice is written as its label, not its id
  expect(xml).toContain("LØSNING – færdigt produkt")
  expect(xml).toContain("Behovsbeskrivelse")
})

test("a project shared with a named colleague can be read by that colleague and no one else, until it is unshared", async () => {
  await save({ "project-name": "Talegenkendelse i ambulatoriet" })
  const shared = asResponse(await share({ intent: "share", email: "Manager@parat.test" }))
  expect(shared.headers.get("Location")).toBe("/handbook/sharing?done=shared")
  const list = await sharingLoader({
    request: makeRequest("/handbook/sharing", { cookie: colleague }),
    params: {},
    context: {},
  })
  expect(list.sharedWithMe).toHaveLength(1)
  const id = String(list.sharedWithMe[0]!.id)
  const view = await sharedLoader({
    request: makeRequest(`/handbook/shared/${id}`, { cookie: colleague }),
    params: { ownerId: id },
    context: {},
  })
  expect(view.templates.map((t) => t.view.sections[0]!.fields[0]!.value)).toEqual([
    "Talegenkendelse i ambulatoriet",
  ])
  // a third person was never given access
  const admin = await loginCookie("admin@parat.test")
  await expect(
    sharedLoader({
      request: makeRequest(`/handbook/shared/${id}`, { cookie: admin }),
      params: { ownerId: id },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 404 })
  const mine = await sharingLoader({
    request: makeRequest("/handbook/sharing", { cookie: owner }),
    params: {},
    context: {},
  })
  await share({ intent: "remove", viewer: String(mine.sharedWith[0]!.id) })
  await expect(
    sharedLoader({
      request: makeRequest(`/handbook/shared/${id}`, { cookie: colleague }),
      params: { ownerId: id },
      context: {},
    }),
  ).rejects.toMatchObject({ status: 404 })
})

test("sharing with an unknown address or with oneself is a 400 with a message", async () => {
  const unknown = asResponse(await share({ intent: "share", email: "nobody@parat.test" }))
  expect(unknown.status).toBe(400)
  expect((await unknown.json()).error).toBe("toolkit:sharing.errors.unknown")
  const self = asResponse(await share({ intent: "share", email: "employee@parat.test" }))
  expect((await self.json()).error).toBe("toolkit:sharing.errors.self")
})
