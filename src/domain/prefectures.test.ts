import { describe, expect, it } from 'vitest';
import { findPrefecture, PREFECTURES, prefectureByCode } from './prefectures.js';

describe('prefectures', () => {
  it('lists the 47 prefectures with codes 01…47 in order', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES.map((p) => p.code)).toEqual(
      Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(new Set(PREFECTURES.map((p) => p.ja)).size).toBe(47);
    expect(prefectureByCode('33')).toEqual({ code: '33', ja: '岡山県', en: 'Okayama' });
    expect(prefectureByCode('13')?.ja).toBe('東京都');
    expect(prefectureByCode('48')).toBeUndefined();
  });

  it('finds by code, Japanese name with or without suffix, English in any case', () => {
    expect(findPrefecture('33')?.ja).toBe('岡山県');
    expect(findPrefecture('1')?.ja).toBe('北海道');
    expect(findPrefecture('３３')?.en).toBe('Okayama');
    expect(findPrefecture('岡山県')?.code).toBe('33');
    expect(findPrefecture('岡山')?.code).toBe('33');
    expect(findPrefecture('東京')?.code).toBe('13');
    expect(findPrefecture('大阪府')?.code).toBe('27');
    expect(findPrefecture('京都')?.code).toBe('26');
    expect(findPrefecture('北海道')?.code).toBe('01');
    expect(findPrefecture('OKAYAMA')?.code).toBe('33');
    expect(findPrefecture('okayama prefecture')?.code).toBe('33');
    expect(findPrefecture(' Tokyo ')?.code).toBe('13');
    expect(findPrefecture('')).toBeUndefined();
    expect(findPrefecture('99')).toBeUndefined();
    expect(findPrefecture('Atlantis')).toBeUndefined();
  });

  it('finds every prefecture by each of its names', () => {
    for (const p of PREFECTURES) {
      expect(findPrefecture(p.ja)).toBe(p);
      expect(findPrefecture(p.en.toUpperCase())).toBe(p);
      expect(findPrefecture(p.code)).toBe(p);
    }
  });
});
