import { describe, expect, it } from 'vitest';
import { diffPlanDocuments } from './plan-diff.js';
import type { PlanDocument, PlanSection } from './plan-document.js';

const doc = (sections: PlanSection[]): PlanDocument => ({
  locale: 'ja',
  organizationName: '梅工業',
  title: 'IT-BCP',
  generatedAt: '2026-12-07T00:00:00.000Z',
  edition: null,
  sections,
});

const policy = (approver: string, extra: string[] = []): PlanSection => ({
  id: 'policy',
  title: '基本方針と適用範囲',
  blocks: [
    { kind: 'subheading', text: '基本方針' },
    { kind: 'paragraph', text: '安全を第一にします。' },
    ...extra.map((text) => ({ kind: 'paragraph' as const, text })),
    { kind: 'paragraph', text: `承認者：${approver}` },
  ],
});

const bia = (rows: string[][], columns = ['業務', '優先度', '目標復旧時間']): PlanSection => ({
  id: 'bia',
  title: '業務影響分析（BIA）',
  blocks: [{ kind: 'table', caption: '業務の優先度', columns, rows }],
});

describe('diffPlanDocuments', () => {
  it('finds nothing between a document and itself', () => {
    const d = doc([policy('社長'), bia([['受付', 'S', '3時間']])]);
    expect(diffPlanDocuments(d, d)).toEqual({ sections: [], isUnchanged: true });
  });

  it('names the paragraphs added and removed, and leaves unchanged sections out', () => {
    const diff = diffPlanDocuments(
      doc([policy('社長'), bia([['受付', 'S', '3時間']])]),
      doc([policy('代表取締役 岡田', ['年に一度見直します。']), bia([['受付', 'S', '3時間']])]),
    );
    expect(diff.isUnchanged).toBe(false);
    expect(diff.sections).toEqual([
      {
        id: 'policy',
        title: '基本方針と適用範囲',
        changes: [
          { kind: 'text_removed', text: '承認者：社長' },
          { kind: 'text_added', text: '年に一度見直します。' },
          { kind: 'text_added', text: '承認者：代表取締役 岡田' },
        ],
      },
    ]);
  });

  it('compares table rows by their first cell: added, removed, and changed cell by cell', () => {
    const diff = diffPlanDocuments(
      doc([
        bia([
          ['受付', 'A', '1日'],
          ['会計', 'B', '3日'],
          ['給与', 'C', '1週間'],
        ]),
      ]),
      doc([
        bia([
          ['受付', 'S', '3時間'],
          ['会計', 'B', '3日'],
          ['予約', 'A', '1日'],
        ]),
      ]),
    );
    expect(diff.sections[0]?.changes).toEqual([
      { kind: 'row_removed', table: '業務の優先度', row: '給与 / C / 1週間' },
      {
        kind: 'row_changed',
        table: '業務の優先度',
        row: '受付',
        cells: [
          { column: '優先度', before: 'A', after: 'S' },
          { column: '目標復旧時間', before: '1日', after: '3時間' },
        ],
      },
      { kind: 'row_added', table: '業務の優先度', row: '予約 / A / 1日' },
    ]);
  });

  it('tells rows with the same first cell apart by their order', () => {
    const diff = diffPlanDocuments(
      doc([
        bia([
          ['PC', 'A', '1日'],
          ['PC', 'B', '2日'],
        ]),
      ]),
      doc([
        bia([
          ['PC', 'A', '1日'],
          ['PC', 'B', '3日'],
        ]),
      ]),
    );
    expect(diff.sections[0]?.changes).toEqual([
      {
        kind: 'row_changed',
        table: '業務の優先度',
        row: 'PC',
        cells: [{ column: '目標復旧時間', before: '2日', after: '3日' }],
      },
    ]);
  });

  it('reports tables, columns, list items and whole sections that appear or go', () => {
    const before = doc([
      bia([['受付', 'S', '3時間']]),
      {
        id: 'backup',
        title: 'バックアップ',
        blocks: [{ kind: 'list', ordered: false, items: ['NAS', 'USB'] }],
      },
    ]);
    const after = doc([
      policy('社長'),
      bia([['受付', 'S']], ['業務', '優先度']),
      {
        id: 'backup',
        title: 'バックアップ',
        blocks: [
          { kind: 'list', ordered: false, items: ['NAS', 'クラウド'] },
          { kind: 'table', caption: '3-2-1', columns: ['対象'], rows: [['会員データ'], ['会計']] },
        ],
      },
    ]);
    const diff = diffPlanDocuments(before, after);
    expect(diff.sections.map((s) => [s.id, s.changes])).toEqual([
      ['policy', [{ kind: 'section_added' }]],
      [
        'bia',
        [
          {
            kind: 'columns_changed',
            table: '業務の優先度',
            before: '業務 / 優先度 / 目標復旧時間',
            after: '業務 / 優先度',
          },
          {
            kind: 'row_changed',
            table: '業務の優先度',
            row: '受付',
            cells: [{ column: '目標復旧時間', before: '3時間', after: '' }],
          },
        ],
      ],
      [
        'backup',
        [
          { kind: 'text_removed', text: 'USB' },
          { kind: 'text_added', text: 'クラウド' },
          { kind: 'table_added', table: '3-2-1', rows: 2 },
        ],
      ],
    ]);
    expect(diffPlanDocuments(after, before).sections.map((s) => s.changes[0]?.kind)).toEqual([
      'columns_changed',
      'text_removed',
      'section_removed',
    ]);
  });
});
