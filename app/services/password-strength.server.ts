// Refuses passwords that are easy to guess, with zxcvbn-ts and the lists it ships: common and breached passwords
// (language-common), English words and names (language-en). No Danish list is published for zxcvbn-ts; the
// common-password list holds the Danish favourites that leaked worldwide.

import { ZxcvbnFactory } from "@zxcvbn-ts/core"
import * as common from "@zxcvbn-ts/language-common"
import * as english from "@zxcvbn-ts/language-en"
import { cachedForProcess } from "./cache.server"

/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3

// Built on first use (about 0.2 s to load the lists), once per process.
function zxcvbn() {
  return cachedForProcess(
    "zxcvbn",
    () =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      }),
  )
}

export type PasswordWeakness = "validation.passwordCommon" | "validation.passwordGuessable"

/**
 * Why a new password is refused (a translation key), or null when it is fine. The person's own e-mail address and
 * name count as known words. The minimum length is checked by the form before this.
 */
export function findPasswordWeakness(password: string, userInputs: string[] = []): PasswordWeakness | null {
  const words = userInputs
    .flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((w) => w.length > 2)
  const result = zxcvbn().check(password, words)
  if (result.score >= MIN_SCORE) return null
  const isListed = result.sequence.some(
    (match) => match.pattern === "dictionary" && match.dictionaryName === "passwords-common",
  )
  return isListed ? "validation.passwordCommon" : "validation.passwordGuessable"
}
