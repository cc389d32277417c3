import { expect, test } from "vitest"
import { z } from "zod"
import { NewPasswordFields, parseForm, passwordInput, secretFieldNames } from "~/utils/forms"

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.set(key, value)
  return data
}

test("a failed form echoes the typed values back, but never a password, as the schema marks them", () => {
  const Login = z.object({ email: z.email({ error: "validation.email" }), password: passwordInput() })
  const result = parseForm(form({ email: "not-an-email", password: "hunter2hunter2" }), Login)
  expect(result).toEqual({
    ok: false,
    errors: { email: ["validation.email"] },
    values: { email: "not-an-email" },
  })
})

test("secret fields are found through intersections and refinements (the password change form)", () => {
  const Change = z.object({ currentPassword: passwordInput(), note: z.string() }).and(NewPasswordFields)
  expect(secretFieldNames(Change).sort()).toEqual(["confirmPassword", "currentPassword", "newPassword"])
  const result = parseForm(
    form({ currentPassword: "old one", newPassword: "short", confirmPassword: "other", note: "kept" }),
    Change,
  )
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(result.values).toEqual({ note: "kept" })
    expect(result.errors.newPassword).toEqual(["validation.passwordTooShort"])
  }
})

test("a form without secret fields echoes every value", () => {
  const Unit = z.object({ name: z.string().min(3, { error: "validation.required" }), code: z.string() })
  expect(secretFieldNames(Unit)).toEqual([])
  expect(parseForm(form({ name: "x", code: "NOR" }), Unit)).toMatchObject({
    values: { name: "x", code: "NOR" },
  })
})
