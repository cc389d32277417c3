// The actions the audit log records (admin actions and sign-in events) (shared by the log writer and the log page's filter).
export const AUDIT_ACTIONS = [
  "unit.create",
  "unit.rename",
  "unit.move",
  "unit.retire",
  "unit.restore",
  "people.import",
  "person.update",
  "person.deactivate",
  "person.reactivate",
  "person.password_reset",
  "scope.add",
  "scope.remove",
  "cycle.create",
  "cycle.open",
  "cycle.close",
  "person.erase",
  "person.anonymise",
  "report.export",
  "data.purge",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.password_change",
  "auth.password_reset",
  "auth.two_factor_enable",
  "auth.two_factor_disable",
  "auth.recovery_code_use",
  "auth.two_factor_recovery_request",
  "auth.two_factor_recovery",
  "cycle.reminders",
  "person.password_link_mailed",
  "auth.sso_login",
  "auth.sso_refused",
  "sso.settings",
  "register.create",
  "register.update",
  "register.requirement",
  "register.module_changed",
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** The translation key of an action: i18next reads dots as nesting, so "unit.create" becomes "unit_create". */
export function actionKey<A extends AuditAction>(action: A) {
  return action.replace(".", "_") as A extends `${infer G}.${infer N}` ? `${G}_${N}` : never
}
