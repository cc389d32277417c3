import { isSeeded } from "~/services/health.server"

/** Liveness for the test runner and load balancers: the database answers. */
export async function loader() {
  return new Response(`ok ${isSeeded() ? "seeded" : "empty"}`, { headers: { "Content-Type": "text/plain" } })
}
