import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInApp } from '../test/render.js';
import { ResponsiveTable } from './data-table.js';

/** The same rows as a table on a wide screen and as cards on a phone, with their actions. */

interface Row {
  id: string;
  name: string;
  priority: string;
}
const ROWS: Row[] = [
  { id: '1', name: '入館受付', priority: 'S' },
  { id: '2', name: '給与計算', priority: 'B' },
];

function Rows() {
  return (
    <section aria-labelledby="rows-title">
      <h2 id="rows-title">業務</h2>
      <ResponsiveTable
        labelledBy="rows-title"
        minWidth={500}
        rows={ROWS}
        rowKey={(r) => r.id}
        columns={[
          { header: '業務', cell: (r) => r.name },
          { header: '優先度', cell: (r) => r.priority },
        ]}
        actions={(r) => <button type="button">{`${r.name}を編集`}</button>}
      />
    </section>
  );
}

const wide = window.matchMedia;
function actAsPhone(): void {
  window.matchMedia = (query: string) =>
    ({ ...wide(query), matches: query.includes('max-width'), media: query }) as MediaQueryList;
}
afterEach(() => {
  window.matchMedia = wide;
});

describe('ResponsiveTable', () => {
  it('is a table with a header per column on a wide screen, the actions in the last column', async () => {
    await renderInApp(<Rows />);
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['業務', '優先度', 'Actions']);
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(
      within(first)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['入館受付', 'S', '入館受付を編集']);
  });

  it('is one card per row on a phone: the first column as its title, the others as "header: value"', async () => {
    actAsPhone();
    await renderInApp(<Rows />);
    expect(screen.queryByRole('table')).toBeNull();
    const cards = screen.getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const card = cards[0] as HTMLElement;
    expect(within(card).getByText('入館受付')).toBeVisible();
    expect(within(card).getByRole('button', { name: '入館受付を編集' })).toBeVisible();
    expect(within(card).getByRole('term').textContent).toBe('優先度:');
    expect(within(card).getByRole('definition').textContent).toBe('S');
  });
});
