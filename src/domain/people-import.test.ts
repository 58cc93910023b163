import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  exportCells,
  exportHeaders,
  type ImportLookups,
  mapHeaders,
  parseEmploymentStatus,
  validateRow,
} from './people-import.js';
import {
  decodeText,
  duplicateInFile,
  guardFormula,
  isBlankRow,
  lookupKey,
  unguardFormula,
} from './spreadsheet.js';

const lookups: ImportLookups = {
  sites: new Map([[lookupKey('岡山本社'), 'site-1']]),
  departments: new Map([[lookupKey('IT'), 'dept-1']]),
};

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    const withBom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('氏名\n山田')]));
    expect(withBom).toEqual({ ok: true, text: '氏名\n山田', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('name\nYamada'))).toEqual({
      ok: true,
      text: 'name\nYamada',
      encoding: 'utf-8',
    });
  });

  it('detects and reads Shift_JIS / CP932', () => {
    const text = '氏名,フリガナ\n髙橋①,タカハシ\n';
    const r = decodeText(iconv.encode(text, 'cp932'));
    expect(r).toEqual({ ok: true, text, encoding: 'shift_jis' });
  });

  it('refuses UTF-16, binary and undecodable bytes', () => {
    expect(decodeText(iconv.encode('\uFEFFname', 'utf16le')).ok).toBe(false);
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])).ok).toBe(false);
    expect(decodeText(new Uint8Array([0x82, 0xff, 0xff, 0xfe, 0x80])).ok).toBe(false);
  });
});

describe('mapHeaders', () => {
  it('maps Japanese and English headers, ignoring case, width and separators', () => {
    expect(
      mapHeaders(['社員番号', '氏名', 'フリガナ', 'メールアドレス', '電話番号', 'チャットＩＤ']),
    ).toEqual({
      ok: true,
      fields: ['employeeNumber', 'name', 'nameKana', 'email', 'phone', 'chatHandle'],
    });
    expect(
      mapHeaders([
        'Employee Number',
        'NAME',
        'home_prefecture',
        'Employment-Status',
        'site',
        'department',
        '',
      ]),
    ).toEqual({
      ok: true,
      fields: ['employeeNumber', 'name', 'homePrefecture', 'employmentStatus', 'site', 'department', null],
    });
    expect(mapHeaders(['\uFEFF氏名', '拠点', '部署', '自宅都道府県', '雇用区分']).ok).toBe(true);
  });

  it('names the missing, unknown and repeated headers', () => {
    expect(mapHeaders(['email', 'shoe_size'])).toEqual({
      ok: false,
      missing: ['氏名 / name'],
      unknown: ['shoe_size'],
      duplicate: [],
    });
    expect(mapHeaders(['name', '氏名'])).toMatchObject({ ok: false, duplicate: ['氏名'] });
  });
});

describe('validateRow', () => {
  const fields = mapHeaders([
    '社員番号',
    '氏名',
    'フリガナ',
    'メールアドレス',
    '電話番号',
    'チャットID',
    '拠点',
    '部署',
    '自宅都道府県',
    '雇用区分',
  ]);
  if (!fields.ok) throw new Error('headers');

  it('accepts a full row, resolving names, prefecture and status labels', () => {
    const r = validateRow(
      [
        'E001',
        '山田 太郎',
        'ﾔﾏﾀﾞ ﾀﾛｳ',
        'taro@example.jp',
        '０８６-１２３-４５６７',
        '@taro',
        '岡山本社 ',
        'it',
        '岡山',
        'パート・アルバイト',
      ],
      fields.fields,
      2,
      lookups,
    );
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      row: 2,
      employeeNumber: 'E001',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      email: 'taro@example.jp',
      phone: '086-123-4567',
      chatHandle: '@taro',
      siteId: 'site-1',
      departmentId: 'dept-1',
      homePrefecture: '33',
      employmentStatus: 'part_time',
    });
  });

  it('defaults the employment status and leaves blanks null', () => {
    const r = validateRow(['', '佐藤'], fields.fields, 3, lookups);
    expect(r.value).toMatchObject({
      name: '佐藤',
      employmentStatus: 'full_time',
      employeeNumber: null,
      siteId: null,
    });
  });

  it('reads Japanese dashes in phone numbers as hyphens', () => {
    const r = validateRow(['', '山田', '', '', '086−123ー4567'], fields.fields, 2, lookups);
    expect(r.value?.phone).toBe('086-123-4567');
  });

  it('reports every bad field of a row with its row number', () => {
    const r = validateRow(
      ['', '', 'yamada', 'not-an-email', 'call me', 'x', '大阪支店', '営業', 'Atlantis', 'intern'],
      fields.fields,
      7,
      lookups,
    );
    expect(r.value).toBeNull();
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [7, 'name', 'required'],
      [7, 'nameKana', 'invalid_kana'],
      [7, 'email', 'invalid_email'],
      [7, 'phone', 'invalid_phone'],
      [7, 'site', 'unknown_site'],
      [7, 'department', 'unknown_department'],
      [7, 'homePrefecture', 'unknown_prefecture'],
      [7, 'employmentStatus', 'unknown_employment_status'],
    ]);
  });

  it('reports too-long values and extra cells', () => {
    const r = validateRow(
      ['', 'x'.repeat(201), '', '', '', '', '', '', '', '', 'extra'],
      fields.fields,
      4,
      lookups,
    );
    expect(r.errors).toEqual([
      { row: 4, code: 'column_count', params: { expected: 10 } },
      { row: 4, field: 'name', code: 'too_long', params: { maximum: 200 } },
    ]);
  });

  it('keeps script and SQL text as plain text', () => {
    const r = validateRow(
      ['', "<script>alert(1)</script>'; DROP TABLE people; --"],
      fields.fields,
      2,
      lookups,
    );
    expect(r.value?.name).toBe("<script>alert(1)</script>'; DROP TABLE people; --");
  });
});

describe('helpers', () => {
  it('parses employment statuses by code and label', () => {
    expect(parseEmploymentStatus('full_time')).toBe('full_time');
    expect(parseEmploymentStatus('正社員')).toBe('full_time');
    expect(parseEmploymentStatus('Part-time')).toBe('part_time');
    expect(parseEmploymentStatus('ON LEAVE')).toBe('on_leave');
    expect(parseEmploymentStatus('役員')).toBe('executive');
    expect(parseEmploymentStatus('boss')).toBeUndefined();
  });

  it('finds employee numbers repeated in a file', () => {
    const seen = new Map<string, number>();
    expect(duplicateInFile(seen, 'A1', 2, 'employeeNumber')).toBeNull();
    expect(duplicateInFile(seen, null, 3, 'employeeNumber')).toBeNull();
    expect(duplicateInFile(seen, 'A1', 5, 'employeeNumber')).toEqual({
      row: 5,
      field: 'employeeNumber',
      code: 'duplicate_in_file',
      params: { firstRow: 2 },
    });
  });

  it('guards formulas on export and unguards them on import', () => {
    expect(guardFormula('=1+1')).toBe("'=1+1");
    expect(guardFormula('+81 86')).toBe("'+81 86");
    expect(guardFormula('山田')).toBe('山田');
    expect(unguardFormula("'=1+1")).toBe('=1+1');
    expect(unguardFormula("'; DROP")).toBe("'; DROP");
  });

  it('skips blank rows', () => {
    expect(isBlankRow(['', ' '])).toBe(true);
    expect(isBlankRow(['', 'a'])).toBe(false);
  });

  it('exports labels in the language asked for, and the import reads them back', () => {
    const person = {
      employeeNumber: 'E1',
      name: '山田',
      nameKana: null,
      email: null,
      phone: null,
      chatHandle: null,
      siteName: '岡山本社',
      departmentName: 'IT',
      homePrefecture: '33',
      employmentStatus: 'contract' as const,
    };
    for (const lang of ['ja', 'en'] as const) {
      const headers = mapHeaders(exportHeaders(lang));
      if (!headers.ok) throw new Error('headers');
      const cells = exportCells(person, lang);
      expect(cells[8]).toBe(lang === 'ja' ? '岡山県' : 'Okayama');
      const back = validateRow(cells, headers.fields, 2, lookups).value;
      expect(back).toMatchObject({
        employeeNumber: 'E1',
        siteId: 'site-1',
        homePrefecture: '33',
        employmentStatus: 'contract',
      });
    }
  });
});
