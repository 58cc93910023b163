import type { Locator, Page } from 'playwright-core';

/** 変更の記録（監査ログ）: entries as sentences, each opened to show what changed. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/audit`);
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: '変更の記録（監査ログ）' })
      .waitFor();
    await this.list().getByRole('listitem').first().waitFor();
  }

  list(): Locator {
    return this.page.getByRole('region', { name: '記録の一覧（新しい順）' });
  }

  /** Opens the newest entry titled `title` and returns what it shows as changed. */
  async open(title: string): Promise<Locator> {
    const button = this.page.getByRole('button', { name: title });
    const entry = this.list().getByRole('listitem').filter({ has: button }).first();
    await entry.getByRole('button', { name: title }).click();
    const changes = entry.getByRole('region', { name: '変わったところ' });
    await changes.waitFor();
    return changes;
  }

  /** Types free text in the search box and waits for the list it brings. */
  async search(text: string): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('q=')),
      this.page.getByRole('searchbox', { name: 'キーワード' }).fill(text),
    ]);
  }
}
