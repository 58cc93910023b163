import { describe, expect, it } from 'vitest';
import { asText, entryTarget, summaryRows } from './summary.js';

describe('summaryRows', () => {
  it('puts before and after side by side and marks changed fields', () => {
    const { changes } = summaryRows({
      before: { name: 'A', kind: 'shop' },
      after: { name: 'B', kind: 'shop' },
    });
    expect(changes).toEqual([
      { field: 'name', before: 'A', after: 'B', changed: true },
      { field: 'kind', before: 'shop', after: 'shop', changed: false },
    ]);
  });

  it('lists fields only present on one side (create, delete)', () => {
    const { changes } = summaryRows({ after: { name: '<script>alert(1)</script>' } });
    expect(changes).toEqual([
      { field: 'name', before: '', after: '<script>alert(1)</script>', changed: true },
    ]);
  });

  it('shows details and unknown top-level keys as text', () => {
    const { details } = summaryRows({ details: { rows: 3, nested: { a: 1 } }, extra: true });
    expect(details).toEqual([
      { field: 'rows', before: '', after: '3', changed: false },
      { field: 'nested', before: '', after: '{"a":1}', changed: false },
      { field: 'extra', before: '', after: 'true', changed: false },
    ]);
  });

  it('ignores a before/after that is not an object', () => {
    expect(summaryRows({ before: 'x', after: [1] }).changes).toEqual([]);
  });
});

describe('asText', () => {
  it('renders null and undefined as empty', () => {
    expect(asText(null)).toBe('');
    expect(asText(undefined)).toBe('');
  });
});

describe('entryTarget', () => {
  it('names the record from after, then before, then details', () => {
    expect(entryTarget({ after: { name: '倉敷店' }, before: { name: '旧' } })).toBe('倉敷店');
    expect(entryTarget({ before: { displayName: '岡田' } })).toBe('岡田');
    expect(entryTarget({ details: { fileName: 'people.csv' } })).toBe('people.csv');
    expect(entryTarget({ after: { kind: 'shop' } })).toBe('');
  });

  it('shortens very long names', () => {
    expect(entryTarget({ after: { name: 'x'.repeat(200) } })).toHaveLength(80);
  });
});
