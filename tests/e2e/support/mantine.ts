import type { Locator } from 'playwright-core';

/**
 * Picks an option of a select box (Mantine Select: role=combobox with a listbox it controls), as a
 * user does: opens it (typing `search` first in a searchable one) and clicks the option by name.
 */
export async function chooseOption(
  combobox: Locator,
  option: string | RegExp,
  opts: { search?: string } = {},
): Promise<void> {
  if (opts.search !== undefined) {
    await combobox.click();
    await combobox.fill(opts.search);
  } else {
    await combobox.click();
  }
  const open = combobox.and(combobox.page().locator('[aria-expanded="true"][aria-controls]'));
  await open.waitFor();
  const listId = await open.getAttribute('aria-controls');
  await combobox
    .page()
    .locator(`[id="${listId}"]`)
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .click();
}

/** Texts of every data row of a table (header row left out), cell by cell, trimmed. */
export async function tableRows(table: Locator): Promise<string[][]> {
  await table.waitFor();
  const rows = table.getByRole('row');
  const out: string[][] = [];
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const cells = rows.nth(i).getByRole('cell');
    if ((await cells.count()) === 0) continue; // the header row has column headers only
    out.push((await cells.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()));
  }
  return out;
}

/**
 * The data rows of a table as records, the cells named in column order:
 * `tableRecords(table, ['name', 'total'])` → [{ name: '…', total: '…' }, …].
 */
export async function tableRecords<K extends string>(
  table: Locator,
  columns: readonly K[],
): Promise<Record<K, string>[]> {
  return (await tableRows(table)).map(
    (cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])) as Record<K, string>,
  );
}
