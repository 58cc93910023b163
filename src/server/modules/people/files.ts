/** People files are read by the shared import reader (modules/imports); their export is written here. */

export { buildCsv, type FileFormat } from '../../files/import-file.js';
export { buildXlsx } from '../../files/xlsx.js';
