import { redirect } from "@remix-run/node"

// Browsers ask for /favicon.ico on documents that are not HTML (a CSV download, for one); the icon is an SVG.
export async function loader() {
  return redirect("/favicon.svg", 301)
}
