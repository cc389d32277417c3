// Where this end-to-end run serves and keeps its data: shared by playwright.config.ts and the fixtures.
export const port = Number(process.env.PARAT_E2E_PORT ?? 3100)
export const database = `.cache/e2e/parat-${port}.db`
export const baseURL = `http://localhost:${port}`
