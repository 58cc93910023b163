import { REGISTERS } from '../../../domain/inventory.js';
import { PLAN_SECTION_TITLES, type PlanBlock } from '../../../domain/plan-document.js';
import type { PlanSectionContributor } from '../types.js';
import { registerTable } from './files.js';

const WORDS = {
  ja: {
    intro: '業務・システム・構成要素・取引先の台帳です（アーカイブしたものは含みません）。',
    empty: 'まだ登録がありません。',
  },
  en: {
    intro: 'The registers of operations, systems, components and suppliers (archived items left out).',
    empty: 'Nothing registered yet.',
  },
} as const;

/** The appendices: the four inventory registers as tables, with the export file's columns. */
export const appendicesSection: PlanSectionContributor = async ({ db, orgId, locale }) => {
  const blocks: PlanBlock[] = [{ kind: 'paragraph', text: WORDS[locale].intro }];
  for (const register of REGISTERS) {
    const table = await registerTable(db, orgId, register, locale, false);
    blocks.push({ kind: 'subheading', text: table.name });
    if (table.rows.length === 0) blocks.push({ kind: 'paragraph', text: WORDS[locale].empty });
    // Kept when empty too: the workbook of registers always has its four sheets.
    blocks.push({ kind: 'table', caption: table.name, columns: table.headers, rows: table.rows });
  }
  return [{ id: 'appendices', title: PLAN_SECTION_TITLES.appendices[locale], blocks }];
};
