// Signed, append-only training records and their public verification. The hospital's Ed25519 key (node:crypto)
// signs each record's canonical payload (app/domain/ai-register.ts); anyone with the code can check it on
// /verify/<code> without signing in, and the public key is published on /verify/key.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from "node:crypto"
import { and, desc, eq } from "drizzle-orm"
import { CODE_PATTERN, formatCode, recordPayload } from "~/domain/ai-register"
import { contentKeyOf, instructionVersionLabel } from "~/domain/local-instruction"
import { env } from "~/env.server"
import { type Db, type DbOrTx, getDb, schema } from "./db.server"

const { signingKeys, trainingRecords, modules, people, dueAgainEvents, localInstructions } = schema

const keyIdOf = (publicKeyPem: string) => createHash("sha256").update(publicKeyPem).digest("hex").slice(0, 16)

/**
 * The key that signs new records. From PARAT_SIGNING_KEY when set (only its public half is stored, so old records
 * stay verifiable after a key change); otherwise generated once and stored, so records survive restarts.
 */
export function signingKey(db: DbOrTx = getDb()) {
  if (env.PARAT_SIGNING_KEY) {
    const privateKey = createPrivateKey(env.PARAT_SIGNING_KEY)
    const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString()
    const keyId = keyIdOf(publicKeyPem)
    db.insert(signingKeys).values({ keyId, publicKeyPem }).onConflictDoNothing().run()
    return { keyId, privateKey, publicKeyPem }
  }
  let row = db
    .select()
    .from(signingKeys)
    .orderBy(desc(signingKeys.createdAt))
    .all()
    .find((k) => k.privateKeyPem !== null)
  if (!row) {
    const pair = generateKeyPairSync("ed25519")
    const publicKeyPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString()
    const privateKeyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    row = db
      .insert(signingKeys)
      .values({ keyId: keyIdOf(publicKeyPem), publicKeyPem, privateKeyPem })
      .returning()
      .get()
  }
  return {
    keyId: row.keyId,
    privateKey: createPrivateKey(row.privateKeyPem!),
    publicKeyPem: row.publicKeyPem,
  }
}

/** Every public key that has signed records, newest first, for the published key page. */
export function publishedKeys(db: Db = getDb()) {
  signingKey(db)
  return db
    .select({
      keyId: signingKeys.keyId,
      publicKeyPem: signingKeys.publicKeyPem,
      createdAt: signingKeys.createdAt,
    })
    .from(signingKeys)
    .orderBy(desc(signingKeys.createdAt))
    .all()
}

/** The module's version as recorded: substantive changes marked by an admin, then the content hash. */
export function moduleVersion(slug: string, db: DbOrTx) {
  const hash =
    db.select({ h: modules.contentHash }).from(modules).where(eq(modules.slug, slug)).get()?.h ?? ""
  const changes = db
    .select({ id: dueAgainEvents.id })
    .from(dueAgainEvents)
    .where(and(eq(dueAgainEvents.reason, "content"), eq(dueAgainEvents.moduleSlug, slug)))
    .all().length
  return `${changes + 1}.${hash.slice(0, 8)}`
}

/** Appends a signed record of a completion of a module or a local instruction (or a correction of a record). */
export function appendRecord(
  input: {
    personId: number
    /** what was completed: a module's slug, or else an instruction at the version the person read */
    moduleSlug?: string | null
    instruction?: { id: number; version: number } | null
    score: number
    completedAt: Date
    corrects?: { id: number; code: string } | null
    isVoid?: boolean
  },
  db: DbOrTx = getDb(),
) {
  const key = signingKey(db)
  const person = db.select({ name: people.name }).from(people).where(eq(people.id, input.personId)).get()
  if (!person) throw new Error("no such person")
  const code = formatCode(randomBytes(16))
  const moduleSlug = input.instruction ? null : (input.moduleSlug ?? null)
  const instructionId = input.instruction?.id ?? null
  if ((moduleSlug === null) === (instructionId === null))
    throw new Error("a record is of a module or an instruction")
  const contentVersion = input.instruction
    ? instructionVersionLabel(input.instruction.version)
    : moduleVersion(moduleSlug ?? "", db)
  const payload = recordPayload({
    code,
    personName: person.name,
    contentKey: contentKeyOf({ moduleSlug, instructionId }),
    contentVersion,
    completedAt: input.completedAt,
    score: input.score,
    correctsCode: input.corrects?.code ?? null,
  })
  const signature = sign(null, Buffer.from(payload), key.privateKey).toString("base64")
  return db
    .insert(trainingRecords)
    .values({
      code,
      personId: input.personId,
      personName: person.name,
      moduleSlug,
      instructionId,
      contentVersion,
      score: input.score,
      completedAt: input.completedAt,
      correctsId: input.corrects?.id ?? null,
      isVoid: input.isVoid ?? false,
      keyId: key.keyId,
      signature,
    })
    .returning()
    .get()
}

export type Verification =
  | { ok: false; reason: "malformed" | "unknown" | "bad_signature" }
  | {
      ok: true
      record: {
        code: string
        personName: string
        contentKey: string
        moduleTitle: { da: string; en: string }
        contentVersion: string
        score: number
        completedAt: Date
        keyId: string
        correctsCode: string | null
        isVoid: boolean
        correctedBy: string | null
      }
    }

/** Looks a code up and checks the stored record against its signature and the published key. */
export function verifyRecord(code: string, db: Db = getDb()): Verification {
  const normalised = code.trim().toUpperCase()
  if (!CODE_PATTERN.test(normalised)) return { ok: false, reason: "malformed" }
  const row = db
    .select({
      r: trainingRecords,
      title: modules.title,
      instructionTitle: localInstructions.title,
      publicKeyPem: signingKeys.publicKeyPem,
    })
    .from(trainingRecords)
    .leftJoin(modules, eq(modules.slug, trainingRecords.moduleSlug))
    .leftJoin(localInstructions, eq(localInstructions.id, trainingRecords.instructionId))
    .innerJoin(signingKeys, eq(signingKeys.keyId, trainingRecords.keyId))
    .where(eq(trainingRecords.code, normalised))
    .get()
  if (!row) return { ok: false, reason: "unknown" }
  const { r } = row
  const corrects = r.correctsId
    ? (db
        .select({ code: trainingRecords.code })
        .from(trainingRecords)
        .where(eq(trainingRecords.id, r.correctsId))
        .get()?.code ?? null)
    : null
  const payload = recordPayload({
    code: r.code,
    personName: r.personName,
    contentKey: contentKeyOf(r),
    contentVersion: r.contentVersion,
    completedAt: r.completedAt,
    score: r.score,
    correctsCode: corrects,
  })
  const valid = verify(
    null,
    Buffer.from(payload),
    createPublicKey(row.publicKeyPem),
    Buffer.from(r.signature, "base64"),
  )
  if (!valid) return { ok: false, reason: "bad_signature" }
  const correctedBy =
    db
      .select({ code: trainingRecords.code })
      .from(trainingRecords)
      .where(eq(trainingRecords.correctsId, r.id))
      .orderBy(desc(trainingRecords.id))
      .get()?.code ?? null
  return {
    ok: true,
    record: {
      code: r.code,
      personName: r.personName,
      contentKey: contentKeyOf(r),
      moduleTitle: row.title ?? row.instructionTitle ?? { da: "", en: "" },
      contentVersion: r.contentVersion,
      score: r.score,
      completedAt: r.completedAt,
      keyId: r.keyId,
      correctsCode: corrects,
      isVoid: r.isVoid,
      correctedBy,
    },
  }
}
