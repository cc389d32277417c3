// Seals small secrets (TOTP keys) for storage: AES-256-GCM under a key that is not in the database, so a copied
// database file or backup alone reveals no authenticator. The person's id is bound in as associated data, so a
// sealed secret moved to another row does not open.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { env } from "~/env.server"
import { cachedForProcess } from "./cache.server"
import type { Db } from "./db.server"

const VERSION = "v1"
export const KEY_FILE_NAME = "parat-secret.key"

/** PARAT_SECRET_KEY, or a key file beside the database, made (mode 0600) the first time it is needed. */
function secretKey(db: Db): Buffer {
  if (env.PARAT_SECRET_KEY) return Buffer.from(env.PARAT_SECRET_KEY, "base64")
  const file = join(dirname(db.$client.name), KEY_FILE_NAME)
  return cachedForProcess(`secret-key:${file}`, () => readOrMakeKeyFile(file))
}

function readOrMakeKeyFile(file: string): Buffer {
  try {
    writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64")
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`)
  return key
}

export function sealSecret(plain: string, personId: number, db: Db): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", secretKey(db), iv)
  cipher.setAAD(Buffer.from(`person:${personId}`))
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    sealed.toString("base64url"),
  ].join(".")
}

/** The plain secret, or null when it was sealed under another key or for another person. */
export function openSecret(sealed: string, personId: number, db: Db): string | null {
  const [version, iv, tag, data] = sealed.split(".")
  if (version !== VERSION || !iv || !tag || !data) return null
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(db), Buffer.from(iv, "base64url"))
    decipher.setAAD(Buffer.from(`person:${personId}`))
    decipher.setAuthTag(Buffer.from(tag, "base64url"))
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    return null
  }
}
