import { checkSingleLineText } from '../domain/text-rules.js';
import { type DomainError, invalid } from './errors.js';

/**
 * Page cursors of keyset-paged lists: the sort value and the id of the last row, as base64url
 * JSON (a list in id order needs only the id: `decodeIdCursor`, `idPage`). The client sends them back, so a decoded cursor is input like any other: a cursor that is
 * not a pair of plain one-line strings is refused (NUL would make PostgreSQL fail the query).
 */

export function encodePairCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function badCursor(): DomainError {
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

/**
 * The id after which a page of an id-ordered list starts (null: the first page). The cursor is the
 * base64url of that id, which must look like one of ours.
 */
export function decodeIdCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const after = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{1,64}$/.test(after)) throw badCursor();
  return after;
}

/**
 * One page of a keyset-paged list: the repo reads `limit + 1` rows, the extra one only tells
 * whether there is a next page, whose cursor is made from the page's last row.
 * @example keysetPage(rows, 50, present, (last) => encodePairCursor(last.name, last.id)) // { items: [...50], nextCursor: 'WyLkvJroqIgiLC…' }
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (last: Row) => string,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}

/**
 * One page of an id-ordered list, from the `limit + 1` rows read after the cursor.
 * @example idPage(await repo.list(db, orgId, decodeIdCursor(query.cursor), limit + 1), limit, present)
 */
export function idPage<R extends { id: string }, T>(
  rows: readonly R[],
  limit: number,
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  return keysetPage(rows, limit, present, (last) => Buffer.from(last.id).toString('base64url'));
}
