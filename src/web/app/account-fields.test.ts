import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json' with { type: 'json' };
import { invalidWhen, passwordHint } from './account-fields.js';
import { PASSWORD_MIN_LENGTH } from './policy.js';
import { englishT } from './test-i18n.js';

const t = await englishT();

describe('password fields', () => {
  it('are aria-invalid only while they show an error', () => {
    expect(invalidWhen('Wrong password')).toEqual({ 'aria-invalid': true });
    expect(invalidWhen(undefined)).toEqual({});
    expect(invalidWhen('')).toEqual({});
    expect(invalidWhen(null)).toEqual({});
  });

  it('state the rules with the minimum length', () => {
    expect(en.password.hint).toContain('{{minimum}}');
    expect(passwordHint(t)).toContain(String(PASSWORD_MIN_LENGTH));
  });
});
