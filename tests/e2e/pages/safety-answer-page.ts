import type { Page } from 'playwright-core';

/** The answer page a personal safety link opens (/a/<token>): no login, one form. */
export class SafetyAnswerPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, token: string): Promise<void> {
    await this.page.goto(`${baseUrl}/a/${token}`);
    await this.page.getByRole('heading', { level: 1, name: '安否確認' }).waitFor();
  }

  /** Picks the status (a large radio choice) and sends. */
  async answer(status: '無事' | '軽いけが' | '重いけが', message?: string): Promise<void> {
    await this.page.getByRole('radio', { name: status }).check();
    if (message !== undefined) await this.page.getByRole('textbox', { name: '伝えたいこと' }).fill(message);
    await this.page.getByRole('button', { name: '送信する' }).click();
  }

  /** The page's status line (sent, waiting for the network, refused). */
  status() {
    return this.page.getByRole('status');
  }

  /** The answer the page keeps until the server acknowledges it, or null. */
  pending(): Promise<unknown> {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem(`ks${location.pathname}`) ?? 'null'));
  }
}
