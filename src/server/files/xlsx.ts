/**
 * Generic XLSX reading and writing (exceljs) shared by the import/export features: a workbook's
 * first sheet as a table of strings (merged cells refused), and a one-sheet workbook of strings.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { invalid } from '../errors.js';

/**
 * A workbook read from the bytes of an .xlsx file. exceljs declares its input as an ArrayBuffer
 * (its own `Buffer` type), so the bytes are handed over as one; it rejects what is not XLSX.
 */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

/** The first sheet as rows of cell texts (index 0 = spreadsheet row 1). */
export async function readXlsxTable(buf: Buffer, maxRows: number): Promise<string[][]> {
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await loadWorkbook(buf);
  } catch {
    throw invalid('file_unreadable', { params: { reason: 'not_xlsx' } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file_unreadable', { params: { reason: 'no_sheet' } });
  if (sheet.actualRowCount > maxRows + 1) {
    throw invalid('file_too_many_rows', { params: { maximum: maxRows } });
  }
  // Merged cells make a row mean something other than one record; refuse them with the range.
  const merges = mergedRanges(sheet);
  if (merges.length) {
    throw invalid('file_unreadable', {
      params: { reason: 'merged_cells', cells: merges.slice(0, 5).join(', ') },
    });
  }
  const table: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** The merged ranges of a sheet ("A2:B2"), found from its cells: each merged cell names its master. */
function mergedRanges(sheet: ExcelJS.Worksheet): string[] {
  const ranges = new Map<string, { row: number; col: number }>();
  sheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (!cell.isMerged) return;
      const end = ranges.get(cell.master.address) ?? { row: 0, col: 0 };
      ranges.set(cell.master.address, {
        row: Math.max(end.row, cell.fullAddress.row),
        col: Math.max(end.col, cell.fullAddress.col),
      });
    });
  });
  return [...ranges].map(([master, end]) => `${master}:${sheet.getCell(end.row, end.col).address}`);
}

/** A hyperlink's text may itself be rich text, though exceljs types it as a string. */
const RichTextSchema = z.object({ richText: z.array(z.object({ text: z.string() })) });

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A date cell past the calendar (a huge serial number) is shown by Excel as ########; read it
  // so, and the date column refuses it as a row error instead of the whole file failing.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '########' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string' || typeof text === 'number') return String(text);
    const rich = RichTextSchema.safeParse(text);
    return rich.success ? rich.data.richText.map((r) => r.text).join('') : '';
  }
  if ('result' in value) return cellText(value.result);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('error' in value) return '';
  return '';
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One sheet of a workbook: its name, header row and rows of cell texts. */
export interface XlsxSheet {
  name: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

/**
 * A text a spreadsheet would take for a formula when typed (= + - @, or a leading tab or carriage
 * return, OWASP "CSV injection"). Cells are always written as strings, never formulas; such a
 * cell is also formatted as text, so editing it in Excel keeps it text.
 */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/**
 * A real workbook: one sheet, bold header row, every cell a string (never a formula). Long texts
 * wrap inside their cell instead of being cut: each column is as wide as its longest line (a
 * full-width character counts twice), between 10 and 60 characters, and the sheet prints in
 * landscape fitted to the page's width, the header repeated on every page.
 */
export async function buildXlsx(sheetName: string, headers: string[], rows: string[][]): Promise<Buffer> {
  return buildXlsxBook([{ name: sheetName, headers, rows }]);
}

/** A workbook of several sheets, each laid out as buildXlsx's one (names made unique and valid). */
export async function buildXlsxBook(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'keizoku';
  const used = new Set<string>();
  for (const { name, headers, rows } of sheets) {
    const sheet = workbook.addWorksheet(sheetNameOf(name, used), {
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9, // A4
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      },
    });
    sheet.addRow([...headers]).font = { bold: true };
    for (const r of rows) {
      const row = sheet.addRow([...r]);
      r.forEach((v, i) => {
        if (FORMULA_LIKE.test(v)) row.getCell(i + 1).numFmt = '@';
      });
    }
    headers.forEach((h, i) => {
      const longest = Math.max(
        displayWidth(h),
        ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(displayWidth))),
      );
      const col = sheet.getColumn(i + 1);
      col.width = Math.min(60, Math.max(10, longest + 2));
      col.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's sheet names: at most 31 characters, none of : \\ / ? * [ ], unique in the workbook. */
function sheetNameOf(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Columns a text takes in a spreadsheet: a full-width character is as wide as two others. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      ) || (ch.codePointAt(0) ?? 0) > 0xffff
        ? 2
        : 1;
  return w;
}
