import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../support/mantine.js';

/** The backup plan: the summary and list (/backup-plan) and one plan's editor with its live verdict. */
export class BackupPlanPage {
  constructor(readonly page: Page) {}

  private main(): Locator {
    return this.page.getByRole('main');
  }

  async waitUntilShown(): Promise<void> {
    await this.main()
      .getByRole('heading', { level: 1, name: /^バックアップ計画$|^Backup plan$/ })
      .waitFor();
    await this.summaryLine().waitFor();
  }

  summaryLine(): Locator {
    return this.main().getByTestId('backup-summary-line');
  }

  /** Opens the editor of a system without a plan from its row's button. */
  async writePlanFor(system: string): Promise<void> {
    await this.main()
      .getByRole('link', { name: `「${system}」の計画を作る` })
      .first()
      .click();
    await this.main().getByRole('heading', { level: 1, name: 'バックアップ計画を作る' }).waitFor();
  }

  /** The 3-2-1 line of the live verdict: 満たしています / 3-2-1を満たさない. */
  async verdict321(): Promise<string> {
    return (await this.main().getByTestId('verdict-321').textContent())?.trim() ?? '';
  }

  verdictPanel(): Locator {
    return this.main().getByTestId('backup-verdict');
  }

  copies(): Locator {
    return this.main().getByTestId('backup-copy');
  }

  /** Adds a copy and fills what the test names; the new copy is the last card. */
  async addCopy(copy: {
    medium: string;
    location?: string;
    connection?: string;
    checks?: string[];
  }): Promise<Locator> {
    await this.main().getByRole('button', { name: '写しを加える' }).click();
    const card = this.copies().last();
    await chooseOption(card.getByRole('combobox', { name: '媒体', exact: true }), copy.medium);
    if (copy.location)
      await chooseOption(card.getByRole('combobox', { name: '置き場所', exact: true }), copy.location);
    if (copy.connection)
      await chooseOption(card.getByRole('combobox', { name: '接続', exact: true }), copy.connection);
    for (const c of copy.checks ?? []) await card.getByRole('checkbox', { name: c }).check();
    return card;
  }

  async save(): Promise<void> {
    await this.main().getByRole('button', { name: '保存する' }).click();
  }

  /** The list's rows as name → verdict text. */
  async verdictOf(name: string): Promise<string> {
    const link = this.main().getByRole('link', { name, exact: true }).first();
    await link.waitFor();
    const row = this.main()
      .locator('tr, li')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) })
      .first();
    return (await row.locator('.mantine-Badge-label').first().textContent())?.trim() ?? '';
  }
}
