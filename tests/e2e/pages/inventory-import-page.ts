import type { Locator, Page } from 'playwright-core';
import { tableRecords } from '../support/mantine.js';

export interface ImportProblem {
  row: number;
  column: string;
  problem: string;
}

/**
 * Importing one inventory register from an XLSX or CSV file, on the shared import job: choose and
 * upload → the server checks every row (nothing saved) → report with preview and bad rows →
 * import every row or only the good ones, or upload a fixed file.
 */
export class InventoryImportPage {
  constructor(readonly page: Page) {}

  /** `register` as the heading names it: 業務, システム, 構成要素, 取引先・クラウド. */
  async waitUntilShown(register: string): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: `${register}をExcelから取り込む` })
      .waitFor();
  }

  /** Chooses the file through the file dialog, as a user does, and uploads it; the upload's HTTP status. */
  async upload(filePath: string): Promise<number> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page
        .getByRole('main')
        .getByRole('button', { name: /XLSXまたはCSVファイル/ })
        .click(),
    ]);
    await chooser.setFiles(filePath);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/imports$/.test(r.url())),
      this.page.getByRole('main').getByRole('button', { name: 'アップロードして確かめる' }).click(),
    ]);
    return response.status();
  }

  report(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: /確認の結果/ });
  }

  async waitForReport(): Promise<void> {
    await this.report().waitFor({ timeout: 30_000 });
  }

  /** The alert summing up the check ("N 行に問題があります…" or "すべての行…"). */
  async summary(): Promise<string> {
    await this.waitForReport();
    return ((await this.report().getByRole('status').first().textContent()) ?? '').trim();
  }

  /** What importing would do: "取り込むと：新しく追加 1 件・更新 1 件・変更なし 0 件…". */
  async preview(): Promise<string> {
    const line = this.report().getByText(/^取り込むと/);
    await line.waitFor();
    return ((await line.textContent()) ?? '').trim();
  }

  async problems(): Promise<ImportProblem[]> {
    const table = this.page
      .getByRole('main')
      .getByRole('region', { name: '問題のある行' })
      .getByRole('table');
    await table.waitFor();
    const rows = await tableRecords(table, ['row', 'column', 'problem']);
    return rows.map((r) => ({ ...r, row: Number(r.row) }));
  }

  importAllButton(): Locator {
    return this.report().getByRole('button', { name: /^すべて取り込む/ });
  }

  private async commit(button: Locator): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/commit$/.test(r.url())),
      button.click(),
    ]);
    await this.page.getByRole('heading', { name: '取り込みが終わりました' }).waitFor();
    return response.status();
  }

  async importAll(): Promise<number> {
    return this.commit(this.importAllButton());
  }

  async importValidOnly(): Promise<number> {
    return this.commit(this.report().getByRole('button', { name: /^問題のない \d+ 行を取り込む/ }));
  }

  /** The sentence once imported ("取り込みました：新規 1件・…"). */
  async resultText(): Promise<string> {
    return ((await this.page.getByRole('main').getByRole('status').last().textContent()) ?? '').trim();
  }

  /** Back to step 1 to upload a corrected file. */
  async uploadFixedFile(): Promise<void> {
    await this.report().getByRole('button', { name: '直したファイルをアップロード' }).click();
  }

  /** The alert for a file refused as a whole (wrong headers, merged cells …). */
  fileError(): Locator {
    return this.page.getByRole('main').getByRole('alert');
  }

  async goToList(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: '一覧を見る' }).click();
  }
}
