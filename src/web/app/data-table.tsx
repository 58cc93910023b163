import { Card, Group, Stack, Table, type TableProps, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { usePhone } from './list-filters.js';
import { ActionsHeader, CardList } from './register-list.js';
import { ScrollTable } from './scroll-table.js';

/** What names a table: the id of its section heading, or a label of its own. */
type TableName = { labelledBy: string; label?: never } | { label: string; labelledBy?: never };

/** How a table looks on a wide screen, where it differs from the striped, compact default. */
type TableLook = Pick<TableProps, 'striped' | 'highlightOnHover' | 'verticalSpacing' | 'fz'>;

/**
 * A striped table named by its section heading, scrolling sideways on a phone: one column header
 * per entry of `columns`, then (with `actions`) a header for the action column that only screen
 * readers hear, then the rows.
 */
function DataTable({
  name,
  minWidth,
  columns,
  actions = false,
  look,
  children,
}: {
  name: TableName;
  minWidth: number;
  columns: { header: string; width?: number; minWidth?: number }[];
  actions?: boolean;
  look?: TableLook;
  children: ReactNode;
}) {
  return (
    <ScrollTable {...name} minWidth={minWidth}>
      <Table striped verticalSpacing="xs" {...look}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header} scope="col" w={c.width} miw={c.minWidth}>
                {c.header}
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
  /** What the row's card shows instead of `cell` (for the first column: the card's title), on a phone. */
  card?: (row: T) => ReactNode;
  /** The column's width in the table (a short row number), or its least width (a name). */
  width?: number;
  minWidth?: number;
}

/** A cell with nothing in it: its card leaves out the "header: value" line. */
function isBlank(value: ReactNode): boolean {
  return value === null || value === undefined || value === false || value === '';
}

/**
 * Rows that are a table on a wide screen and a list of cards on a phone (below 48em), so no
 * column hides off-screen: the first column is the card's title, the row's actions sit beside it,
 * and every other column is a "header: value" line (left out when the row has nothing there).
 * The table is named by its section heading (`labelledBy`) or by `label`.
 */
export function ResponsiveTable<T>({
  minWidth,
  columns,
  rows,
  rowKey,
  actions,
  rowProps,
  look,
  ...name
}: TableName & {
  minWidth: number;
  columns: TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The row's buttons (edit, delete …), in the last column or beside the card's title. */
  actions?: (row: T) => ReactNode;
  /** Marks a row (e.g. a finding) in both forms. */
  rowProps?: (
    row: T,
  ) => { bg?: string; c?: string; 'data-marked'?: boolean; id?: string; style?: CSSProperties } | undefined;
  look?: TableLook;
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
                {(first.card ?? first.cell)(row)}
              </Text>
              {actions?.(row)}
            </Group>
            <Stack gap={2} mt={6} component="dl" style={{ margin: 0 }}>
              {rest.map((c) => {
                const value = (c.card ?? c.cell)(row);
                if (isBlank(value)) return null;
                return (
                  <Group key={c.header} gap={6} wrap="nowrap" align="baseline">
                    <Text
                      component="dt"
                      size="sm"
                      c="dimmed"
                      className="keep-words"
                      style={{ flexShrink: 0 }}
                    >
                      {c.header}:
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      {value}
                    </Text>
                  </Group>
                );
              })}
            </Stack>
          </Card>
        ))}
      </CardList>
    );
  return (
    <DataTable name={name} minWidth={minWidth} columns={columns} actions={actions !== undefined} look={look}>
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
