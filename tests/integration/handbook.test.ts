import { beforeEach, expect, test } from "vitest"
import { action, loader } from "~/routes/handbook"
import { loginCookie, makeRequest, testDb } from "./db"

let cookie: string
beforeEach(async () => {
  testDb()
  cookie = await loginCookie("employee@parat.test")
})

const load = async (init: { cookie?: string } = {}) =>
  loader({ request: makeRequest("/handbook", init), params: {}, context: {} })

const save = (form: Record<string, string>, items: string[], withCookie = cookie) => {
  const body = new URLSearchParams(form)
  for (const item of items) body.append("item", item)
  const request = new Request("http://localhost/handbook", {
    method: "POST",
    body,
    headers: {
      Cookie: withCookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
  })
  return action({ request, params: {}, context: {} })
}

const checkedIds = (data: Awaited<ReturnType<typeof load>>) =>
  data.handbook.phases.flatMap((p) => p.checklist.filter((i) => i.isChecked).map((i) => i.id))

test("a logged-out visitor reads the whole handbook with nothing ticked", async () => {
  const data = await load()
  expect(data.isLoggedIn).toBe(false)
  expect(data.handbook.phases.length).toBeGreaterThanOrEqual(5)
  expect(data.handbook.phases[0]?.key).toBe("need")
  expect(checkedIds(data)).toEqual([])
})

test("a logged-in user's ticks of one phase are saved and shown again", async () => {
  const response = await save({ intent: "save", phase: "need" }, ["need-1", "need-3"])
  expect(response.status).toBe(302)
  expect(response.headers.get("Location")).toBe("/handbook?saved=need#phase-need")
  expect(checkedIds(await load({ cookie }))).toEqual(["need-1", "need-3"])
})

test("submitting a phase again unticks what is no longer ticked and leaves other phases alone", async () => {
  const otherPhase = (await load({ cookie })).handbook.phases[1]!
  await save({ intent: "save", phase: otherPhase.key }, [otherPhase.checklist[0]!.id])
  await save({ intent: "save", phase: "need" }, ["need-3", "need-4"])
  expect(checkedIds(await load({ cookie }))).toEqual(["need-3", "need-4", otherPhase.checklist[0]!.id])
})

test("item ids from another phase or unknown ids are ignored", async () => {
  await save({ intent: "save", phase: "need" }, ["need-2", "operation-1", "no-such-item"])
  const ids = checkedIds(await load({ cookie }))
  expect(ids).toContain("need-2")
  expect(ids).not.toContain("operation-1")
  expect(ids).not.toContain("no-such-item")
})

test("another person's ticks are their own", async () => {
  const other = await loginCookie("manager@parat.test")
  expect(checkedIds(await load({ cookie: other }))).toEqual([])
})

test("an unknown intent, an unknown phase or a bad item is a 400 and changes nothing", async () => {
  const before = checkedIds(await load({ cookie }))
  await expect(save({ intent: "delete", phase: "need" }, [])).rejects.toMatchObject({ status: 400 })
  await expect(save({ phase: "need" }, [])).rejects.toMatchObject({ status: 400 })
  await expect(save({ intent: "save", phase: "no-such-phase" }, [])).rejects.toMatchObject({ status: 400 })
  await expect(save({ intent: "save", phase: "need" }, ["<script>"])).rejects.toMatchObject({ status: 400 })
  expect(checkedIds(await load({ cookie }))).toEqual(before)
})

test("saving without a login goes to the login page", async () => {
  await expect(save({ intent: "save", phase: "need" }, ["need-1"], "")).rejects.toMatchObject({ status: 302 })
})

test("the ?saved= flag is validated", async () => {
  const request = makeRequest("/handbook?saved=%3Cx%3E")
  await expect(loader({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 400 })
})
