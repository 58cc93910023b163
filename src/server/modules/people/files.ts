/**
 * Reading and writing people files (CSV and XLSX). Turns bytes into a header row and data rows
 * of strings; the rules about what the cells mean live in src/domain/people-import.ts.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { decodeText, guardFormula, isBlankRow, mapHeaders } from '../../../domain/people-import.js';
import { showHidden } from '../../../domain/text-rules.js';
import { IMPORT_MAX_ROWS, type PeopleFileField } from '../../../shared/people.js';
import { invalid } from '../../errors.js';
import { buildXlsx, readXlsxTable } from '../../files/xlsx.js';

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
function detectFormat(buf: Uint8Array, fileName: string): FileFormat {
  if (startsWith(buf, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(buf, OLE_MAGIC) || /\.xlsx?$/i.test(fileName)) {
    // An .xls (BIFF) or a file named .xlsx that is not a zip: not something we can read.
    throw invalid('file_unreadable', { params: { reason: 'not_xlsx' } });
  }
  return 'csv';
}

export async function parsePeopleFile(buf: Buffer, fileName: string): Promise<ParsedFile> {
  const format = detectFormat(buf, fileName);
  const table = format === 'xlsx' ? await readXlsxTable(buf, IMPORT_MAX_ROWS) : readCsv(buf);
  const [header, ...data] = table;
  const mapping = mapHeaders(header ?? []);
  if (!mapping.ok) {
    const params: Record<string, string> = {};
    if (mapping.missing.length) params.missing = mapping.missing.join(', ');
    if (mapping.unknown.length) params.unknown = mapping.unknown.map(showHidden).join(', ');
    if (mapping.duplicate.length) params.duplicate = mapping.duplicate.map(showHidden).join(', ');
    throw invalid('file_headers_invalid', { params });
  }
  const rows: [number, string[]][] = [];
  data.forEach((cells, i) => {
    if (!isBlankRow(cells)) rows.push([i + 2, cells]);
  });
  if (rows.length > IMPORT_MAX_ROWS)
    throw invalid('file_too_many_rows', { params: { maximum: IMPORT_MAX_ROWS } });
  return { format, fields: mapping.fields, rows };
}

function readCsv(buf: Buffer): string[][] {
  const decoded = decodeText(buf);
  if (!decoded.ok) throw invalid('file_encoding_unsupported');
  let records: string[][];
  try {
    records = parseCsv(decoded.text, { relax_column_count: true, bom: true }) as string[][];
  } catch {
    throw invalid('file_unreadable', { params: { reason: 'csv_syntax' } });
  }
  // Checked again after blank rows are dropped; this bound keeps a huge file from going further.
  if (records.length > IMPORT_MAX_ROWS * 2 + 1) {
    throw invalid('file_too_many_rows', { params: { maximum: IMPORT_MAX_ROWS } });
  }
  return records;
}

// --- Export ---

export { buildXlsx };

/** CSV as Excel opens it: UTF-8 with BOM, CRLF, formula-looking cells neutralised. */
export function buildCsv(headers: string[], rows: string[][]): Buffer {
  const body = stringifyCsv([headers, ...rows.map((r) => r.map(guardFormula))], {
    record_delimiter: 'windows',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
