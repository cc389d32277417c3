import { pageMeta } from "~/utils/page-title"

// Every address no other route takes. Answering it here (not by the router's own 404) runs the root loader, so the
// page keeps its language, its translations in the browser and the signed-in header.
export function loader() {
  throw new Response("Not found", { status: 404 })
}

export function action() {
  throw new Response("Not found", { status: 404 })
}

export default function NotFound() {
  return null
}

export const meta = pageMeta(() => null)
