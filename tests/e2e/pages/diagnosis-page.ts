import type { Locator, Page } from 'playwright-core';
import { chooseOption, tableRecords } from '../support/mantine.js';

/** IT依存度診断（松竹梅）: the questionnaire, its result with measures, the tasks and the history. */
export class DiagnosisPage {
  constructor(readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: 'IT依存度診断（松竹梅）' })
      .waitFor();
  }

  questions(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: '質問' });
  }

  /** Picks an answer: the question by (part of) its text, the option by its whole text. */
  async answer(question: string, option: string): Promise<void> {
    const group = this.questions().getByRole('radiogroup', { name: new RegExp(escapeRegExp(question)) });
    await group.getByRole('radio', { name: option, exact: true }).check();
  }

  submitButton(): Locator {
    return this.questions().getByRole('button', { name: '診断する' });
  }

  async submit(): Promise<void> {
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/diagnosis/results'),
      ),
      this.submitButton().click(),
    ]);
  }

  result(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: /^診断結果：/ });
  }

  /** The result's reasons: "question → answer", strongest first. */
  async reasons(): Promise<string[]> {
    const items = await this.result().getByRole('listitem').allTextContents();
    return items.map((s) => s.replace(/\s+/g, ' ').trim());
  }

  measures(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: 'この区分におすすめの対策' });
  }

  /** Ticks a measure; its owner and due date fields open under it. */
  /** One recommended measure's card: its checkbox, and once made a task, the mark and the link to it. */
  measure(title: string): Locator {
    return this.measures().locator('.mantine-Card-root', {
      has: this.page.getByRole('checkbox', { name: title }),
    });
  }

  async tickMeasure(title: string): Promise<void> {
    await this.measures().getByRole('checkbox', { name: title }).check();
  }

  /** The due date of the ticked measure (only one is open at a time in these tests). */
  dueDate(): Locator {
    return this.measures().getByLabel('期限');
  }

  async chooseOwner(name: string): Promise<void> {
    await chooseOption(this.measures().getByRole('combobox', { name: '担当者' }), name, { search: name });
  }

  async makeTasks(): Promise<void> {
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/diagnosis/tasks'),
      ),
      this.measures()
        .getByRole('button', { name: /をタスクにする$/ })
        .click(),
    ]);
  }

  tasks(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: '対策のタスク' });
  }

  /** Task rows: title, owner, due date, status (the value of its select box). */
  async taskRows(): Promise<Record<'title' | 'owner' | 'due' | 'status', string>[]> {
    const table = this.tasks().getByRole('table');
    const rows = await tableRecords(table, ['title', 'owner', 'due']);
    const statuses = await table
      .getByRole('combobox')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    return rows.map((r, i) => ({ ...r, status: statuses[i] ?? '' }));
  }

  async setTaskStatus(title: string, status: string): Promise<void> {
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/diagnosis/tasks/'),
      ),
      chooseOption(this.tasks().getByRole('combobox', { name: `「${title}」の状態` }), status),
    ]);
  }

  history(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: 'これまでの診断' });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
