import type { Locator, Page } from 'playwright-core';

/** 対策本部: the incident list (declare, one-click drill) and one incident's headquarters. */
export class IncidentsPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, path = '/incidents'): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
    await this.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  }

  /** Starts a drill in one click and waits for its headquarters. */
  async startDrill(): Promise<void> {
    await this.page.getByRole('button', { name: '訓練を始める' }).click();
    await this.heading('訓練: ランサムウェア被害').waitFor();
  }

  heading(title: string): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1, name: title });
  }

  /** Writes a chronology entry stamped "now" (the 今 button). */
  async addEntry(text: string): Promise<void> {
    await this.page.getByRole('button', { name: '今', exact: true }).click();
    await this.page.getByRole('textbox', { name: /^内容/ }).fill(text);
    await this.page.getByRole('button', { name: '記録する', exact: true }).click();
    await this.entryText(text).waitFor();
  }

  /** Corrects an entry with a new one (the original stays, struck through). */
  async correct(original: string, text: string): Promise<void> {
    await this.entry(original).getByRole('button', { name: '訂正する' }).click();
    await this.page.getByText('次の記録を訂正します').waitFor();
    await this.page.getByRole('textbox', { name: /^内容/ }).fill(text);
    await this.page.getByRole('button', { name: '訂正を記録する' }).click();
    await this.entryText(text).waitFor();
  }

  /** An entry's row (a table row, or a card on a phone). */
  entry(text: string): Locator {
    return this.page
      .getByRole('main')
      .getByRole('row')
      .or(this.page.getByRole('main').getByRole('listitem'))
      .filter({ has: this.entryText(text) });
  }

  entryText(text: string): Locator {
    return this.page.getByTestId('entry-text').filter({ hasText: text });
  }

  /** Whether an entry's words are struck through (a corrected entry). */
  async isStruckThrough(text: string): Promise<boolean> {
    return this.entryText(text).evaluate((el) =>
      getComputedStyle(el).textDecorationLine.includes('line-through'),
    );
  }

  async openTab(name: 'クロノロジー' | 'IT復旧' | 'タスクと決定' | '体制'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Closes the incident with its lessons learned and waits until it shows as closed. */
  async close(summary: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /^振り返り/ }).fill(summary);
    await this.page.getByRole('button', { name: '終結する' }).click();
    await this.page.getByRole('main').getByText('終結', { exact: true }).waitFor();
  }
}
