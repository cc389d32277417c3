import { RemixBrowser } from "@remix-run/react"
import { createInstance } from "i18next"
import { StrictMode, startTransition } from "react"
import { hydrateRoot } from "react-dom/client"
import { I18nextProvider, initReactI18next } from "react-i18next"
import { i18nOptions } from "./i18n/config"

// The page's language is fixed for its lifetime (switching reloads the document); its translations come
// from the root loader and are added to this instance by the root component.
const i18n = createInstance()
i18n
  .use(initReactI18next)
  .init({ ...i18nOptions, lng: document.documentElement.lang || "da", resources: {}, initAsync: false })

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  )
})
