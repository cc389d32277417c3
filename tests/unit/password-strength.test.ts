import { expect, test } from "vitest"
import { findPasswordWeakness } from "~/services/password-strength.server"

test("passwords on the common and breached list are refused as such, also with digits or capitals added", () => {
  for (const password of ["password1234", "Password123!", "qwertyuiop12", "iloveyou1234"]) {
    expect(findPasswordWeakness(password), password).toBe("validation.passwordCommon")
  }
})

test("repeats and the person's own name or e-mail are refused as easy to guess", () => {
  expect(findPasswordWeakness("aaaaaaaaaaaa")).toBe("validation.passwordGuessable")
  expect(
    findPasswordWeakness("kirstenholmgaard", ["kirsten.holmgaard@hospital.dk", "Kirsten Holmgaard"]),
  ).not.toBeNull()
  expect(findPasswordWeakness("kirstenholmgaard")).toBeNull()
})

test("a sentence of several words is accepted", () => {
  expect(findPasswordWeakness("en lang og god adgangssætning")).toBeNull()
  expect(findPasswordWeakness("a-long-new-passphrase")).toBeNull()
  expect(findPasswordWeakness("a brand new passphrase")).toBeNull()
})
