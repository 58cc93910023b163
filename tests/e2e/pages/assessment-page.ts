import type { Download, Locator, Page } from 'playwright-core';
import { chooseOption, tableRows } from '../support/mantine.js';

/** セキュリティ自己評価: the list and start form, the item sheet, the action plan. */
export class AssessmentPage {
  constructor(readonly page: Page) {}

  private main(): Locator {
    return this.page.getByRole('main');
  }

  async waitUntilShown(): Promise<void> {
    await this.main().getByRole('heading', { level: 1, name: 'セキュリティ自己評価' }).waitFor();
  }

  /** Starts an assessment of one checklist (its label as the start form shows it); waits for its sheet. */
  async start(title: string, checklist: string | RegExp): Promise<void> {
    const form = this.main().getByRole('region', { name: '自己評価を始める' });
    await form.getByRole('textbox', { name: '名前' }).fill(title);
    // Telework is chosen by default; this spec uses one checklist only.
    await form.getByRole('checkbox', { name: /テレワーク/ }).uncheck();
    await form.getByRole('checkbox', { name: checklist }).check();
    await form.getByRole('button', { name: '始める' }).click();
    await this.main().getByRole('heading', { level: 1, name: title }).waitFor();
  }

  /** One item of the sheet, by its measure. */
  item(measure: string): Locator {
    return this.main().getByRole('article', { name: measure });
  }

  /** Waits until the item says it saved its answer. */
  async saved(item: Locator): Promise<void> {
    await item.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
  }

  async decideWillDo(item: Locator, dueDate: string): Promise<void> {
    await item.getByRole('radio', { name: '実施する（期限を決める）' }).check();
    await item.getByLabel('期限', { exact: true }).fill(dueDate);
    await this.saved(item);
  }

  async decideDone(item: Locator): Promise<void> {
    await item.getByRole('radio', { name: '実施済み' }).check();
    await this.saved(item);
  }

  async rateImpact(item: Locator, aspect: string, level: string): Promise<void> {
    await chooseOption(item.getByRole('combobox', { name: aspect }), level);
    await this.saved(item);
  }

  async openTab(name: string): Promise<void> {
    await this.main()
      .getByRole('navigation', { name: '自己評価のページ' })
      .getByRole('link', { name })
      .click();
  }

  /** The action plan's rows, cell texts. */
  async actions(): Promise<string[][]> {
    // The plan's only table (its name is on the scrolling box around it).
    return tableRows(this.main().getByRole('table'));
  }

  /** Picks the owner of the action of `measure` and waits until the plan has saved it. */
  async chooseOwner(measure: string, name: string): Promise<void> {
    const saved = this.page.waitForResponse((r) => r.url().includes('/assessment-actions/') && r.ok());
    await chooseOption(this.main().getByRole('combobox', { name: `「${measure}」の担当` }), name);
    await saved;
  }

  async exportSheet(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.main().getByRole('link', { name: 'チェックシートを書き出す（Excel）' }).click(),
    ]);
    return download;
  }

  /** Renames the open assessment in its dialog and waits for the new title. */
  async rename(title: string): Promise<void> {
    await this.main().getByRole('button', { name: '名前・評価日を変更' }).click();
    const dialog = this.page.getByRole('dialog', { name: '評価の名前と評価日を変更' });
    await dialog.getByRole('textbox', { name: '名前' }).fill(title);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.main().getByRole('heading', { level: 1, name: title }).waitFor();
  }

  /** Opens the delete confirmation of the assessment `title`; returns the dialog. */
  async askDelete(title: string): Promise<Locator> {
    await this.main().getByRole('button', { name: 'この評価を削除' }).click();
    const dialog = this.page.getByRole('dialog', { name: `「${title}」を削除しますか？` });
    await dialog.waitFor();
    return dialog;
  }
}
