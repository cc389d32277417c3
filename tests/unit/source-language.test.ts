import { expect, test } from "vitest"
import { sourceLanguage } from "~/domain/source-language"

test("a source is Danish by its letters or its .dk site, English otherwise, and content may say which", () => {
  expect(sourceLanguage({ title: "Region Hovedstaden: Videregivelse af patientjournaloplysninger" })).toBe(
    "da",
  )
  expect(
    sourceLanguage({ title: "Datatilsynet: Vejledning om AI", url: "https://www.datatilsynet.dk/x" }),
  ).toBe("da")
  expect(
    sourceLanguage({
      title: "Regulation (EU) 2024/1689 (AI Act)",
      url: "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    }),
  ).toBe("en")
  expect(
    sourceLanguage({ title: "WHO guidance on ethics and governance of AI for health", url: "not a url" }),
  ).toBe("en")
  expect(sourceLanguage({ title: "Videregivelse af oplysninger til forskning" })).toBe("da")
  expect(sourceLanguage({ title: "Forordning (EU) 2024/1689", lang: "da" })).toBe("da")
  expect(sourceLanguage({ title: "Sundhedsstyrelsen: Guide", url: "https://sst.dk", lang: "en" })).toBe("en")
})
