/**
 * Export (XLSX) of each inventory register, in the user's words: the same columns the import
 * (imports.ts) reads back.
 */
import { REGISTER_LABELS, type Register } from '../../../domain/inventory.js';
import { inventoryCell } from '../../../domain/inventory-file.js';
import type { Locale } from '../../../domain/organization.js';
import type { Db } from '../../db/database.js';
import { buildXlsx, XLSX_TYPE } from '../../files/xlsx.js';
import { exportFileName } from '../orgs/service.js';
import { type RowOf, specOf } from './registers.js';
import * as repo from './repo.js';

/** One register as a table of cell texts in the user's words: the export's and the plan's. */
export async function registerTable<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ name: string; headers: string[]; rows: string[][] }> {
  const spec = specOf(register);
  const rows: string[][] = [];
  let after: { value: string; id: string } | null = null;
  for (;;) {
    const page: RowOf<R>[] = await repo.listRows(
      db.kysely,
      orgId,
      spec.table,
      spec.hasOwner,
      { includeArchived, equals: [] },
      { column: 'name', desc: false },
      after,
      1000,
    );
    for (const row of page) {
      const item: Readonly<Record<string, unknown>> = spec.present(row);
      rows.push(
        spec.fileColumns.map((c) =>
          c.field === 'ownerText'
            ? inventoryCell(c.field, item.ownerPersonName ?? item.ownerText, lang)
            : inventoryCell(c.field, item[c.field], lang),
        ),
      );
    }
    const last = page[page.length - 1];
    if (page.length < 1000 || !last) break;
    after = { value: last.name, id: last.id };
  }
  return { name: REGISTER_LABELS[register][lang], headers: spec.fileColumns.map((c) => c[lang]), rows };
}

export async function exportRegister<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  const table = await registerTable(db, orgId, register, lang, includeArchived);
  const body = await buildXlsx(table.name, table.headers, table.rows);
  return {
    body,
    fileName: await exportFileName(db, orgId, register, 'xlsx'),
    contentType: XLSX_TYPE,
  };
}
