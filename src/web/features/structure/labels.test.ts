import { describe, expect, it } from 'vitest';
import { placeLine } from './labels.js';

describe('placeLine', () => {
  it('puts the prefecture before the address', () => {
    expect(placeLine('ja', { prefectureCode: '33', address: '岡山市北区1-1' })).toBe('岡山県 岡山市北区1-1');
    expect(placeLine('en', { prefectureCode: '33', address: 'Kita-ku 1-1' })).toBe('Okayama Kita-ku 1-1');
  });

  it('does not repeat a prefecture the address already names, in either language', () => {
    expect(placeLine('en', { prefectureCode: '13', address: '東京都千代田区' })).toBe('東京都千代田区');
    expect(placeLine('ja', { prefectureCode: '13', address: '東京都千代田区' })).toBe('東京都千代田区');
  });

  it('shows what there is', () => {
    expect(placeLine('ja', { prefectureCode: null, address: '大阪市' })).toBe('大阪市');
    expect(placeLine('ja', { prefectureCode: '27', address: null })).toBe('大阪府');
    expect(placeLine('ja', { prefectureCode: null, address: null })).toBe('');
  });
});
