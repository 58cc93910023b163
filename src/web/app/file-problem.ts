import type { TFunction } from 'i18next';
import { isApiError } from './api.js';
import { errorMessage } from './errors.js';

/**
 * Why an uploaded file was refused as a whole, in words: the error's sentence plus the details the
 * server sent — the headers that were missing, unknown or given twice (file_headers_invalid), or
 * the merged cell ranges (file_unreadable, reason merged_cells). Detail texts are the feature's
 * own, under `keys` (`<keys>.missing`, `.unknown`, `.duplicate`, `.mergedCells`, each with {{list}}).
 *
 * @example fileProblem(t, err, 'inventory.importPage.fileProblem')
 * // { message: 'ファイルの1行目（見出し）が想定と違います…', details: ['足りない見出し：業務名'] }
 */
export function fileProblem(
  t: TFunction,
  err: unknown,
  keys: string,
): { message: string; details: string[] } {
  const message = errorMessage(t, err);
  if (isApiError(err, 'file_unreadable') && err.params.reason === 'merged_cells') {
    return { message, details: [t(`${keys}.mergedCells`, { list: String(err.params.cells ?? '') })] };
  }
  const details: string[] = [];
  if (isApiError(err, 'file_headers_invalid')) {
    for (const key of ['missing', 'unknown', 'duplicate'] as const) {
      const list = err.params[key];
      if (list !== undefined && String(list) !== '')
        details.push(t(`${keys}.${key}`, { list: String(list) }));
    }
  }
  return { message, details };
}
