import { expect, test } from "vitest"
import { pickFromAcceptLanguage } from "~/i18n/i18n.server"
import { resources } from "~/i18n/resources"

function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
}

/** i18next plural forms differ per language only in suffix; both our languages use _one/_other. */
test("every translation key exists in both Danish and English, in every namespace", () => {
  for (const ns of Object.keys(resources.da) as (keyof typeof resources.da)[]) {
    const da = keysOf(resources.da[ns]).sort()
    const en = keysOf(resources.en[ns]).sort()
    expect({ ns, missingInEnglish: da.filter((k) => !en.includes(k)) }).toEqual({ ns, missingInEnglish: [] })
    expect({ ns, missingInDanish: en.filter((k) => !da.includes(k)) }).toEqual({ ns, missingInDanish: [] })
  }
})

test("no translation is empty", () => {
  for (const lang of ["da", "en"] as const) {
    for (const [ns, bundle] of Object.entries(resources[lang])) {
      const flat = keysOf(bundle)
      for (const key of flat) {
        const value = key
          .split(".")
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], bundle)
        expect({ lang, ns, key, empty: typeof value === "string" && value.trim() === "" }).toMatchObject({
          empty: false,
        })
      }
    }
  }
})

test("Accept-Language picks the best supported language and defaults to Danish", () => {
  expect(pickFromAcceptLanguage(null)).toBe("da")
  expect(pickFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en")
  expect(pickFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.5")).toBe("en")
  expect(pickFromAcceptLanguage("en;q=0.4,da;q=0.8")).toBe("da")
  expect(pickFromAcceptLanguage("fr,de")).toBe("da")
  expect(pickFromAcceptLanguage("en;q=0")).toBe("da")
  expect(pickFromAcceptLanguage(";;;,,,q=abc")).toBe("da")
})

test("the browser gets the administration and report texts only where they can be used", async () => {
  const { bundlesFor } = await import("~/i18n/i18n.server")
  expect(Object.keys(bundlesFor("da", null, "/"))).not.toContain("admin")
  expect(Object.keys(bundlesFor("da", "employee", "/learn"))).not.toContain("reports")
  expect(Object.keys(bundlesFor("da", "admin", "/admin"))).toContain("admin")
  expect(Object.keys(bundlesFor("en", "manager", "/reports"))).toContain("reports")
  expect(Object.keys(bundlesFor("da", null, "/reset-password/abc"))).toContain("admin")
  expect(Object.keys(bundlesFor("da", "employee", "/"))).toEqual(
    expect.arrayContaining(["common", "survey", "learning"]),
  )
})
