/**
 * The reading end of every spreadsheet import (people, the inventory registers): the bytes decide
 * whether a file is XLSX or CSV (UTF-8 or Shift_JIS), the header row is mapped to fields with
 * the module's words (src/domain/spreadsheet.ts), and blank rows are dropped. Also the CSV writer
 * the exports share. The modules validate, look up references in batches and commit.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { decodeText, guardFormula, type HeaderMapping, isBlankRow } from '../../domain/spreadsheet.js';
import { showHidden } from '../../domain/text-rules.js';
import { invalid } from '../errors.js';
import { readXlsxTable } from './xlsx.js';

export type FileFormat = 'csv' | 'xlsx';

export interface ReadFile<F extends string> {
  format: FileFormat;
  /** Field of each column (null: blank header, ignored). */
  fields: (F | null)[];
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

function readCsv(buf: Buffer, maxRows: number): string[][] {
  const decoded = decodeText(buf);
  if (!decoded.ok) throw invalid('file_encoding_unsupported');
  let records: string[][];
  try {
    records = parseCsv(decoded.text, { relax_column_count: true, bom: true }) as string[][];
  } catch {
    throw invalid('file_unreadable', { params: { reason: 'csv_syntax' } });
  }
  // Checked again after blank rows are dropped; this bound keeps a huge file from going further.
  if (records.length > maxRows * 2 + 1) throw invalid('file_too_many_rows', { params: { maximum: maxRows } });
  return records;
}

/**
 * Reads an uploaded file and maps its header row with `mapHeaders`; refuses the file as a whole
 * (400 file_unreadable, file_encoding_unsupported, file_headers_invalid, file_too_many_rows) when
 * it cannot be read that way.
 */
export async function readImportFile<F extends string>(
  buf: Buffer,
  fileName: string,
  maxRows: number,
  mapHeaders: (header: readonly string[]) => HeaderMapping<F>,
): Promise<ReadFile<F>> {
  const format = detectFormat(buf, fileName);
  const table = format === 'xlsx' ? await readXlsxTable(buf, maxRows) : readCsv(buf, maxRows);
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
  if (rows.length > maxRows) throw invalid('file_too_many_rows', { params: { maximum: maxRows } });
  return { format, fields: mapping.fields, rows };
}

/** CSV as Excel opens it: UTF-8 with BOM, CRLF, formula-looking cells neutralised. */
export function buildCsv(headers: string[], rows: string[][]): Buffer {
  const body = stringifyCsv([headers, ...rows.map((r) => r.map(guardFormula))], {
    record_delimiter: 'windows',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
