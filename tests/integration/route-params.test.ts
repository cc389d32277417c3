import { beforeEach, expect, test } from "vitest"
import { loader as cycleLoader } from "~/routes/admin.cycles.$id"
import { loader as mailLoader } from "~/routes/admin.mail.$id"
import { loader as personLoader } from "~/routes/admin.people.$id"
import { loader as unitLoader } from "~/routes/reports.units.$unitId"
import { loginCookie, makeRequest, testDb } from "./db"

beforeEach(() => {
  testDb()
})

async function statusOf(run: () => unknown) {
  try {
    await run()
    return 200
  } catch (error) {
    return (error as Response).status
  }
}

test("a malformed id in the path is the same 404 on every route that takes an id", async () => {
  const admin = await loginCookie("admin@parat.test")
  const manager = await loginCookie("manager@parat.test")
  for (const bad of ["abc", "0", "-3", "1.5", "99999999999"]) {
    const args = (path: string, cookie: string, params: Record<string, string>) => ({
      request: makeRequest(path, { cookie }),
      params,
      context: {},
    })
    const statuses = [
      await statusOf(() => cycleLoader(args(`/admin/cycles/${bad}`, admin, { id: bad }))),
      await statusOf(() => personLoader(args(`/admin/people/${bad}`, admin, { id: bad }))),
      await statusOf(() => mailLoader(args(`/admin/mail/${bad}`, admin, { id: bad }))),
      await statusOf(() => unitLoader(args(`/reports/units/${bad}`, manager, { unitId: bad }))),
    ]
    expect({ bad, statuses }).toEqual({ bad, statuses: [404, 404, 404, 404] })
  }
})
