import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { prefectureName, prefectureOptions } from '../../app/prefectures.js';
import { englishT } from '../../app/test-i18n.js';
import peopleEn from '../../i18n/locales/features/people.en.json' with { type: 'json' };
import { personFormErrors } from './labels.js';

const t = await englishT(peopleEn);

describe('prefectures', () => {
  it('offers all 47 in JIS order, named in the current language', () => {
    const ja = prefectureOptions('ja');
    expect(ja).toHaveLength(47);
    expect(ja[0]).toEqual({ value: '01', label: '北海道' });
    expect(ja[32]).toEqual({ value: '33', label: '岡山県' });
    expect(prefectureOptions('en')[46]).toEqual({ value: '47', label: 'Okinawa' });
  });

  it('names a code, and shows an unknown code as it is', () => {
    expect(prefectureName('en', '33')).toBe('Okayama');
    expect(prefectureName('ja', '13')).toBe('東京都');
    expect(prefectureName('ja', null)).toBe('');
    expect(prefectureName('ja', '99')).toBe('99');
  });
});

describe('personFormErrors', () => {
  const fallback = () => 'fallback';

  it('puts people issue codes under their fields, translated', () => {
    const err = new ApiError(400, 'validation_failed', {}, [
      { path: ['nameKana'], code: 'invalid_kana' },
      { path: ['email'], code: 'invalid_email' },
      { path: ['siteId'], code: 'unknown_site' },
    ]);
    const { fieldErrors, formError } = personFormErrors(t, err, ['nameKana', 'email', 'siteId'], fallback);
    expect(fieldErrors).toEqual({
      nameKana: 'Use katakana or hiragana',
      email: 'This is not an email address (e.g. name@example.com)',
      siteId: expect.stringContaining('No site has this name'),
    });
    expect(formError).toBeNull();
  });

  it('falls back to the general issue texts and folds unknown fields into the form message', () => {
    const err = new ApiError(400, 'validation_failed', {}, [
      { path: ['name'], code: 'too_big', params: { maximum: 200 } },
      { path: ['other'], code: 'invalid_kana' },
    ]);
    const { fieldErrors, formError } = personFormErrors(t, err, ['name'], fallback);
    expect(fieldErrors.name).toContain('200');
    expect(formError).toBe('Use katakana or hiragana');
  });

  it('uses the fallback for errors without field issues', () => {
    const err = new ApiError(409, 'duplicate');
    expect(personFormErrors(t, err, ['name'], fallback)).toEqual({
      fieldErrors: {},
      formError: 'fallback',
    });
  });
});
