/**
 * What changed between two editions of the IT-BCP (issue 10: "any two editions can be compared").
 * Section by section: text lines (paragraphs, subheadings, list items, notes) added or removed,
 * tables added or removed, and a table's rows added, removed or changed cell by cell. A row is
 * known by its first cell (a system's or an operation's name). Pure: no I/O; the web app words
 * each change.
 */
import type { PlanBlock, PlanDocument, PlanSectionId } from './plan-document.js';

type PlanChange =
  | { readonly kind: 'section_added' | 'section_removed' }
  | { readonly kind: 'text_added' | 'text_removed'; readonly text: string }
  | { readonly kind: 'table_added' | 'table_removed'; readonly table: string; readonly rows: number }
  | { readonly kind: 'row_added' | 'row_removed'; readonly table: string; readonly row: string }
  | {
      readonly kind: 'row_changed';
      readonly table: string;
      /** The row's first cell. */
      readonly row: string;
      readonly cells: { column: string; before: string; after: string }[];
    }
  | {
      readonly kind: 'columns_changed';
      readonly table: string;
      readonly before: string;
      readonly after: string;
    };

interface PlanSectionDiff {
  readonly id: PlanSectionId;
  /** The section's title in the newer document. */
  readonly title: string;
  readonly changes: readonly PlanChange[];
}

export interface PlanDiff {
  /** Only the sections with a change, in the newer document's order. */
  readonly sections: readonly PlanSectionDiff[];
  readonly isUnchanged: boolean;
}

type Table = Extract<PlanBlock, { kind: 'table' }>;

/** The text lines of a section's blocks other than tables, in order. */
function linesOf(blocks: readonly PlanBlock[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [] : b.kind === 'list' ? [...b.items] : [b.text]));
}

/** Items of `a` not in `b`, counting repeats (a line written twice and kept once was removed once). */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** Keys that stay unique when two rows or tables share a name: "会計", "会計 (2)". */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const seen = new Map<string, number>();
  const out = new Map<string, T>();
  for (const item of items) {
    const k = keyOf(item);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k} (${n})`, item);
  }
  return out;
}

const rowText = (row: readonly string[]) => row.filter((c) => c !== '').join(' / ');

function diffTable(before: Table, after: Table): PlanChange[] {
  const table = after.caption;
  const out: PlanChange[] = [];
  const beforeCols = before.columns.join(' / ');
  const afterCols = after.columns.join(' / ');
  if (beforeCols !== afterCols)
    out.push({ kind: 'columns_changed', table, before: beforeCols, after: afterCols });
  const rowsBefore = keyed(before.rows, (r) => r[0] ?? '');
  const rowsAfter = keyed(after.rows, (r) => r[0] ?? '');
  for (const [key, row] of rowsBefore)
    if (!rowsAfter.has(key)) out.push({ kind: 'row_removed', table, row: rowText(row) });
  for (const [key, row] of rowsAfter) {
    const old = rowsBefore.get(key);
    if (!old) {
      out.push({ kind: 'row_added', table, row: rowText(row) });
      continue;
    }
    const cells: { column: string; before: string; after: string }[] = [];
    const width = Math.max(row.length, old.length);
    for (let i = 1; i < width; i++) {
      const b = old[i] ?? '';
      const a = row[i] ?? '';
      if (a !== b)
        cells.push({ column: after.columns[i] ?? before.columns[i] ?? String(i + 1), before: b, after: a });
    }
    if (cells.length) out.push({ kind: 'row_changed', table, row: row[0] ?? '', cells });
  }
  return out;
}

function diffBlocks(before: readonly PlanBlock[], after: readonly PlanBlock[]): PlanChange[] {
  const out: PlanChange[] = [];
  const linesBefore = linesOf(before);
  const linesAfter = linesOf(after);
  for (const text of minus(linesBefore, linesAfter)) out.push({ kind: 'text_removed', text });
  for (const text of minus(linesAfter, linesBefore)) out.push({ kind: 'text_added', text });
  const tables = (blocks: readonly PlanBlock[]) =>
    keyed(
      blocks.filter((b): b is Table => b.kind === 'table'),
      (t) => t.caption,
    );
  const tablesBefore = tables(before);
  const tablesAfter = tables(after);
  for (const [key, t] of tablesBefore)
    if (!tablesAfter.has(key)) out.push({ kind: 'table_removed', table: t.caption, rows: t.rows.length });
  for (const [key, t] of tablesAfter) {
    const old = tablesBefore.get(key);
    if (old) out.push(...diffTable(old, t));
    else out.push({ kind: 'table_added', table: t.caption, rows: t.rows.length });
  }
  return out;
}

/**
 * What changed from `from` (the older edition) to `to`, section by section.
 * @example diffPlanDocuments(edition1, edition2).sections[0] // { id: 'policy', title: '基本方針と適用範囲', changes: [{ kind: 'text_added', text: '承認者：代表取締役 岡田' }, { kind: 'text_removed', text: '承認者：代表取締役' }] }
 */
export function diffPlanDocuments(from: PlanDocument, to: PlanDocument): PlanDiff {
  const sections: PlanSectionDiff[] = [];
  const before = new Map(from.sections.map((s) => [s.id, s]));
  const afterIds = new Set(to.sections.map((s) => s.id));
  for (const s of to.sections) {
    const old = before.get(s.id);
    const changes: PlanChange[] = old ? diffBlocks(old.blocks, s.blocks) : [{ kind: 'section_added' }];
    if (changes.length) sections.push({ id: s.id, title: s.title, changes });
  }
  for (const s of from.sections)
    if (!afterIds.has(s.id))
      sections.push({ id: s.id, title: s.title, changes: [{ kind: 'section_removed' }] });
  return { sections, isUnchanged: sections.length === 0 };
}
