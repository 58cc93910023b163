import type { Locator, Page } from 'playwright-core';
import { tableRecords } from '../support/mantine.js';

export interface ImportProblem {
  row: number;
  column: string;
  problem: string;
}

/** Importing one inventory register from an XLSX file: choose → check (nothing saved) → import. */
export class InventoryImportPage {
  constructor(readonly page: Page) {}

  /** `register` as the heading names it: 業務, システム, 構成要素, 取引先・クラウド. */
  async waitUntilShown(register: string): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: `${register}をExcelから取り込む` })
      .waitFor();
  }

  /** Chooses the file through the file dialog, as a user does, and asks for the check. */
  async check(filePath: string): Promise<number> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page.getByRole('main').getByRole('button', { name: 'XLSXまたはCSVファイル' }).click(),
    ]);
    await chooser.setFiles(filePath);
    return this.send('チェックする（まだ保存しません）');
  }

  /** Presses a button that posts the file; returns the HTTP status of the upload. */
  private async send(button: string | RegExp): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/import$/.test(r.url())),
      this.page.getByRole('main').getByRole('button', { name: button }).click(),
    ]);
    return response.status();
  }

  report(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: 'チェック結果' });
  }

  /** "4行のうち、問題なし 2行・問題あり 2件。" or, once saved, "取り込みました：…". */
  async summary(): Promise<string> {
    const status = this.report().getByRole('status');
    await status.waitFor();
    return ((await status.textContent()) ?? '').trim();
  }

  async problems(): Promise<ImportProblem[]> {
    const rows = await tableRecords(this.report().getByRole('table'), ['row', 'column', 'problem']);
    return rows.map((r) => ({ ...r, row: Number(r.row) }));
  }

  importAllButton(): Locator {
    return this.report().getByRole('button', { name: /^すべて取り込む/ });
  }

  async importAll(): Promise<number> {
    return this.send(/^すべて取り込む/);
  }

  async importValidOnly(): Promise<number> {
    return this.send(/^問題のない行だけ取り込む/);
  }

  /** The alert for a file refused as a whole (wrong headers, merged cells …). */
  fileError(): Locator {
    return this.page.getByRole('main').getByRole('alert');
  }

  async goToList(): Promise<void> {
    await this.report().getByRole('link', { name: '一覧を見る' }).click();
  }
}
