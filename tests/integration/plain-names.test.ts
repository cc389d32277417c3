import { eq } from "drizzle-orm"
import { beforeEach, expect, test } from "vitest"
import * as adminUnits from "~/routes/admin.units"
import type { Db } from "../../db/client"
import { units } from "../../db/schema"
import { asResponse, loginCookie, makeRequest, testDb } from "./db"

let db: Db
let admin: string
beforeEach(async () => {
  db = testDb()
  admin = await loginCookie("admin@parat.test")
})

const addUnit = (name: string, code: string) =>
  adminUnits
    .action({
      request: makeRequest("/admin/units", {
        cookie: admin,
        form: { intent: "add", code, name, kind: "department", parentId: "" },
      }),
      params: {},
      context: {},
    })
    .then(asResponse)

test("a unit name with a line break or a bidi override is refused with a translated reason; nothing is stored", async () => {
  for (const [name, code] of [
    ["Akut\nmodtagelse", "PN-1"],
    ["\u202Eesnegalo", "PN-2"],
  ] as const) {
    const response = await addUnit(name, code)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ errors: { name: ["validation.controlCharacters"] } })
    expect(db.select().from(units).where(eq(units.code, code)).get()).toBeUndefined()
  }
})

test("a unit name is stored trimmed, in NFC, with single spaces", async () => {
  const response = await addUnit("  Ny   A\u030Adal  ", "PN-3")
  expect(response.status).toBe(302)
  expect(db.select({ name: units.name }).from(units).where(eq(units.code, "PN-3")).get()).toEqual({
    name: "Ny Ådal",
  })
})
