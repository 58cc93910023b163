/**
 * Fields whose value never reaches the audit log or the server log, matched by exact name at any
 * depth. Never by substring: a substring rule once hid 調査・復旧費用 (`investigation_recovery`,
 * it contains "recovery") and a password-change note (`otherSessionsEnded`, "session") in the
 * audit trail. The server test harness checks every audit entry the tests write against this list
 * and the kept list (test/audit-fields.ts), so a new audited field has to be placed in one.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'tokenHash',
  'token_hash',
  'csrfToken',
  'secret',
  'mfaSecret',
  'mfa_secret',
  'recoveryCode',
  'recoveryCodes',
  'sessionId',
]);
