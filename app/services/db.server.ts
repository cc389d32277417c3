// The one door from services to the database.
export { type Db, type DbOrTx, getDb, type Tx } from "#db/client"
export * as schema from "#db/schema"
