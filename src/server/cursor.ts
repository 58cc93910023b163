import { checkSingleLineText } from '../domain/text-rules.js';
import { type DomainError, invalid } from './errors.js';

/**
 * Page cursors of keyset-paged lists: the sort value and the id of the last row, as base64url
 * JSON. The client sends them back, so a decoded cursor is input like any other: a cursor that is
 * not a pair of plain one-line strings is refused (NUL would make PostgreSQL fail the query).
 */

export function encodePairCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function badCursor(): DomainError {
  return invalid('validation_failed', { issues: [{ path: ['querystring', 'cursor'], code: 'invalid' }] });
}

/**
 * @example decodePairCursor(encodePairCursor('会計', '0190…')) // { value: '会計', id: '0190…' }
 */
export function decodePairCursor(cursor: string): { value: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      v.every((s) => typeof s === 'string' && checkSingleLineText(s) === null)
    )
      return { value: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw badCursor();
}
