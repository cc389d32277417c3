import { expect, test } from "vitest"
import { loader as moduleLoader } from "~/routes/learn.modules.$slug._index"
import { loader as listLoader } from "~/routes/workshops._index"
import { loader as kitLoader } from "~/routes/workshops.$slug"
import { loginCookie, makeRequest, testDb } from "./db"

test("at least four workshop kits, each with goal, audience, agenda, materials, a case pack and a debrief", async () => {
  const { kits } = await listLoader({ request: makeRequest("/workshops"), params: {}, context: {} })
  expect(kits.length).toBeGreaterThanOrEqual(4)
  for (const { slug } of kits) {
    const { kit } = await kitLoader({
      request: makeRequest(`/workshops/${slug}`),
      params: { slug },
      context: {},
    })
    expect(kit.goal && kit.audience).toBeTruthy()
    expect(kit.agenda.reduce((sum, a) => sum + a.minutes, 0)).toBe(kit.minutes)
    expect(kit.materials.length).toBeGreaterThan(0)
    expect(kit.cases.length).toBeGreaterThan(0)
    expect(kit.debrief.length).toBeGreaterThan(0)
    expect(kit.modules.length).toBeGreaterThan(0)
  }
})

test("a module page lists the kits that name it as the module they deepen", async () => {
  testDb()
  const cookie = await loginCookie("employee@parat.test")
  const data = await moduleLoader({
    request: makeRequest("/learn/modules/use-practitioner", { cookie }),
    params: { slug: "use-practitioner" },
    context: {},
  })
  expect(data.workshops.map((w) => w.slug)).toEqual(["reading-ai-output-critically"])
})
