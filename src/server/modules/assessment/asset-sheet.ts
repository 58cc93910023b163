import type ExcelJS from 'exceljs';
import { ASSET_KINDS, SECRECY_LEVELS } from '../../../domain/assessment.js';
import type { Locale } from '../../../domain/organization.js';
import {
  duplicateInFile,
  guardFormula,
  isBlankRow,
  lookupKey,
  unguardFormula,
  wordReader,
} from '../../../domain/spreadsheet.js';
import { type AssetCreate, AssetCreateSchema } from '../../../shared/assessment.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { invalid } from '../../errors.js';
import { cellText } from '../../files/xlsx.js';

/**
 * The information-asset sheet of the exported workbook (004 §11.2.1): one asset a row, named by
 * its ID (blank for a new one), with kind and secrecy in words, "○" when it must be encrypted and
 * the system of the inventory by name. Read back, a row with a known ID updates that asset and a
 * row without one adds an asset; an asset missing from the sheet stays (deleting is done on the
 * page, where it asks first). Every row problem names the sheet and the row.
 */

type Text = { ja: string; en: string };
type AssetKind = (typeof ASSET_KINDS)[number];
type SecrecyLevel = (typeof SECRECY_LEVELS)[number];
type Field = 'id' | 'name' | 'kind' | 'secrecy' | 'mustEncrypt' | 'system' | 'note';

const FIELDS: readonly Field[] = ['id', 'name', 'kind', 'secrecy', 'mustEncrypt', 'system', 'note'];

const HEADERS: Record<Field, Text> = {
  id: { ja: '資産ID（新しい資産は空欄）', en: 'Asset ID (blank for a new asset)' },
  name: { ja: '名前', en: 'Name' },
  kind: { ja: '種類', en: 'Kind' },
  secrecy: { ja: '機密度', en: 'Secrecy' },
  mustEncrypt: { ja: '暗号化が必要（○）', en: 'Must be encrypted (○)' },
  system: { ja: '台帳のシステム', en: 'System of the inventory' },
  note: { ja: 'メモ', en: 'Note' },
};

/** The sheet's name in each language: an import finds it by either. */
const ASSET_SHEET: Text = { ja: '情報資産', en: 'Information assets' };

// Words without commas: they are also the choices of the cells' drop-down lists.
const KIND_WORDS: Record<AssetKind, Text> = {
  hardware: { ja: 'ハードウェア', en: 'Hardware' },
  os: { ja: 'OS', en: 'Operating system' },
  network: { ja: 'ネットワーク', en: 'Network' },
  system: { ja: 'システム（プログラム・ミドルウェア）', en: 'System (programs and middleware)' },
  development: { ja: '開発環境', en: 'Development environment' },
  data: { ja: 'データ', en: 'Data' },
};
const SECRECY_WORDS: Record<SecrecyLevel, Text> = {
  top_secret: { ja: '極秘', en: 'Top secret' },
  partners_only: { ja: '関係社外秘', en: 'Partners only' },
  internal: { ja: '社外秘', en: 'Internal only' },
  public: { ja: '公開可能', en: 'Public' },
};
const YES = ['○', '◯', '〇', 'はい', '必要', '要', 'yes', 'y', 'true', '1'];
const NO = ['', '×', '✕', 'いいえ', '不要', 'no', 'n', 'false', '0', '-', '－'];

const readKind = wordReader(ASSET_KINDS.map((k) => [k, [KIND_WORDS[k].ja, KIND_WORDS[k].en]] as const));
const readSecrecy = wordReader(
  SECRECY_LEVELS.map((s) => [s, [SECRECY_WORDS[s].ja, SECRECY_WORDS[s].en]] as const),
);
const readHeader = wordReader(FIELDS.map((f) => [f, [HEADERS[f].ja, HEADERS[f].en]] as const));

/** At most this many asset rows in one file. */
const MAX_ROWS = 1000;

export interface AssetForSheet {
  id: string;
  name: string;
  kind: AssetKind;
  secrecy: SecrecyLevel;
  mustEncrypt: boolean;
  system: string;
  note: string | null;
}

/** Adds the asset sheet, in the reader's language, with drop-down lists for kind and secrecy. */
export function addAssetSheet(
  book: ExcelJS.Workbook,
  assets: readonly AssetForSheet[],
  locale: Locale,
): void {
  const sheet = book.addWorksheet(ASSET_SHEET[locale]);
  sheet.addRow(FIELDS.map((f) => HEADERS[f][locale])).font = { bold: true };
  for (const a of assets)
    sheet.addRow(
      [
        a.id,
        a.name,
        KIND_WORDS[a.kind][locale],
        SECRECY_WORDS[a.secrecy][locale],
        a.mustEncrypt ? '○' : '',
        a.system,
        a.note ?? '',
      ].map(guardFormula),
    );
  const list = (words: Text[]) => [`"${words.map((w) => w[locale]).join(',')}"`];
  // Room for rows the company adds below the exported ones.
  for (let r = 2; r <= assets.length + 200; r++) {
    const row = sheet.getRow(r);
    row.getCell(3).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: list(Object.values(KIND_WORDS)),
    };
    row.getCell(4).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: list(Object.values(SECRECY_WORDS)),
    };
    row.getCell(5).dataValidation = { type: 'list', allowBlank: true, formulae: ['"○"'] };
  }
  [30, 28, 30, 16, 18, 24, 30].forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  sheet.getColumn(1).font = { color: { argb: 'FF888888' }, size: 8 };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** One row of the asset sheet as typed: what it says and where it is. */
export interface AssetSheetRow {
  /** The sheet's name as in the file, and the row number Excel shows. */
  sheet: string;
  row: number;
  cells: Record<Field, string>;
}

/**
 * The rows of the asset sheet of a workbook, or null when the workbook has none (a sheet exported
 * before assets were read back). Throws `sheet_assets_headers_invalid` naming the sheet and the
 * columns it misses or does not know.
 */
export function readAssetSheet(book: ExcelJS.Workbook): AssetSheetRow[] | null {
  const names = [ASSET_SHEET.ja, ASSET_SHEET.en].map(lookupKey);
  const sheet = book.worksheets.find((s) => names.includes(lookupKey(s.name)));
  if (!sheet) return null;
  const text = (row: ExcelJS.Row, c: number) => unguardFormula(cellText(row.getCell(c).value)).trim();
  const width = Math.max(sheet.columnCount, FIELDS.length);
  const headers = Array.from({ length: width }, (_, i) => text(sheet.getRow(1), i + 1));
  // Columns by their header in either language; a column the company added is left alone.
  const fields = headers.map((h) => readHeader(h) ?? null);
  const twice = fields.filter((f, i) => f !== null && fields.indexOf(f) !== i) as Field[];
  const missing = (['id', 'name', 'kind', 'secrecy'] as const).filter((f) => !fields.includes(f));
  const wrong = [...missing, ...twice];
  if (wrong.length)
    throw invalid('validation_failed', {
      issues: [
        {
          path: ['assets'],
          code: 'asset_headers_invalid',
          params: {
            sheet: sheet.name,
            columns_ja: wrong.map((f) => HEADERS[f].ja).join('、'),
            columns_en: wrong.map((f) => HEADERS[f].en).join(', '),
          },
        },
      ],
    });
  if (sheet.actualRowCount > MAX_ROWS + 1)
    throw invalid('file_too_many_rows', { params: { maximum: MAX_ROWS } });
  const rows: AssetSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = headers.map((_, i) => text(row, i + 1));
    if (isBlankRow(values)) continue;
    const cells = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>;
    fields.forEach((f, i) => {
      if (f) cells[f] = values[i] ?? '';
    });
    rows.push({ sheet: sheet.name, row: r, cells });
  }
  return rows;
}

/** What a checked asset row does: add an asset, or set the fields of a known one. */
export type AssetRowPlan =
  | { kind: 'create'; input: AssetCreate }
  | { kind: 'update'; id: string; input: AssetCreate };

/**
 * The asset rows checked against the assessment's assets (by ID) and the inventory's systems (by
 * name). All problems are returned, each at ['assets', row, field] with the sheet and the row in
 * its params; with none, the plan of every row.
 */
export function checkAssetRows(
  rows: readonly AssetSheetRow[],
  known: { assetIds: ReadonlySet<string>; systems: readonly { id: string; name: string }[] },
): { ok: true; plans: AssetRowPlan[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const plans: AssetRowPlan[] = [];
  const seenIds = new Map<string, number>();
  const systems = new Map<string, string[]>();
  for (const s of known.systems)
    systems.set(lookupKey(s.name), [...(systems.get(lookupKey(s.name)) ?? []), s.id]);
  for (const r of rows) {
    const at = { sheet: r.sheet, row: r.row };
    const issue = (field: Field, code: string, value?: string) =>
      issues.push({ path: ['assets', r.row, field], code, params: { ...at, ...(value ? { value } : {}) } });
    const before = issues.length;
    const { id, name, note } = r.cells;
    if (id !== '') {
      if (!known.assetIds.has(id)) issue('id', 'asset_id_unknown', id);
      else if (duplicateInFile(seenIds, id, r.row, 'id'))
        issues.push({
          path: ['assets', r.row, 'id'],
          code: 'asset_id_duplicate',
          params: { ...at, firstRow: seenIds.get(id) ?? 0 },
        });
    }
    if (name === '') issue('name', 'asset_name_required');
    const kind = readKind(r.cells.kind);
    if (!kind)
      issue('kind', r.cells.kind === '' ? 'asset_kind_required' : 'asset_kind_invalid', r.cells.kind);
    const secrecy = readSecrecy(r.cells.secrecy);
    if (!secrecy)
      issue(
        'secrecy',
        r.cells.secrecy === '' ? 'asset_secrecy_required' : 'asset_secrecy_invalid',
        r.cells.secrecy,
      );
    const encrypt = r.cells.mustEncrypt.toLowerCase();
    const mustEncrypt = YES.includes(encrypt) ? true : NO.includes(encrypt) ? false : null;
    if (mustEncrypt === null) issue('mustEncrypt', 'asset_encrypt_invalid', r.cells.mustEncrypt);
    let systemId: string | null = null;
    if (r.cells.system !== '') {
      const ids = systems.get(lookupKey(r.cells.system)) ?? [];
      if (ids.length === 0) issue('system', 'asset_system_unknown', r.cells.system);
      else if (ids.length > 1) issue('system', 'asset_system_ambiguous', r.cells.system);
      else systemId = ids[0] ?? null;
    }
    if (issues.length > before || !kind || !secrecy || mustEncrypt === null) continue;
    // Lengths and characters as the API checks them, named by the row.
    const parsed = AssetCreateSchema.safeParse({
      kind,
      name,
      secrecy,
      mustEncrypt,
      systemId,
      note: note || null,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = (i.path[0] === 'systemId' ? 'system' : String(i.path[0] ?? 'name')) as Field;
        issue(field, i.code === 'too_big' ? 'asset_text_too_long' : 'asset_text_invalid');
      }
      continue;
    }
    plans.push(
      id === '' ? { kind: 'create', input: parsed.data } : { kind: 'update', id, input: parsed.data },
    );
  }
  return issues.length ? { ok: false, issues } : { ok: true, plans };
}
