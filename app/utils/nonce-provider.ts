import { createContext, useContext } from "react"

// The CSP nonce of this response (set by the server for each request), so Remix's inline scripts may run.
const NonceContext = createContext<string>("")

export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
