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
