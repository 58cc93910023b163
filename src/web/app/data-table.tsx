import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ActionsHeader } from './register-list.js';
import { ScrollTable } from './scroll-table.js';

/**
 * A striped table named by its section heading, scrolling sideways on a phone: one column header
 * per entry of `columns`, then (with `actions`) a header for the action column that only screen
 * readers hear, then the rows.
 */
export function DataTable({
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
