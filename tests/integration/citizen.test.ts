import { expect, test } from "vitest"
import { loader as trackLoader } from "~/routes/citizen._index"
import { loader as moduleLoader } from "~/routes/citizen.$slug._index"
import { loader as lessonLoader } from "~/routes/citizen.$slug.$lesson"
import { makeRequest } from "./db"

const context = {}

test("the citizen track lists the level-1 citizen modules, without a login", async () => {
  const data = await trackLoader({ request: makeRequest("/citizen"), params: {}, context })
  expect(data.modules.map((m) => m.slug).sort()).toEqual([
    "data-foundation",
    "ethics-law-foundation",
    "evaluation-foundation",
    "implementation-foundation",
    "understanding-foundation",
    "use-foundation",
  ])
})

test("a citizen module shows its lessons and sources; a staff-only module is 404", async () => {
  const data = await moduleLoader({
    request: makeRequest("/citizen/understanding-foundation", { headers: { "Accept-Language": "en" } }),
    params: { slug: "understanding-foundation" },
    context,
  })
  expect(data.page).toBeNull()
  expect(data.module?.lessons.map((l) => l.slug)).toEqual(["what-is-ai", "generative-ai-and-limits"])
  expect(data.module?.sources.length).toBeGreaterThan(0)
  await expect(
    moduleLoader({
      request: makeRequest("/citizen/data-expert"),
      params: { slug: "data-expert" },
      context,
    }),
  ).rejects.toMatchObject({ status: 404 })
})

test("a citizen lesson has its Markdown body and neighbours", async () => {
  const data = await lessonLoader({
    request: makeRequest("/citizen/understanding-foundation/what-is-ai"),
    params: { slug: "understanding-foundation", lesson: "what-is-ai" },
    context,
  })
  expect(data.lesson.html).toContain(`href="/wiki/artificial-intelligence"`)
  expect(data).toMatchObject({
    position: 1,
    total: 2,
    previous: null,
    next: { slug: "generative-ai-and-limits" },
  })
  await expect(
    lessonLoader({
      request: makeRequest("/citizen/understanding-foundation/nope"),
      params: { slug: "understanding-foundation", lesson: "nope" },
      context,
    }),
  ).rejects.toMatchObject({ status: 404 })
})

test("a citizen lesson shows its objectives and figures, but not the staff cases", async () => {
  const data = await lessonLoader({
    request: makeRequest("/citizen/evaluation-foundation/how-good-is-the-ai", {
      headers: { "Accept-Language": "en" },
    }),
    params: { slug: "evaluation-foundation", lesson: "how-good-is-the-ai" },
    context,
  })
  expect(data.objectives[0]).toMatch(/^You can /)
  expect(data.figures.map((f) => f.id)).toEqual(["confusion-matrix"])
  expect(data.figures[0]!.svg).toMatch(/^<svg[^>]*role="img"/)
  expect(data).not.toHaveProperty("cases")
})

test("the track opens with the pages for patients and relatives: where AI is used, what it means, rights, complaints, asking", async () => {
  const data = await trackLoader({ request: makeRequest("/citizen"), params: {}, context })
  expect(data.pages.map((p) => p.slug)).toEqual([
    "where-ai-is-used",
    "what-it-means-for-you",
    "your-rights",
    "complaints-and-compensation",
    "ask-your-clinician",
  ])
  for (const page of data.pages) expect(page.easyRead.length).toBeGreaterThan(20)
})

test("the complaints page names Styrelsen for Patientklager and Patienterstatningen, with an easy-read summary", async () => {
  const data = await moduleLoader({
    request: makeRequest("/citizen/complaints-and-compensation"),
    params: { slug: "complaints-and-compensation" },
    context,
  })
  expect(data.module).toBeNull()
  expect(data.page?.html).toContain("Styrelsen for Patientklager")
  expect(data.page?.html).toContain("Patienterstatningen")
  expect(data.page?.easyRead).toMatch(/gratis/)
  expect(data.page?.previous?.slug).toBe("your-rights")
})
