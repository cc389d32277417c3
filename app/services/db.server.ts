// The one door from services to the database.
export { type Db, getDb } from "#db/client"
export * as schema from "#db/schema"
