import type { LoaderFunctionArgs } from "@remix-run/node"
import { TEMPLATE_EXAMPLE, TEMPLATE_HEADER } from "~/domain/hr-export"
import { requireRole } from "~/services/auth.server"
import { csvDownload } from "~/utils/csv-download"

/** The import template: Danish headers as an HR export has them and one example row, ready for Danish Excel. */
export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin")
  return csvDownload(request, [TEMPLATE_HEADER, TEMPLATE_EXAMPLE], "parat-personer-skabelon.csv")
}
