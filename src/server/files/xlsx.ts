/**
 * Generic XLSX reading and writing (exceljs) shared by the import/export features: a workbook's
 * first sheet as a table of strings (merged cells refused), and a one-sheet workbook of strings.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors.js';

/** The first sheet as rows of cell texts (index 0 = spreadsheet row 1). */
export async function readXlsxTable(buf: Buffer, maxRows: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid('file_unreadable', { params: { reason: 'not_xlsx' } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file_unreadable', { params: { reason: 'no_sheet' } });
  if (sheet.actualRowCount > maxRows + 1) {
    throw invalid('file_too_many_rows', { params: { maximum: maxRows } });
  }
  // Merged cells make a row mean something other than one record; refuse them with the range.
  const merges = Object.values(
    (sheet as unknown as { _merges: Record<string, { range: string }> })._merges ?? {},
  );
  if (merges.length) {
    throw invalid('file_unreadable', {
      params: {
        reason: 'merged_cells',
        cells: merges
          .slice(0, 5)
          .map((m) => m.range)
          .join(', '),
      },
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
  // A date cell past the calendar (a huge serial number) is shown by Excel as ########; read it
  // so, and the date column refuses it as a row error instead of the whole file failing.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '########' : value.toISOString().slice(0, 10);
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
