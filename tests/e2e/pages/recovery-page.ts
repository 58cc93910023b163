import type { Locator, Page } from 'playwright-core';

/** 復旧計画: the overview (status, order, incidents, contacts) and one system's procedure. */
export class RecoveryPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, path = '/recovery'): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
    await this.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  }

  status(): Locator {
    return this.page.getByRole('region', { name: 'いまの状況と復旧の順番' });
  }

  async openSystem(name: string): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name }).first().click();
    await this.page.getByRole('heading', { level: 1, name: `「${name}」の復旧の手順` }).waitFor();
  }

  async createFromTemplate(): Promise<void> {
    await this.page.getByRole('button', { name: 'ひな形から手順を作る' }).click();
    await this.page.getByRole('heading', { level: 2, name: /第一段階/ }).waitFor();
  }

  feasibility(): Locator {
    return this.page.getByTestId('feasibility-alert');
  }

  /** The phase-1 step cards, in order. */
  phase1Steps(): Locator {
    return this.page.getByTestId('phase1-step');
  }

  async setDuration(stepIndex: number, text: string): Promise<void> {
    const field = this.phase1Steps().nth(stepIndex).getByLabel('かかる時間');
    await field.fill(text);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存する', exact: true }).click();
  }
}
