import { expect, test } from "vitest"
import { loader as learnLoader } from "~/routes/learn._index"
import { careersForFamily, listCareers } from "~/services/careers.server"
import { loginCookie, makeRequest, testDb } from "./db"

test("administrative and IT/data staff see the roles they can grow into, each with levels and modules; clinicians see none", () => {
  expect(careersForFamily("administrative", "da").map((r) => r.slug)).toEqual([
    "super-user",
    "ai-coordinator",
    "data-steward",
    "clinical-informatics",
  ])
  expect(careersForFamily("it_data", "en").map((r) => r.slug)).toEqual([
    "super-user",
    "data-steward",
    "mlops-engineer",
    "clinical-informatics",
  ])
  expect(careersForFamily("nurse", "da")).toEqual([])
  for (const role of listCareers("da")!.roles)
    for (const step of role.steps) expect(step.modules.length).toBeGreaterThan(0)
})

test("the learning path shows the career roles of the person's job family", async () => {
  testDb()
  const cookie = await loginCookie("employee@parat.test")
  const data = await learnLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} })
  expect(data.careers.map((r) => r.slug)).toEqual(careersForFamily(data.jobFamily, "da").map((r) => r.slug))
})
