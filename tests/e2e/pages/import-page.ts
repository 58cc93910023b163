import type { Locator, Page } from 'playwright-core';

export interface BadRow {
  row: number;
  column: string;
  reason: string;
}

/** Importing the people directory from a CSV/XLSX file: upload → check → report → import. */
export class ImportPage {
  constructor(readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: '社員名簿をファイルから取り込む' }).waitFor();
  }

  /** Chooses the file through the file dialog, as a user does, and uploads it. */
  async upload(filePath: string): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page.getByRole('button', { name: /名簿ファイル/ }).click(),
    ]);
    await chooser.setFiles(filePath);
    await this.page.getByRole('button', { name: 'アップロードして確かめる' }).click();
  }

  report(): Locator {
    return this.page.getByRole('region', { name: /確認の結果/ });
  }

  async waitForReport(): Promise<void> {
    await this.report().waitFor({ timeout: 30_000 });
  }

  /** The alert summing up the check ("N 行に問題があります…" or "すべての行…"). */
  async summary(): Promise<string> {
    return ((await this.report().getByRole('status').first().textContent()) ?? '').trim();
  }

  async badRows(): Promise<BadRow[]> {
    const table = this.page.getByRole('region', { name: '問題のある行' }).getByRole('table');
    await table.waitFor();
    const rows = table.getByRole('row');
    const out: BadRow[] = [];
    for (let i = 1; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).getByRole('cell').allTextContents();
      out.push({ row: Number(cells[0]), column: cells[1] ?? '', reason: cells[2] ?? '' });
    }
    return out;
  }

  importAllButton(): Locator {
    return this.report().getByRole('button', { name: /人を取り込む$/ });
  }

  importValidOnlyButton(): Locator {
    return this.report().getByRole('button', { name: /問題のない \d+ 行を取り込む/ });
  }

  async importValidRowsOnly(): Promise<void> {
    await this.importValidOnlyButton().click();
    await this.page.getByRole('heading', { name: '取り込みが終わりました' }).waitFor();
  }

  async resultText(): Promise<string> {
    return ((await this.page.getByRole('main').getByRole('status').last().textContent()) ?? '').trim();
  }

  /** Opens a job by its address, as a bookmark or a reload after a restart does. */
  async openJob(baseUrl: string, jobId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/people/import?job=${encodeURIComponent(jobId)}`);
  }

  /** The alert of a job that failed: its title and its reason. */
  async failure(): Promise<string> {
    const alert = this.page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    return ((await alert.textContent()) ?? '').trim();
  }

  async chooseAnotherFile(): Promise<void> {
    await this.page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
  }

  async goToDirectory(): Promise<void> {
    await this.page.getByRole('link', { name: '社員名簿を見る' }).click();
  }
}
