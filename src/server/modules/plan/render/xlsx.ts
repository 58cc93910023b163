import type { PlanDocument } from '../../../../domain/plan-document.js';
import { buildXlsxBook } from '../../../files/xlsx.js';

/**
 * The plan's tables as a workbook (one sheet per table, named by its caption): the registers of
 * the appendices first, then the other sections' tables. Cells are strings, never formulas.
 */
export function renderXlsx(doc: PlanDocument): Promise<Buffer> {
  const order = (id: string) => (id === 'appendices' ? 0 : 1);
  const sections = [...doc.sections].sort((a, b) => order(a.id) - order(b.id));
  return buildXlsxBook(
    sections.flatMap((s) =>
      s.blocks.flatMap((b) =>
        b.kind === 'table' ? [{ name: b.caption, headers: b.columns, rows: b.rows }] : [],
      ),
    ),
  );
}
