import { Anchor, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { ResponsiveTable } from './data-table.js';

/** One problem of an imported file's row: its row number (the header is row 1), the column, a code. */
interface RowError {
  row: number;
  field?: string | undefined;
  code: string;
}

const PAGE = 100;

/**
 * The problems of an imported file, row by row: row, column and reason in a table, or on a phone
 * a card per problem titled "row 3 · email" with the reason under it. The first hundred, then
 * more on demand.
 */
export function RowErrors<E extends RowError>({
  errors,
  labelledBy,
  words,
  columnName,
  reason,
}: {
  errors: readonly E[];
  labelledBy: string;
  words: {
    row: string;
    column: string;
    reason: string;
    rowColumn: (row: number, column: string) => string;
    showing: (shown: number, total: number) => string;
    showMore: string;
  };
  /** The column's name as the user knows it; '' when the problem is about the whole row. */
  columnName: (field: string | undefined) => string;
  reason: (error: E) => string;
}) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <ResponsiveTable
        labelledBy={labelledBy}
        minWidth={480}
        rows={errors.slice(0, shown)}
        rowKey={(e) => `${e.row}-${e.field ?? ''}-${e.code}`}
        columns={[
          {
            header: words.row,
            width: 90,
            cell: (e) => e.row,
            card: (e) => words.rowColumn(e.row, columnName(e.field) || '—'),
          },
          { header: words.column, width: 180, cell: (e) => columnName(e.field) || '—', card: () => null },
          { header: words.reason, cell: reason },
        ]}
      />
      {errors.length > shown && (
        <Group mt="sm" gap="sm">
          <Text size="sm" c="dimmed">
            {words.showing(shown, errors.length)}
          </Text>
          <Anchor component="button" type="button" size="sm" onClick={() => setShown((n) => n + PAGE * 5)}>
            {words.showMore}
          </Anchor>
        </Group>
      )}
    </>
  );
}
