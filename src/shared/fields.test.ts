import { describe, expect, it } from 'vitest';
import { checkMultilineText, checkSingleLineText, isRealDate, showHidden } from '../domain/text-rules.js';
import { isoDate, multilineText, text } from './fields.js';

describe('isoDate', () => {
  it('accepts real days, leap days in leap years only', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])
      expect(isRealDate(d), d).toBe(true);
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-45',
      '0000-00-00',
      '2024-00-10',
      '2024-01-00',
    ])
      expect(isRealDate(d), d).toBe(false);
  });

  it('says whether the shape or the day is wrong', () => {
    const issue = (v: string) =>
      isoDate()
        .safeParse(v)
        .error?.issues.map((i) => i.message);
    expect(issue('2024-02-29')).toBeUndefined();
    expect(issue('2023-02-29')).toEqual(['date_does_not_exist']);
    expect(issue('2024/02/01')).toEqual(['invalid_date']);
    expect(issue('2024-2-1')).toEqual(['invalid_date']);
    expect(issue('２０２４-０１-０１')).toEqual(['invalid_date']);
  });
});

describe('text and multilineText', () => {
  it('refuses control, bidi, zero-width characters and lone surrogates in one line, naming the character', () => {
    expect(checkSingleLineText('山田 太郎')).toBeNull();
    expect(checkSingleLineText('Café 👨‍👩‍👧')).toEqual({
      code: 'text_invisible_character',
      character: 'U+200D',
    });
    for (const [s, ch] of [
      ['a\u0000b', 'U+0000'],
      ['\u001b[31mred', 'U+001B'],
      ['a\u007fb', 'U+007F'],
      ['a\u0085b', 'U+0085'],
      ['a\u009bb', 'U+009B'],
      ['gpj\u202Eexe', 'U+202E'],
      ['a\u2066b', 'U+2066'],
      ['a\u200eb', 'U+200E'],
      ['a\u200bb', 'U+200B'],
      ['a\ufeffb', 'U+FEFF'],
      ['a\ud800b', 'U+D800'],
    ] as const)
      expect(checkSingleLineText(s), s).toEqual({ code: 'text_invisible_character', character: ch });
    expect(checkSingleLineText('a\nb')).toEqual({ code: 'text_line_break', character: 'U+000A' });
    expect(checkSingleLineText('a\tb')).toEqual({ code: 'text_line_break', character: 'U+0009' });
    expect(checkSingleLineText('😀')).toBeNull();
  });

  it('lets multi-line text keep tabs, line breaks and zero-width joiners, not controls or bidi overrides', () => {
    expect(checkMultilineText('一行目\n二行目\r\n\t三行目 👨‍👩‍👧')).toBeNull();
    expect(checkMultilineText('a\rb')).toEqual({ code: 'text_invisible_character', character: 'U+000D' });
    expect(checkMultilineText('a\u0000b')?.character).toBe('U+0000');
    expect(checkMultilineText('a\u202eb')?.character).toBe('U+202E');
    expect(checkMultilineText('a\u009bb')?.character).toBe('U+009B');
  });

  it('as zod schemas: an issue the web app translates, with the character', () => {
    const r = text().trim().max(10).safeParse('a\u202Eb');
    expect(r.error?.issues).toMatchObject([
      { code: 'custom', message: 'text_invisible_character', params: { character: 'U+202E' } },
    ]);
    expect(multilineText().safeParse('a\nb').success).toBe(true);
    expect(text().trim().min(1).safeParse('  name  ').data).toBe('name');
  });
});

describe('showHidden', () => {
  it('names each hidden character so a message can show it without being reordered or cut', () => {
    expect(showHidden('メモ\u202Egpj')).toBe('メモ<U+202E>gpj');
    expect(showHidden('a\u0000b\u200Bc\nd')).toBe('a<U+0000>b<U+200B>c<U+000A>d');
    expect(showHidden('普通の見出し')).toBe('普通の見出し');
  });
});
