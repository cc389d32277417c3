import { useSyncExternalStore } from "react"

const subscribe = () => () => {}

/** False in the server's HTML and during hydration, true afterwards: for parts that exist only in the browser. */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
