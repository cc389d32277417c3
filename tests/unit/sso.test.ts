import { expect, test } from "vitest"
import { isMfaAsserted, parseClaimList } from "~/domain/sso"

test("parseClaimList splits on commas, trims and drops blanks; unset is empty", () => {
  expect(parseClaimList(" mfa, otp ,,hwk")).toEqual(["mfa", "otp", "hwk"])
  expect(parseClaimList(undefined)).toEqual([])
  expect(parseClaimList("")).toEqual([])
})

test("isMfaAsserted accepts a listed amr value or acr, and nothing with an empty policy", () => {
  const policy = { amr: ["mfa"], acr: ["http://schemas.microsoft.com/claims/multipleauthn"] }
  expect(isMfaAsserted({ amr: ["pwd", "mfa"] }, policy)).toBe(true)
  expect(isMfaAsserted({ acr: "http://schemas.microsoft.com/claims/multipleauthn" }, policy)).toBe(true)
  expect(isMfaAsserted({ amr: ["pwd"] }, policy)).toBe(false)
  expect(isMfaAsserted({ amr: "mfa" }, policy)).toBe(false) // amr is an array by RFC 8176; a string is not trusted
  expect(isMfaAsserted({ acr: "1" }, policy)).toBe(false)
  expect(isMfaAsserted({}, policy)).toBe(false)
  expect(isMfaAsserted({ amr: ["mfa"], acr: "anything" }, { amr: [], acr: [] })).toBe(false)
})
