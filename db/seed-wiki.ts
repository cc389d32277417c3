// Fills the wiki's full-text index from courses/wiki. Idempotent: the whole index is replaced each time.
import { ContentInvalidError, loadAllContent } from "../app/services/content-loader.server"
import { syncWikiIndex } from "../app/services/wiki.server"
import type { Db } from "./client"

export function seedWiki(db: Db, root?: string) {
  const { content, errors } = loadAllContent(root)
  if (!content || errors.length > 0) throw new ContentInvalidError(errors)
  syncWikiIndex(db, content.wiki)
  return content.wiki.length
}
