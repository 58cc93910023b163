import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTINGS, SUPPLIER_KINDS } from './inventory.js';
import { inventoryCell, ownerOf, readInventoryCells } from './inventory-file.js';
import { fileDate } from './spreadsheet.js';

const screen = (lang: 'ja' | 'en') =>
  JSON.parse(fs.readFileSync(`src/web/i18n/locales/features/inventory.${lang}.json`, 'utf8')).inventory
    .options as Record<string, Record<string, string>>;

describe('inventory cells in the user words', () => {
  it('reads every label the screen shows, in both languages, and writes them back the same', () => {
    for (const lang of ['ja', 'en'] as const) {
      const options = screen(lang);
      for (const h of HOSTINGS) {
        const label = options.hosting?.[h] ?? '';
        expect(readInventoryCells(['hosting'], [label], 2).input).toEqual({ hosting: h });
        expect(inventoryCell('hosting', h, lang)).toBe(label);
      }
      for (const k of SUPPLIER_KINDS)
        expect(readInventoryCells(['kind'], [options.supplierKind?.[k] ?? ''], 2).input).toEqual({ kind: k });
      for (const s of ['client', 'server'])
        expect(readInventoryCells(['side'], [options.side?.[s] ?? ''], 2).input).toEqual({ side: s });
      for (const n of [1, 2, 3, 4, 5])
        expect(readInventoryCells(['layer'], [options.layer?.[n] ?? ''], 2).input).toEqual({ layer: n });
    }
  });

  it('takes codes, short words, any width and spacing; names an unknown word', () => {
    const read = (w: string) => readInventoryCells(['hosting'], [w], 4);
    expect(read('ＳａａＳ').input).toEqual({ hosting: 'saas' });
    expect(read('on_premises').input).toEqual({ hosting: 'on_premises' });
    expect(read(' 社内 に 設置 ').input).toEqual({ hosting: 'on_premises' });
    expect(readInventoryCells(['kind'], ['ISP'], 2).input).toEqual({ kind: 'isp' });
    expect(readInventoryCells(['layer'], ['ハードウェア'], 2).input).toEqual({ layer: 3 });
    expect(read('月面').errors).toEqual([{ row: 4, field: 'hosting', code: 'choice_unknown' }]);
  });

  it('links an owner by name, keeps the linked person, leaves other names as text', () => {
    const people = new Map([
      ['受付 花子', [{ id: 'p1', active: true }]],
      [
        '山田 太郎',
        [
          { id: 'p2', active: true },
          { id: 'p3', active: true },
        ],
      ],
    ]);
    expect(ownerOf('受付 花子', people, null)).toEqual({ ownerPersonId: 'p1', ownerText: null });
    expect(ownerOf('山田 太郎', people, 'p3')).toEqual({ ownerPersonId: 'p3' });
    expect(ownerOf('山田 太郎', people, null)).toEqual({ ownerPersonId: null, ownerText: '山田 太郎' });
    expect(ownerOf(null, people, 'p1')).toEqual({ ownerPersonId: null, ownerText: null });
  });

  it("dates file names in the organization's time zone", () => {
    expect(fileDate(new Date('2026-03-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-04-01');
    expect(fileDate(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-03-31');
  });
});
