import { afterAll, beforeEach, describe, expect, test } from "vitest"
import { moduleStatus } from "~/domain/path-status"
import { loader as pathLoader } from "~/routes/learn._index"
import { action as catalogueAction, loader as catalogueLoader } from "~/routes/learn.catalogue"
import { loader as moduleLoader } from "~/routes/learn.modules.$slug._index"
import { action as lessonAction } from "~/routes/learn.modules.$slug.lessons.$lesson"
import type { Db } from "../../db/client"
import { makeFullCoursesDir, TWO_DIMENSION_MODULES, useCoursesDir } from "../fixtures/learning-content"
import { loginCookie, makeRequest, testDb } from "./db"

describe("moduleStatus", () => {
  test("an added module is not in progress until a lesson is read", () => {
    expect(moduleStatus({ isCompleted: false, isAdded: true, lessonsRead: 0 })).toBe("added")
    expect(moduleStatus({ isCompleted: false, isAdded: true, lessonsRead: 1 })).toBe("in_progress")
    expect(moduleStatus({ isCompleted: false, isAdded: false, lessonsRead: 0 })).toBe("not_started")
    expect(moduleStatus({ isCompleted: false, isAdded: false, lessonsRead: 2 })).toBe("in_progress")
    expect(moduleStatus({ isCompleted: true, isAdded: true, lessonsRead: 0 })).toBe("completed")
  })
})

let db: Db
let cookie: string
const courses = makeFullCoursesDir(TWO_DIMENSION_MODULES)
afterAll(() => courses.cleanup())
beforeEach(async () => {
  db = testDb()
  useCoursesDir(courses.root, db)
  cookie = await loginCookie("employee@parat.test")
})

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
const get = (path: string) => makeRequest(path, { cookie: `${cookie}; parat_lang=en` })
const post = (path: string, form: Record<string, string>) =>
  makeRequest(path, { cookie: `${cookie}; parat_lang=en`, form })
const ctx = { context: {} }

const add = async (form: Record<string, string>) =>
  (await run(() =>
    catalogueAction({ request: post("/learn/catalogue", { intent: "add", ...form }), params: {}, ...ctx }),
  )) as Response

test("the filtered catalogue carries its filters into the add form and back", async () => {
  const page = await catalogueLoader({
    request: get("/learn/catalogue?dimension=data&level=3"),
    params: {},
    ...ctx,
  })
  expect(page.returnTo).toBe("/learn/catalogue?dimension=data&level=3")
  const added = await add({ slug: "data-advanced", returnTo: page.returnTo })
  expect(added.status).toBe(302)
  expect(added.headers.get("Location")).toBe("/learn/catalogue?dimension=data&level=3&added=data-advanced")
  const unfiltered = await catalogueLoader({ request: get("/learn/catalogue"), params: {}, ...ctx })
  expect(unfiltered.returnTo).toBe("/learn/catalogue")
})

test("a return address off the catalogue or off the site falls back to the plain catalogue", async () => {
  for (const returnTo of [
    "https://evil.example/learn/catalogue",
    "//evil.example",
    "/admin?x=1",
    "/\\evil.example",
  ]) {
    const added = await add({ slug: "data-advanced", returnTo })
    expect(added.headers.get("Location"), returnTo).toBe("/learn/catalogue?added=data-advanced")
  }
})

test("an added module shows as added, not in progress, until a lesson is read", async () => {
  await add({ slug: "use-advanced", returnTo: "/learn/catalogue?dimension=use" })
  type PathData = { path: { groups: { steps: { slug: string; status: string }[] }[] } }
  const stepOf = async () =>
    ((await pathLoader({ request: get("/learn"), params: {}, ...ctx })) as PathData).path.groups
      .flatMap((g) => g.steps)
      .find((s) => s.slug === "use-advanced")
  const inCatalogue = async () =>
    (
      await catalogueLoader({ request: get("/learn/catalogue?dimension=use"), params: {}, ...ctx })
    ).modules.find((m) => m.slug === "use-advanced")
  const modulePage = async () =>
    (
      await moduleLoader({
        request: get("/learn/modules/use-advanced"),
        params: { slug: "use-advanced" },
        ...ctx,
      })
    ).module

  expect((await stepOf())?.status).toBe("added")
  expect(await inCatalogue()).toMatchObject({ isOnPath: true, status: "added" })
  expect((await modulePage()).status).toBe("added")

  const read = (await run(() =>
    lessonAction({
      request: post("/learn/modules/use-advanced/lessons/first", { intent: "read" }),
      params: { slug: "use-advanced", lesson: "first" },
      ...ctx,
    }),
  )) as Response
  expect(read.status).toBe(302)
  expect((await stepOf())?.status).toBe("in_progress")
  expect((await inCatalogue())?.status).toBe("in_progress")
  expect((await modulePage()).status).toBe("in_progress")
})
