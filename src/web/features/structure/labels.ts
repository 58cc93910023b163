import type { Site } from '../../../shared/structure.js';
import { prefectureName } from '../../app/prefectures.js';

/**
 * A site's prefecture and address on one line, without naming the prefecture twice when the
 * address already starts with it (in either language).
 *
 * @example
 * placeLine('ja', { prefectureCode: '33', address: '岡山市北区1-1' }) // '岡山県 岡山市北区1-1'
 */
export function placeLine(lang: string, site: Pick<Site, 'prefectureCode' | 'address'>): string {
  const pref = prefectureName(lang, site.prefectureCode);
  const address = site.address ?? '';
  const jaPref = prefectureName('ja', site.prefectureCode);
  if (address && ((jaPref && address.startsWith(jaPref)) || (pref && address.startsWith(pref))))
    return address;
  return [pref, address].filter(Boolean).join(' ');
}
