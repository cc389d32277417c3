import { expect, test } from "vitest"
import { contentStems, findItemOverlaps, jaccard, OVERLAP_THRESHOLD } from "~/domain/item-overlap"

const q = (id: string, en: string, key: string, da = en, keyDa = key) => ({
  id,
  text: { da, en },
  keys: [{ da: keyDa, en: key }],
})

test("contentStems drops stop words and short words and joins inflections by their first six letters", () => {
  expect([...contentStems("What does the model learn from trained data?", "en")].sort()).toEqual(
    ["data", "learn", "model", "traine"].sort(),
  )
  expect(contentStems("Modellen på hospitalet", "da")).toEqual(contentStems("modeller hos hospitaler", "da"))
})

test("jaccard is shared over all stems, and 0 for two empty texts", () => {
  expect(jaccard(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(1 / 3)
  expect(jaccard(new Set(), new Set())).toBe(0)
})

test("findItemOverlaps flags a quiz question that asks the survey item's question with its answer", () => {
  const item = q(
    "use.k5",
    "What does automation bias mean?",
    "That people trust a system's advice and overlook signs of error",
  )
  const same = q(
    "use-foundation/q4",
    "What does automation bias mean?",
    "That people come to trust an automated system too much and stop checking it",
  )
  const topicOnly = q(
    "use-foundation/q9",
    "A radiographer has accepted the AI's normal finding on forty scans in a row. What protects against this?",
    "Looking at the image before reading the tool's answer",
  )
  const found = findItemOverlaps([item], [same, topicOnly])
  expect(found.map((o) => o.questionId)).toEqual(["use-foundation/q4"])
  expect(found[0]!.similarity).toBeGreaterThanOrEqual(OVERLAP_THRESHOLD)
})

test("findItemOverlaps looks at both languages and sorts the most similar first", () => {
  const item = q(
    "data.k8",
    "Federated learning?",
    "Shared updates",
    "Hvad betyder føderet læring?",
    "Modellen trænes lokalt og kun opdateringer deles",
  )
  const danishTwin = q(
    "data-advanced/q6",
    "Something else entirely",
    "Unrelated",
    "Hvad er føderet læring?",
    "Modellen trænes lokalt, og kun opdateringer deles",
  )
  const closer = q("data-advanced/q7", "Federated learning?", "Shared updates")
  const found = findItemOverlaps([item], [danishTwin, closer])
  expect(found.map((o) => [o.questionId, o.lang])).toEqual([
    ["data-advanced/q7", "en"],
    ["data-advanced/q6", "da"],
  ])
})
