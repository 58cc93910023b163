/**
 * People files (CSV and XLSX) through the shared import reader; the rules about what the cells
 * mean live in src/domain/people-import.ts.
 */

import type { PeopleFileField } from '../../../domain/people.js';
import { mapHeaders } from '../../../domain/people-import.js';
import { IMPORT_MAX_ROWS } from '../../../shared/people.js';
import { type ReadFile, readImportFile } from '../../files/import-file.js';

export { buildCsv, type FileFormat } from '../../files/import-file.js';
export { buildXlsx } from '../../files/xlsx.js';

export type ParsedFile = ReadFile<PeopleFileField>;

export function parsePeopleFile(buf: Buffer, fileName: string): Promise<ParsedFile> {
  return readImportFile(buf, fileName, IMPORT_MAX_ROWS, mapHeaders);
}
