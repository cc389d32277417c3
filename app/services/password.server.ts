import { hash, verify } from "@node-rs/argon2"

// Argon2id at OWASP's baseline: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2ID = 2 as const
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string) {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string | null, password: string) {
  // Without a stored hash we still spend the same time, so the answer does not tell which accounts exist.
  if (!passwordHash) {
    await hash(password, OPTIONS)
    return false
  }
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
