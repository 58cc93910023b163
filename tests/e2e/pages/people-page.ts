import type { Download, Locator, Page } from 'playwright-core';

/** The people directory (社員名簿). */
export class PeoplePage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/people`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: '社員名簿' }).waitFor();
  }

  list(): Locator {
    return this.page.getByRole('region', { name: '名簿の一覧' });
  }

  /** Waits until the list says how many people it shows, and returns that text. */
  async shownCount(): Promise<string> {
    const status = this.list()
      .getByRole('status')
      .filter({ hasText: /人を表示/ });
    await status.waitFor();
    return (await status.textContent()) ?? '';
  }

  /** Waits until the list's count reads exactly `text` (e.g. after a search). */
  async waitForShown(text: string): Promise<void> {
    await this.list()
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor();
  }

  /** Names in the list, in order (table rows on desktop, cards on a phone). */
  async names(): Promise<string[]> {
    await this.shownCount();
    const table = this.list().getByRole('table');
    if (await table.isVisible()) {
      const rows = table.getByRole('row');
      const n = await rows.count();
      const names: string[] = [];
      for (let i = 1; i < n; i++) {
        const first = rows.nth(i).getByRole('cell').first().locator('p, span').first();
        names.push(((await first.textContent()) ?? '').trim());
      }
      return names;
    }
    const cards = this.list().getByRole('listitem');
    const names: string[] = [];
    for (let i = 0; i < (await cards.count()); i++) {
      names.push(((await cards.nth(i).locator('p').first().textContent()) ?? '').trim());
    }
    return names;
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '検索' }).fill(text);
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('link', { name: 'ファイルから取り込む' }).click();
  }

  /** Export → CSV or Excel; returns the browser download. */
  async export(format: 'csv' | 'xlsx'): Promise<Download> {
    await this.page.getByRole('button', { name: '書き出す' }).click();
    const item = format === 'csv' ? 'CSV で書き出す' : 'Excel（XLSX）で書き出す';
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('menuitem', { name: item }).click(),
    ]);
    return download;
  }
}
