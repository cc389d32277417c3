import { expect, test } from "vitest"
import { hashPassword, verifyPassword } from "~/services/password.server"

test("a password hashes with Argon2id at OWASP's baseline and verifies", async () => {
  const hash = await hashPassword("correct horse battery staple")
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true)
})

test("a wrong password, an empty hash and a corrupt hash do not verify", async () => {
  const hash = await hashPassword("first password")
  expect(await verifyPassword(hash, "second password")).toBe(false)
  expect(await verifyPassword(null, "anything")).toBe(false)
  expect(await verifyPassword("not-a-hash", "anything")).toBe(false)
})

test("two hashes of the same password differ (random salt)", async () => {
  expect(await hashPassword("same")).not.toBe(await hashPassword("same"))
})
