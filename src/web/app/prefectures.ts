import { PREFECTURES, prefectureByCode } from '../../domain/prefectures.js';

/** The 47 prefectures in JIS order, named in the current language ('岡山県' / 'Okayama'). */
export function prefectureOptions(lang: string): { value: string; label: string }[] {
  return PREFECTURES.map((p) => ({ value: p.code, label: lang === 'en' ? p.en : p.ja }));
}

export function prefectureName(lang: string, code: string | null | undefined): string {
  if (!code) return '';
  const p = prefectureByCode(code);
  if (!p) return code;
  return lang === 'en' ? p.en : p.ja;
}
