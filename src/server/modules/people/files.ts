/**
 * Reading and writing people files (CSV and XLSX). Turns bytes into a header row and data rows
 * of strings; the rules about what the cells mean live in src/domain/people-import.ts.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { decodeText, guardFormula, isBlankRow, mapHeaders } from '../../../domain/people-import.js';
import { IMPORT_MAX_ROWS, type PeopleFileField } from '../../../shared/people.js';
import { AppError } from '../../http/problem.js';

export type FileFormat = 'csv' | 'xlsx';

export interface ParsedFile {
  format: FileFormat;
  /** Field of each column (null: blank header, ignored). */
  fields: (PeopleFileField | null)[];
  /** Non-blank data rows as [spreadsheet row number (header = 1), cells]. */
  rows: [number, string[]][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** Which reader to use: the bytes decide, the file name only breaks ties. */
export function detectFormat(buf: Uint8Array, fileName: string): FileFormat {
  if (startsWith(buf, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(buf, OLE_MAGIC) || /\.xlsx?$/i.test(fileName)) {
    // An .xls (BIFF) or a file named .xlsx that is not a zip: not something we can read.
    throw new AppError(400, 'file_unreadable', { reason: 'not_xlsx' });
  }
  return 'csv';
}

export async function parsePeopleFile(buf: Buffer, fileName: string): Promise<ParsedFile> {
  const format = detectFormat(buf, fileName);
  const table = format === 'xlsx' ? await readXlsx(buf) : readCsv(buf);
  const [header, ...data] = table;
  const mapping = mapHeaders(header ?? []);
  if (!mapping.ok) {
    const params: Record<string, string> = {};
    if (mapping.missing.length) params.missing = mapping.missing.join(', ');
    if (mapping.unknown.length) params.unknown = mapping.unknown.join(', ');
    if (mapping.duplicate.length) params.duplicate = mapping.duplicate.join(', ');
    throw new AppError(400, 'file_headers_invalid', params);
  }
  const rows: [number, string[]][] = [];
  data.forEach((cells, i) => {
    if (!isBlankRow(cells)) rows.push([i + 2, cells]);
  });
  if (rows.length > IMPORT_MAX_ROWS)
    throw new AppError(400, 'file_too_many_rows', { maximum: IMPORT_MAX_ROWS });
  return { format, fields: mapping.fields, rows };
}

function readCsv(buf: Buffer): string[][] {
  const decoded = decodeText(buf);
  if (!decoded.ok) throw new AppError(400, 'file_encoding_unsupported');
  let records: string[][];
  try {
    records = parseCsv(decoded.text, { relax_column_count: true, bom: true }) as string[][];
  } catch {
    throw new AppError(400, 'file_unreadable', { reason: 'csv_syntax' });
  }
  // Checked again after blank rows are dropped; this bound keeps a huge file from going further.
  if (records.length > IMPORT_MAX_ROWS * 2 + 1) {
    throw new AppError(400, 'file_too_many_rows', { maximum: IMPORT_MAX_ROWS });
  }
  return records;
}

async function readXlsx(buf: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(400, 'file_unreadable', { reason: 'not_xlsx' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'file_unreadable', { reason: 'no_sheet' });
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) {
    throw new AppError(400, 'file_too_many_rows', { maximum: IMPORT_MAX_ROWS });
  }
  // Merged cells make a row mean something other than one person; refuse them with the range.
  const merges = Object.values(
    (sheet as unknown as { _merges: Record<string, { range: string }> })._merges ?? {},
  );
  if (merges.length) {
    throw new AppError(400, 'file_unreadable', {
      reason: 'merged_cells',
      cells: merges
        .slice(0, 5)
        .map((m) => m.range)
        .join(', '),
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

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue);
  }
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('error' in value) return '';
  return '';
}

// --- Export ---

/** CSV as Excel opens it: UTF-8 with BOM, CRLF, formula-looking cells neutralised. */
export function buildCsv(headers: string[], rows: string[][]): Buffer {
  const body = stringifyCsv([headers, ...rows.map((r) => r.map(guardFormula))], {
    record_delimiter: 'windows',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/** A real workbook: one sheet, bold header row, every cell a string (never a formula). */
export async function buildXlsx(sheetName: string, headers: string[], rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'keizoku';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((col) => {
    col.width = 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
