import { expect, test } from "vitest"

test("every audit action has a translation key without dots", async () => {
  const { AUDIT_ACTIONS, actionKey } = await import("~/domain/admin-audit")
  const { resources } = await import("~/i18n/resources")
  for (const action of AUDIT_ACTIONS) {
    expect(resources.da.admin.audit.actions[actionKey(action)]).toBeTruthy()
    expect(resources.en.admin.audit.actions[actionKey(action)]).toBeTruthy()
  }
})
