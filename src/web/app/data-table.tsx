import { Card, Group, Stack, Table, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { usePhone } from './list-filters.js';
import { ActionsHeader, CardList } from './register-list.js';
import { ScrollTable } from './scroll-table.js';

/**
 * A striped table named by its section heading, scrolling sideways on a phone: one column header
 * per entry of `columns`, then (with `actions`) a header for the action column that only screen
 * readers hear, then the rows.
 */
function DataTable({
  labelledBy,
  minWidth,
  columns,
  actions = false,
  children,
}: {
  labelledBy: string;
  minWidth: number;
  columns: ReactNode[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <ScrollTable labelledBy={labelledBy} minWidth={minWidth}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table
              <Table.Th key={k} scope="col">
                {c}
              </Table.Th>
            ))}
            {actions && <ActionsHeader />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** One column of a {@link ResponsiveTable}: its header and what a row shows in it. */
export interface TableColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Keep the cell on one line in the table (amounts, dates). */
  nowrap?: boolean;
}

/**
 * Rows that are a table on a wide screen and a list of cards on a phone (below 48em), so no
 * column hides off-screen: the first column is the card's title, the row's actions sit beside it,
 * and every other column is a "header: value" line. The people and inventory registers use the
 * same card shape.
 */
export function ResponsiveTable<T>({
  labelledBy,
  minWidth,
  columns,
  rows,
  rowKey,
  actions,
  rowProps,
}: {
  labelledBy: string;
  minWidth: number;
  columns: TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The row's buttons (edit, delete …), in the last column or beside the card's title. */
  actions?: (row: T) => ReactNode;
  /** Marks a row (e.g. a finding) in both forms. */
  rowProps?: (
    row: T,
  ) => { bg?: string; 'data-marked'?: boolean; id?: string; style?: CSSProperties } | undefined;
}) {
  const phone = usePhone();
  const [first, ...rest] = columns;
  if (!first) return null;
  if (phone)
    return (
      <CardList>
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm" component="li" {...rowProps?.(row)}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text component="div" fw={600} size="sm" className="keep-words" style={{ minWidth: 0 }}>
                {first.cell(row)}
              </Text>
              {actions?.(row)}
            </Group>
            <Stack gap={2} mt={6} component="dl" style={{ margin: 0 }}>
              {rest.map((c) => (
                <Group key={c.header} gap={6} wrap="nowrap" align="baseline">
                  <Text component="dt" size="sm" c="dimmed" className="keep-words" style={{ flexShrink: 0 }}>
                    {c.header}:
                  </Text>
                  <Text component="dd" size="sm" m={0} style={{ minWidth: 0 }}>
                    {c.cell(row)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </CardList>
    );
  return (
    <DataTable
      labelledBy={labelledBy}
      minWidth={minWidth}
      columns={columns.map((c) => c.header)}
      actions={actions !== undefined}
    >
      {rows.map((row) => (
        <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
          {columns.map((c, k) => (
            <Table.Td
              key={c.header}
              fw={k === 0 ? 500 : undefined}
              className={k === 0 ? 'keep-words' : undefined}
              style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}
            >
              {c.cell(row)}
            </Table.Td>
          ))}
          {actions && <Table.Td>{actions(row)}</Table.Td>}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
