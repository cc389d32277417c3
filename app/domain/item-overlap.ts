// Survey items that a module quiz gives away: when a quiz question asks the same thing with the same answer as a
// knowledge item, a higher score next cycle may be the memory of the quiz rather than competence (item exposure).
// Pure; content:check reports the pairs above the threshold, and the survey item is the one to rewrite.

type Bilingual = { da: string; en: string }
export type OverlapQuestion = { id: string; text: Bilingual; keys: Bilingual[] }
export type ItemOverlap = { itemId: string; questionId: string; similarity: number; lang: "da" | "en" }

/**
 * Two texts ask the same with the same answer when the word stems of question plus correct answer overlap this
 * much (Jaccard). Calibrated on the catalogue of November 2026: pairs at 0.30 and above were the same fact asked
 * the same way ("What does automation bias mean?" in both); below 0.25, only a shared topic.
 */
export const OVERLAP_THRESHOLD = 0.3

// Words that carry no content; stems are the first six letters, enough to join "trains" and "trained",
// "hospital" and "hospitalet", "pseudonymised" and "pseudonymiserede".
const STOP_WORDS = {
  en: "the and for are was were has have had not can may most likely when who how why does what which with that this from into about than then there these those their they them its your you should would could will more less also only its any all one each some such other".split(
    " ",
  ),
  da: "den det der som med for til fra har hvad hvilken hvilke hvem hvordan hvorfor når ikke kan skal vil mest sandsynligt eller men også kun alle hver nogle andre deres sin sit sine dit din dine her han hun man have være blive bliver blev efter over under mellem ved hos om".split(
    " ",
  ),
} as const
const STEM_LENGTH = 6

/** The content stems of a text: lower case, words of three letters or more, stop words out, cut to six letters. */
export function contentStems(text: string, lang: "da" | "en"): Set<string> {
  const stop: readonly string[] = STOP_WORDS[lang]
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return new Set(words.filter((w) => w.length >= 3 && !stop.includes(w)).map((w) => w.slice(0, STEM_LENGTH)))
}

export function jaccard(a: Set<string>, b: Set<string>) {
  let shared = 0
  for (const stem of a) if (b.has(stem)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

const stemsOf = (question: OverlapQuestion, lang: "da" | "en") =>
  contentStems([question.text[lang], ...question.keys.map((k) => k[lang])].join(" "), lang)

/**
 * Every pair of survey item and quiz question whose question-plus-answer overlap reaches the threshold in either
 * language, most similar first.
 */
export function findItemOverlaps(
  items: readonly OverlapQuestion[],
  quizQuestions: readonly OverlapQuestion[],
  threshold = OVERLAP_THRESHOLD,
): ItemOverlap[] {
  const found: ItemOverlap[] = []
  const quizStems = quizQuestions.map((q) => ({ id: q.id, da: stemsOf(q, "da"), en: stemsOf(q, "en") }))
  for (const item of items) {
    const itemStems = { da: stemsOf(item, "da"), en: stemsOf(item, "en") }
    for (const question of quizStems) {
      const best = (["da", "en"] as const)
        .map((lang) => ({ lang, similarity: jaccard(itemStems[lang], question[lang]) }))
        .reduce((a, b) => (b.similarity > a.similarity ? b : a))
      if (best.similarity >= threshold) found.push({ itemId: item.id, questionId: question.id, ...best })
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity)
}
