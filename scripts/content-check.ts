// npm run content:check: validates everything under courses/ and lists each problem with file and line.
import { checkContent } from "../app/services/content-check.server"
import { formatContentError } from "../app/services/content-loader.server"

const { errors, summary } = checkContent()
if (errors.length > 0) {
  console.error(`Content check failed with ${errors.length} problem(s):`)
  for (const e of errors) console.error(`  ${formatContentError(e)}`)
  process.exit(1)
}
console.log(`Content check passed: ${summary}`)
