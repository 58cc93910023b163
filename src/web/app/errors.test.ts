import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json' with { type: 'json' };
import { ApiError } from './api.js';
import {
  errorMessage,
  formatDate,
  formatDateTime,
  formErrorsFrom,
  issueMessage,
  setFormatLanguage,
} from './errors.js';

let t: TFunction;
beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({
    lng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    showSupportNotice: false, // no advert for i18next's vendor in the console or the test log
  });
  t = i18n.t;
  setFormatLanguage('en');
});

describe('API errors in the user language', () => {
  it('translates a code and fills its params', () => {
    expect(errorMessage(t, new ApiError(401, 'invalid_credentials'))).toBe(en.errors.invalid_credentials);
    const tooShort = errorMessage(t, new ApiError(400, 'password_too_short'));
    expect(tooShort).toContain('12'); // the minimum is known even when the server omits it
  });

  it('shows the lock end as a date, not an ISO string', () => {
    const msg = errorMessage(t, new ApiError(423, 'account_locked', { until: '2026-11-28T05:00:00.000Z' }));
    expect(msg).not.toContain('2026-11-28T05');
    expect(msg).toMatch(/2026/);
  });

  it('falls back to a general sentence for an unknown code or a network failure', () => {
    expect(errorMessage(t, new ApiError(418, 'teapot'))).toBe(en.errors.unknown_error);
    expect(errorMessage(t, new TypeError('x'))).toBe(en.errors.unknown_error);
  });

  it('turns a one-character minimum into "required" and keeps other minimums', () => {
    expect(issueMessage(t, { code: 'too_small', params: { minimum: 1 } })).toBe(en.issues.required);
    expect(issueMessage(t, { code: 'too_small', params: { minimum: 3 } })).toContain('3');
    expect(issueMessage(t, { code: 'mfa_invalid' })).toBe(en.errors.mfa_invalid);
  });

  it('puts field issues under their fields and the rest above the form', () => {
    const err = new ApiError(400, 'validation_failed', {}, [
      { path: ['email'], code: 'invalid_format' },
      { path: [], code: 'unrecognized_keys' },
    ]);
    const { fieldErrors, formError } = formErrorsFrom(t, err, ['email', 'password']);
    expect(fieldErrors).toEqual({ email: en.issues.invalid_format });
    expect(formError).toContain(en.issues.unrecognized_keys);
  });

  it('shows password policy refusals on the password field', () => {
    const err = new ApiError(400, 'password_too_common');
    const { fieldErrors, formError } = formErrorsFrom(t, err, ['currentPassword', 'newPassword']);
    expect(fieldErrors.newPassword).toBe(en.errors.password_too_common);
    expect(formError).toBeNull();
    const wrong = formErrorsFrom(t, new ApiError(400, 'password_wrong'), ['currentPassword', 'newPassword']);
    expect(wrong.fieldErrors.currentPassword).toBe(en.errors.password_wrong);
  });
});

describe('dates in one format', () => {
  it("writes calendar dates and date-times alike, in the reader's language", () => {
    setFormatLanguage('ja');
    expect(formatDate('2026-12-25')).toBe('2026/12/25');
    expect(formatDate('2026-01-05')).toBe('2026/01/05');
    expect(formatDateTime('2026-12-25T01:00:00.000Z', 'Asia/Tokyo')).toBe('2026/12/25 10:00');
    setFormatLanguage('en');
    expect(formatDate('2026-12-25')).toBe('25 Dec 2026');
    expect(formatDateTime('2026-12-25T01:00:00.000Z', 'Asia/Tokyo')).toBe('25 Dec 2026, 10:00');
    // A calendar date is the day it names wherever the reader is (no shift to the day before).
    expect(formatDate('2026-03-01')).toBe('1 Mar 2026');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
