import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../shared/problem.js';
import { ApiError } from './api.js';
import { PASSWORD_MIN_LENGTH } from './policy.js';

/** Values a message needs when the server did not send them. */
const DEFAULT_PARAMS: Record<string, Record<string, string | number>> = {
  password_too_short: { minimum: PASSWORD_MIN_LENGTH },
};

/** The translated sentence for an API error, e.g. errors.invalid_credentials. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const params = {
      ...DEFAULT_PARAMS[err.code],
      ...err.params,
      ...formatParams(err.params),
      ...localizedParams(err.params),
    };
    return t(`errors.${err.code}`, { ...params, defaultValue: t('errors.unknown_error') });
  }
  return t('errors.unknown_error');
}

/** Dates in params (e.g. account_locked's `until`) are shown in the reader's zone. */
function formatParams(params: Record<string, string | number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) out[key] = formatDateTime(value);
  }
  return out;
}

/**
 * A value the server sends in both languages (`item_ja` / `item_en`: an item's measure) as `item`
 * in the reader's language, so a sentence names a thing as the reader knows it; the machine
 * value (e.g. `itemId`) stays beside it.
 * @example localizedParams({ itemId: 'telework/rdp', item_ja: 'RDPを無効化', item_en: 'Turn RDP off' }) // { item: 'Turn RDP off' } (en)
 */
export function localizedParams(params: Record<string, string | number> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    const m = /^(.+)_ja$/.exec(key);
    const en = m ? params?.[`${m[1]}_en`] : undefined;
    if (!m?.[1] || en === undefined) continue;
    out[m[1]] = String(currentLanguage === 'en' ? en : value);
  }
  return out;
}

/** The translated sentence for one field issue, e.g. issues.too_small with {{minimum}}. */
export function issueMessage(t: TFunction, issue: Pick<FieldIssue, 'code' | 'params'>): string {
  const params = { ...DEFAULT_PARAMS[issue.code], ...issue.params, ...localizedParams(issue.params) };
  // A string that must have at least one character is simply a required field.
  if (issue.code === 'too_small' && Number(params.minimum) === 1) return t('issues.required');
  // Rule codes sent as field issues (e.g. mfa_invalid on `code`) reuse the error sentence.
  const fallback = t(`errors.${issue.code}`, { ...params, defaultValue: t('issues.invalid') });
  return t(`issues.${issue.code}`, { ...params, defaultValue: fallback });
}

/**
 * Splits an API error into messages for the form's fields and one message for the whole form.
 * Issues whose field is not on the form are folded into the form-level message.
 *
 * @example
 * const { fieldErrors, formError } = formErrorsFrom(t, err, ['email', 'password']);
 */
export function formErrorsFrom(
  t: TFunction,
  err: unknown,
  fields: readonly string[],
): { fieldErrors: Record<string, string>; formError: string | null } {
  const fieldErrors: Record<string, string> = {};
  if (!(err instanceof ApiError)) return { fieldErrors, formError: errorMessage(t, err) };
  const unplaced: string[] = [];
  for (const issue of err.issues) {
    const path = issue.path.map(String).join('.');
    const field = fields.find((f) => f === path) ?? fields.find((f) => f === String(issue.path[0] ?? ''));
    const message = issueMessage(t, issue);
    if (field && !fieldErrors[field]) fieldErrors[field] = message;
    else if (!field) unplaced.push(message);
  }
  // Password policy errors come as plain codes; show them on the password field when there is one.
  const passwordField = fields.find((f) => f === 'password' || f === 'newPassword');
  if (err.code.startsWith('password_') && err.code !== 'password_wrong' && passwordField) {
    fieldErrors[passwordField] = errorMessage(t, err);
    return { fieldErrors, formError: null };
  }
  if (err.code === 'password_wrong') {
    const current = fields.find((f) => f === 'currentPassword' || f === 'password');
    if (current) {
      fieldErrors[current] = errorMessage(t, err);
      return { fieldErrors, formError: null };
    }
  }
  if (err.code === 'validation_failed' && Object.keys(fieldErrors).length > 0 && unplaced.length === 0) {
    return { fieldErrors, formError: null };
  }
  const formError =
    err.code === 'validation_failed' && unplaced.length > 0 ? unplaced.join(' ') : errorMessage(t, err);
  return { fieldErrors, formError };
}

/** Whether an error is one the user did not cause and a form cannot explain (server down, bug). */
export function isUnexpected(err: unknown): boolean {
  if (!(err instanceof ApiError)) return !(err instanceof DOMException && err.name === 'AbortError');
  return err.status === 0 || err.status >= 500;
}

let currentLanguage = 'ja';
export function setFormatLanguage(lang: string): void {
  currentLanguage = lang;
}

/**
 * The app's one way of writing dates (issue 9 item 10): 2026/12/25 in Japanese, 25 Dec 2026 in
 * English; a time follows as 10:00. Every date shown goes through formatDate or formatDateTime.
 */
const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(currentLanguage === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', ...options });

/** A date-time in the reader's own time zone and language: 2026/12/25 10:00. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat({ timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/**
 * A calendar date (YYYY-MM-DD: a due date, an end of support) in the same format: 2026/12/25.
 * Written as the day it names, in no time zone.
 * @example formatDate('2026-12-25') // '2026/12/25' (ja), '25 Dec 2026' (en)
 */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) {
    const instant = new Date(isoDate);
    return Number.isNaN(instant.getTime()) ? isoDate : dateFormat({}).format(instant);
  }
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat({ timeZone: 'UTC' }).format(date);
}
