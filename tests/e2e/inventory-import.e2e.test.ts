import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryImportPage } from './pages/inventory-import-page.js';
import { InventoryPage } from './pages/inventory-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

/** A real workbook as a spreadsheet program writes it: one sheet, a header row, then the rows. */
async function writeXlsx(
  file: string,
  rows: (string | number)[][],
  opts: { merge?: string } = {},
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('業務');
  for (const row of rows) sheet.addRow(row);
  if (opts.merge) sheet.mergeCells(opts.merge);
  await workbook.xlsx.writeFile(file);
  return file;
}

interface OperationItem {
  name: string;
  importance: number | null;
  description: string | null;
  needsData: string[];
}

describe('inventory: the import job — upload, preview with row errors, fix, import', () => {
  const s = useOwnerSession({
    // Already in the register: the file updates it by name.
    arrange: (owner) =>
      owner.call('POST', '/inventory/operations', { name: '会員の入会受付', importance: 1 }),
  });
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-e2e-xlsx-'));
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const operations = async () =>
    (await s.api.call<{ items: OperationItem[] }>('GET', '/inventory/operations?limit=100&sort=name')).items;

  it('checks an uploaded file: each bad row with its column, a preview, and nothing saved', async () => {
    const file = await writeXlsx(path.join(tmp, '業務一覧.xlsx'), [
      ['業務名', '説明', '業務重要度', 'システム依存度', '必要なデータ'],
      ['会員の入会受付', '窓口とWebで受け付ける', 3, '', '会員名簿\n入会申込書'],
      // The organization uses 3 levels: 4 is not one of them.
      ['給与計算', '毎月25日払い', 4, '', ''],
      ['備品の発注', '', 1, 1, ''],
      ['', '名前のない行', 2, '', ''],
    ]);
    const inventory = new InventoryPage(s.page);
    await new Shell(s.page).goTo('IT資産台帳');
    await inventory.waitUntilShown();
    await inventory.openImport();
    const importing = new InventoryImportPage(s.page);
    await importing.waitUntilShown('業務');
    await expectAccessible(s.page, 'inventory import: choose a file');

    expect(await importing.upload(file)).toBe(202);
    expect(await importing.summary()).toBe(
      '2 行に問題があります。まだ何も取り込んでいません。次のどちらかを選んでください。',
    );
    expect(await importing.preview()).toBe(
      '取り込むと：新しく追加 1 件・更新 1 件・変更なし 0 件（まだ何も保存していません）。',
    );
    expect(await importing.problems()).toEqual([
      { row: 3, column: '業務重要度', problem: 'この組織のレベル数（3段階）を超えています。' },
      { row: 5, column: '業務名', problem: '入力してください。' },
    ]);
    // "Import all" is offered only for a clean file.
    expect(await importing.importAllButton().count()).toBe(0);
    expect(await operations()).toEqual([expect.objectContaining({ name: '会員の入会受付', importance: 1 })]);
    await screenshot(s.page, 'inventory-import-report');
    await expectAccessible(s.page, 'inventory import: report with bad rows');

    // The job is in the address: a reload comes back to the same report.
    expect(new URL(s.page.url()).searchParams.get('job')).toBeTruthy();
    await s.page.reload();
    await importing.waitUntilShown('業務');
    expect((await importing.problems()).map((p) => p.row)).toEqual([3, 5]);
  });

  it('uploads the fixed file and imports it whole: one updated by name, two created', async () => {
    const importing = new InventoryImportPage(s.page);
    await importing.uploadFixedFile();
    const fixed = await writeXlsx(path.join(tmp, '業務一覧-修正.xlsx'), [
      ['業務名', '説明', '業務重要度', 'システム依存度', '必要なデータ'],
      ['会員の入会受付', '窓口とWebで受け付ける', 3, '', '会員名簿\n入会申込書'],
      ['給与計算', '毎月25日払い', 3, '', ''],
      ['備品の発注', '', 1, 1, ''],
    ]);
    expect(await importing.upload(fixed)).toBe(202);
    expect(await importing.summary()).toBe('すべての行（3 行）に問題はありません。');
    expect(await importing.preview()).toBe(
      '取り込むと：新しく追加 2 件・更新 1 件・変更なし 0 件（まだ何も保存していません）。',
    );
    expect(await operations()).toHaveLength(1);
    expect(await importing.importAll()).toBe(200);
    expect(await importing.resultText()).toBe('取り込みました：新規 2件・更新 1件・変更なし 0件。');
    await expectAccessible(s.page, 'inventory import: done');

    await importing.goToList();
    const inventory = new InventoryPage(s.page);
    await inventory.waitUntilShown();
    expect(await inventory.names('operations')).toEqual(['会員の入会受付', '備品の発注', '給与計算']);
    const row = inventory.list('operations').getByRole('row').filter({ hasText: '会員の入会受付' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('レベル 3');
    expect(await operations()).toEqual([
      expect.objectContaining({
        name: '会員の入会受付',
        importance: 3,
        description: '窓口とWebで受け付ける',
        needsData: ['会員名簿', '入会申込書'],
      }),
      expect.objectContaining({ name: '備品の発注', importance: 1 }),
      expect.objectContaining({ name: '給与計算', importance: 3 }),
    ]);
  });

  it('imports only the good rows of a file with English headers when asked', async () => {
    const file = await writeXlsx(path.join(tmp, 'payroll.xlsx'), [
      ['name', 'importance', 'needs_data'],
      ['給与計算', 2, '勤怠データ'],
      ['問い合わせ対応', 9, ''],
    ]);
    const inventory = new InventoryPage(s.page);
    await inventory.openImport();
    const importing = new InventoryImportPage(s.page);
    await importing.waitUntilShown('業務');
    expect(await importing.upload(file)).toBe(202);
    expect(await importing.problems()).toEqual([
      { row: 3, column: '業務重要度', problem: expect.any(String) },
    ]);
    expect(await importing.importValidOnly()).toBe(200);
    expect(await importing.resultText()).toBe('取り込みました：新規 0件・更新 1件・変更なし 0件。');
    expect((await operations()).map((o) => [o.name, o.importance])).toEqual([
      ['会員の入会受付', 3],
      ['備品の発注', 1],
      ['給与計算', 2],
    ]);
  });

  it('refuses a file with an unknown header or merged cells as a whole', async () => {
    const importing = new InventoryImportPage(s.page);
    await s.page.goto(`${s.server.url}/inventory/operations/import`);
    await importing.waitUntilShown('業務');

    const wrongHeader = await writeXlsx(path.join(tmp, 'wrong-header.xlsx'), [
      ['業務の名前', '業務重要度'],
      ['問い合わせ対応', 2],
    ]);
    expect(await importing.upload(wrongHeader)).toBe(400);
    await importing.fileError().filter({ hasText: 'ファイルの1行目（見出し）が想定と違います' }).waitFor();
    // The alert names the headers the server could not map, and the one that is missing.
    const headerError = await importing.fileError().textContent();
    expect(headerError).toContain('使えない見出し：業務の名前（');
    expect(headerError).toContain('足りない見出し：業務名');
    expect(await importing.report().count()).toBe(0);
    await expectAccessible(s.page, 'inventory import: wrong headers');

    const merged = await writeXlsx(
      path.join(tmp, 'merged.xlsx'),
      [
        ['業務名', '説明'],
        ['問い合わせ対応', '電話とメール'],
        ['', ''],
      ],
      { merge: 'A2:A3' },
    );
    expect(await importing.upload(merged)).toBe(400);
    await importing.fileError().filter({ hasText: '結合したセルは使えません' }).waitFor();
    expect(await importing.fileError().textContent()).toContain('結合している範囲：A2:A3');
    // The file field's clear button is named, so it passes axe with a file chosen.
    await s.page.getByRole('button', { name: '選んだファイルを外す' }).waitFor();
    await expectAccessible(s.page, 'inventory import: merged cells');
    expect((await operations()).map((o) => o.name)).not.toContain('問い合わせ対応');
  });
});
