// Cues that give a quiz's key away without reading: the key is the longest option more often than chance, the
// key sits in one position, absolute words mark the wrong options, or "all of the above" is offered. Pure: the
// content check (app/services/content-check.server.ts) reports these with file and question.

export type CueOption = { id: string; text: { da: string; en: string } }
export type CueQuestion = {
  id: string
  kind: "single" | "multiple"
  options: CueOption[]
  correct: string[]
}
export type QuizCue = { questionId: string | null; message: string }

const ABSOLUTE =
  /(?<![\p{L}])(always|never|only|guarantee[sd]?|completely|altid|aldrig|kun|garanter\w*|fuldstændig\w*)(?![\p{L}])/iu
const ALL_OF_THE_ABOVE = /(all|none) of the above|alle (af )?ovenstående|ingen af ovenstående|begge dele/i

export const hasAbsoluteWord = (text: string) => ABSOLUTE.test(text)

/** Upper bound of a count that chance explains: the expected count plus 1.5 standard deviations, at least 1 more. */
export function chanceLimit(probabilities: number[]) {
  const expected = probabilities.reduce((s, p) => s + p, 0)
  const sd = Math.sqrt(probabilities.reduce((s, p) => s + p * (1 - p), 0))
  return Math.max(expected + 1, expected + 1.5 * sd)
}

export function findQuizCues(questions: readonly CueQuestion[]): QuizCue[] {
  const cues: QuizCue[] = []
  const single = questions.filter((q) => q.kind === "single")

  for (const q of questions) {
    if (q.options.some((o) => ALL_OF_THE_ABOVE.test(o.text.da) || ALL_OF_THE_ABOVE.test(o.text.en)))
      cues.push({ questionId: q.id, message: 'offers "all/none of the above"; write each option on its own' })
  }

  // The key is strictly the longest option (in both languages) more often than chance allows.
  const longest = single.filter((q) =>
    (["da", "en"] as const).every((lang) => {
      const key = q.options.find((o) => o.id === q.correct[0])!
      return q.options.every((o) => o === key || o.text[lang].length < key.text[lang].length)
    }),
  )
  const longestLimit = chanceLimit(single.map((q) => 1 / q.options.length))
  if (single.length > 0 && longest.length > longestLimit)
    cues.push({
      questionId: null,
      message: `the correct option is the longest in ${longest.length} of ${single.length} single-choice questions (chance allows ${Math.floor(longestLimit)}): shorten the keys or lengthen distractors in ${longest.map((q) => q.id).join(", ")}`,
    })

  // Position: in each position the key sits no more often than chance allows, and every position is used.
  const positions = new Map<number, string[]>()
  for (const q of single) {
    const at = q.options.findIndex((o) => o.id === q.correct[0])
    positions.set(at, [...(positions.get(at) ?? []), q.id])
  }
  const maxOptions = Math.max(0, ...single.map((q) => q.options.length))
  for (let at = 0; at < maxOptions; at++) {
    const here = positions.get(at) ?? []
    const limit = chanceLimit(single.map((q) => (at < q.options.length ? 1 / q.options.length : 0)))
    if (here.length > limit)
      cues.push({
        questionId: null,
        message: `the correct option is option ${at + 1} in ${here.length} of ${single.length} single-choice questions (chance allows ${Math.floor(limit)}): ${here.join(", ")}`,
      })
  }
  const multiple = questions.filter((q) => q.kind === "multiple")
  if (multiple.length >= 2) {
    const firstOption = multiple.filter((q) => q.correct.includes(q.options[0]!.id))
    if (firstOption.length === multiple.length)
      cues.push({
        questionId: null,
        message: `every multiple-choice key includes the first option: ${multiple.map((q) => q.id).join(", ")}`,
      })
  }

  // Absolute words: a share of distractors carrying them well above the share of keys carrying them.
  let keys = 0
  let keysAbsolute = 0
  const distractorsAbsolute: string[] = []
  let distractors = 0
  for (const q of questions) {
    for (const o of q.options) {
      const absolute = hasAbsoluteWord(o.text.da) || hasAbsoluteWord(o.text.en)
      if (q.correct.includes(o.id)) {
        keys++
        if (absolute) keysAbsolute++
      } else {
        distractors++
        if (absolute) distractorsAbsolute.push(`${q.id}/${o.id}`)
      }
    }
  }
  const distractorShare = distractors === 0 ? 0 : distractorsAbsolute.length / distractors
  const keyShare = keys === 0 ? 0 : keysAbsolute / keys
  if (distractorsAbsolute.length >= 3 && distractorShare > 2 * keyShare + 0.05)
    cues.push({
      questionId: null,
      message: `absolute words (always, never, only, altid, aldrig, kun...) sit mostly in wrong options (${distractorsAbsolute.length} of ${distractors} distractors, ${keysAbsolute} of ${keys} keys): ${distractorsAbsolute.join(", ")}`,
    })
  return cues
}
