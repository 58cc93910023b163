import { describe, expect, it } from 'vitest';
import inventoryEn from '../i18n/locales/features/inventory.en.json' with { type: 'json' };
import peopleEn from '../i18n/locales/features/people.en.json' with { type: 'json' };
import { ApiError } from './api.js';
import { featureIssueText, splitFeatureIssues } from './feature-issues.js';
import { englishT } from './test-i18n.js';

const t = await englishT(peopleEn, inventoryEn);

describe('featureIssueText', () => {
  it("uses the feature's own sentence for its codes", () => {
    expect(featureIssueText(t, 'people', { code: 'invalid_kana' })).toBe('Use katakana or hiragana');
  });

  it('falls back to the general sentence, with its parameters', () => {
    expect(featureIssueText(t, 'people', { code: 'too_big', params: { maximum: 200 } })).toContain('200');
    expect(featureIssueText(t, 'inventory', { code: 'too_small', params: { minimum: 1 } })).toBe(
      t('issues.required'),
    );
  });
});

describe('splitFeatureIssues', () => {
  const fallback = () => 'fallback';
  const err = new ApiError(400, 'validation_failed', {}, [
    { path: ['email'], code: 'invalid_email' },
    { path: ['email'], code: 'too_big', params: { maximum: 254 } },
    { path: ['matrix', 2, 3], code: 'invalid_kana' },
  ]);

  it('puts the first issue of each field under it and joins the rest into one sentence', () => {
    const { fieldErrors, formError } = splitFeatureIssues(t, 'people', err, ['email'], fallback);
    expect(fieldErrors).toEqual({ email: 'This is not an email address (e.g. name@example.com)' });
    expect(formError).toBe('Use katakana or hiragana');
  });

  it('names the path of an unplaced issue when asked', () => {
    const { formError } = splitFeatureIssues(t, 'people', err, ['email'], fallback, { withPath: true });
    expect(formError).toBe('matrix.2.3: Use katakana or hiragana');
  });

  it('has no form message when every issue has its field', () => {
    const { formError } = splitFeatureIssues(t, 'people', err, ['email', 'matrix'], fallback);
    expect(formError).toBeNull();
  });

  it('says an error without field issues with the fallback', () => {
    expect(splitFeatureIssues(t, 'inventory', new ApiError(404, 'not_found'), ['name'], fallback)).toEqual({
      fieldErrors: {},
      formError: 'fallback',
    });
    expect(splitFeatureIssues(t, 'inventory', new Error('x'), ['name'], fallback).formError).toBe('fallback');
  });
});
